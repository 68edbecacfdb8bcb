/**
 * Writes source/cli/command-table.ts for the commands' bundle: every command of the registry
 * (source/cli/program.ts) by name and alias, with the export of its file that registers it. A run
 * of `authdeck status` then loads status.ts and what it imports, not the other commands' files.
 *
 * The table is made from the registry itself, so a command added there is in it. Each command is
 * checked here: registered alone on the bare program, its name, aliases, flags, arguments and help
 * (its subcommands' too) must be those it has in the whole program, or it is left out, with a
 * warning, and runs with the whole program. A command file that reads the whole program (a
 * completion script lists every command) says so with `export const wholeProgram = true`.
 */
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type {Command} from 'commander';
import type {Plugin} from 'esbuild';
import {root} from './patches/patch.js';

const cli = path.join(root, 'source', 'cli');
const noDeck = async () => undefined;

/** A command as help shows it, its subcommands included, for comparing two registrations. */
function describe(command: Command): string {
	const own = {
		name: command.name(),
		aliases: command.aliases(),
		help: command.helpInformation(),
		options: command.options.map((option) => [
			option.flags,
			option.defaultValue,
			option.argChoices,
		]),
		arguments: command.registeredArguments.map((argument) => [
			argument.name(),
			argument.required,
			argument.variadic,
			argument.defaultValue,
			argument.argChoices,
		]),
	};
	return JSON.stringify([own, command.commands.map((sub) => describe(sub))]);
}

type Entry = {readonly names: readonly string[]; readonly file: string; readonly register: string};

/** The registry's imports of register functions that it calls on the program. */
function registryImports(text: string): Array<{register: string; file: string}> {
	const found: Array<{register: string; file: string}> = [];
	for (const match of text.matchAll(/import\s*\{([^}]+)\}\s*from\s*'(\.\/commands\/[^']+)'/g)) {
		for (const name of (match[1] ?? '').split(',').map((part) => part.trim())) {
			if (/^register\w+$/.test(name) && new RegExp(`\\b${name}\\(program\\)`).test(text)) {
				found.push({register: name, file: match[2] as string});
			}
		}
	}

	return found;
}

type Entries = {entries: Entry[]; warnings: string[]};

let made: Promise<Entries> | undefined;

/**
 * The table's entries, and a warning for each command left out: made once per build process, since
 * cli.cjs, each one-command bundle and the launcher all ask for them.
 */
export function commandEntries(): Promise<Entries> {
	made ??= makeEntries();
	return made;
}

async function makeEntries(): Promise<Entries> {
	const load = (file: string) => import(pathToFileURL(path.join(cli, file)).href);
	const {createProgram} = await load('program.ts');
	const {finishProgram, rootProgram} = await load('root.ts');
	const whole = createProgram(noDeck) as Command;
	const expected = new Map(whole.commands.map((command) => [command.name(), describe(command)]));
	const text = fs.readFileSync(path.join(cli, 'program.ts'), 'utf8');
	const entries: Entry[] = [];
	const warnings: string[] = [];
	for (const {register, file} of registryImports(text)) {
		const module = await load(file.replace(/\.js$/, '.ts'));
		const alone = rootProgram(noDeck) as Command;
		module[register](alone);
		finishProgram(alone);
		const same = alone.commands.every(
			(command) => expected.get(command.name()) === describe(command),
		);
		if (module.wholeProgram === true) continue;
		if (!same || alone.commands.length === 0) {
			warnings.push(
				`${register} (${file}) differs when registered alone: it runs with every command`,
			);
			continue;
		}

		entries.push({
			names: alone.commands.flatMap((command) => [command.name(), ...command.aliases()]),
			file,
			register,
		});
	}

	return {entries, warnings};
}

/**
 * The text of source/cli/command-table.ts for a bundle: every command of the registry, or with
 * `only`, the one command (or group) of that name alone, for its own bundle.
 */
export async function commandTableSource(only?: string): Promise<string> {
	const {entries: all, warnings} = await commandEntries();
	const entries = only === undefined ? all : all.filter(({names}) => names.includes(only));
	if (only !== undefined && entries.length !== 1) {
		throw new Error(`build: no command of the registry runs alone as '${only}'`);
	}
	if (only === undefined) for (const warning of warnings) console.warn(`build: ${warning}`);
	const {createProgram} = await import(pathToFileURL(path.join(cli, 'program.ts')).href);
	const names = (createProgram(noDeck) as Command).commands.flatMap((command) => [
		command.name(),
		...command.aliases(),
	]);
	const lines = entries.flatMap(({names, file, register}) =>
		names.map(
			(name) =>
				`\t${JSON.stringify(name)}: () => import(${JSON.stringify(file)}).then((m) => m.${register}),`,
		),
	);
	return [
		"import type {CommandTable} from './command-line.js';",
		`export const commandTable: CommandTable = {\n${lines.join('\n')}\n};`,
		`export const commandNames: readonly string[] = ${JSON.stringify(names)};`,
		'',
	].join('\n');
}

/**
 * Gives the bundle the table made from the registry instead of the empty one in source/: of every
 * command, or with `only`, of that one command alone.
 */
export function commandTablePlugin(only?: string): Plugin {
	return {
		name: 'command-table',
		setup(build) {
			build.onLoad({filter: /[\\/]source[\\/]cli[\\/]command-table\.ts$/}, async () => ({
				contents: await commandTableSource(only),
				loader: 'ts',
				resolveDir: cli,
			}));
		},
	};
}
