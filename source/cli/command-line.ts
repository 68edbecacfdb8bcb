/**
 * Runs the command line on `argv`. With a table of the commands (built from the registry by the
 * build, build/command-table.ts), a command named in it gets a program holding only that command:
 * the other commands' files, and what they import, are never loaded. Anything else (no command,
 * `--help`, `--version`, `help`, an unknown command) gets the whole program, which the caller
 * passes in: a bundle of one command (command-entry.ts) never holds the registry. The build checks
 * that each command registered alone has the same flags, arguments and help as in the whole program.
 */
import type {Command} from 'commander';
import {finishProgram, rootProgram} from './root.js';

/** Registers one command (or group) on the program: an export such as `registerStatus`. */
export type Register = (program: Command) => void;

/** The commands the build found in the registry, by name and alias: each loads only its own file. */
export type CommandTable = Readonly<Record<string, () => Promise<Register>>>;

/** The whole program, every command registered: program.ts's createProgram. */
export type WholeProgram = (openDeck: () => Promise<void>) => Promise<Command>;

/** The program `argv` needs: only its command when the table has it, else every command. */
export async function programFor(
	argv: readonly string[],
	openDeck: () => Promise<void>,
	table: CommandTable,
	whole: WholeProgram,
): Promise<Command> {
	const name = argv[2];
	const load = name !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
	if (load) {
		const program = rootProgram(openDeck);
		(await load())(program);
		return finishProgram(program);
	}

	return whole(openDeck);
}

/** Parses `argv` (process.argv's shape) and runs the command it names. */
export async function runCommandLine(
	argv: readonly string[],
	openDeck: () => Promise<void>,
	table: CommandTable,
	whole: WholeProgram,
): Promise<void> {
	await (await programFor(argv, openDeck, table, whole)).parseAsync([...argv]);
}
