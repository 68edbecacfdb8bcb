import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Command, Option} from 'commander';
import {createProgram} from '../source/cli/program.js';
import {keyTableMarkdown} from '../source/deck/bindings/index.js';

/** The readme reads the program's help; it never opens the deck. */
const noDeck = async () => {
	throw new Error('the readme generator does not open the deck');
};

/** The readme's generated parts, each between `<!-- name:start -->` and `<!-- name:end -->`. */
export type Section = 'usage' | 'keys' | 'commands' | 'deck-speed' | 'speed';

export const readmePath = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../readme.md',
);

function optionType(option: Option): string {
	if (option.argChoices) {
		return option.argChoices.map((choice) => `\`${choice}\``).join(' \\| ');
	}

	if (option.required || option.optional) {
		return 'string';
	}

	return 'boolean';
}

function optionDefault(option: Option): string {
	if (option.defaultValue !== undefined) {
		return `\`${JSON.stringify(option.defaultValue)}\``;
	}

	return optionType(option) === 'boolean' ? '`false`' : 'none';
}

function usageOf(command: Command, parents: readonly string[]): string {
	const args = command.registeredArguments.map((argument) => {
		const name = `${argument.name()}${argument.variadic ? '...' : ''}`;
		return argument.required ? `<${name}>` : `[${name}]`;
	});
	return [...parents, command.name(), command.options.length > 0 ? '[options]' : '', ...args]
		.filter(Boolean)
		.join(' ');
}

function describe(command: Command, parents: readonly string[]): string[] {
	const lines: string[] = [];
	if (
		command.commands.length > 0 &&
		command.options.length === 0 &&
		command.registeredArguments.length === 0
	) {
		for (const sub of command.commands) {
			lines.push(...describe(sub, [...parents, command.name()]));
		}

		return lines;
	}

	lines.push(`### \`${usageOf(command, parents)}\``, '', command.description(), '');
	for (const argument of command.registeredArguments) {
		lines.push(`- \`${argument.name()}\`: ${argument.description || 'see above'}`);
	}

	for (const option of command.options) {
		lines.push(
			`- \`${option.flags}\`: ${option.description}  `,
			`  Type: ${optionType(option)} · Default: ${optionDefault(option)}`,
		);
	}

	if (command.registeredArguments.length > 0 || command.options.length > 0) {
		lines.push('');
	}

	for (const sub of command.commands) {
		lines.push(...describe(sub, [...parents, command.name()]));
	}

	return lines;
}

/** Every subcommand with its arguments and flags (`Type:`, `Default:`), from the program itself. */
export function commandReference(): string {
	const program = createProgram(noDeck);
	return program.commands
		.flatMap((command) => describe(command, ['authdeck']))
		.join('\n')
		.trim();
}

/** `authdeck --help`, as a reader at an 80-column terminal sees it. */
export function usageText(): string {
	const program = createProgram(noDeck);
	program.configureOutput({getOutHelpWidth: () => 80});
	return `\`\`\`\n$ authdeck --help\n${program.helpInformation().trimEnd()}\n\`\`\``;
}

/**
 * A part of the figures the last `npm run bench` wrote (scripts/bench-results.md): the deck's, before
 * its commands marker, or the plain commands' and the keychain's, after it.
 */
export function speedFigures(part: 'deck' | 'commands' = 'commands'): string {
	const file = path.join(path.dirname(readmePath), 'scripts', 'bench-results.md');
	if (!fs.existsSync(file)) return 'Run `npm run bench`.';
	const text = fs.readFileSync(file, 'utf8');
	const marker = '<!-- bench: commands -->';
	const at = text.indexOf(marker);
	const [deck, commands] =
		at === -1 ? ['', text] : [text.slice(0, at), text.slice(at + marker.length)];
	return (part === 'deck' ? deck : commands).trim() || 'Run `npm run bench`.';
}

export function sections(): Record<Section, string> {
	return {
		usage: usageText(),
		keys: keyTableMarkdown(),
		commands: commandReference(),
		'deck-speed': speedFigures('deck'),
		speed: speedFigures(),
	};
}

/** The text between a section's markers in `readme`. */
export function sectionOf(readme: string, name: Section): string | undefined {
	const match = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(
		readme,
	);
	return match?.[1];
}

/** Rewrites every generated section of the readme (`npm run readme`). */
export function updateReadme(readme: string): string {
	let text = readme;
	for (const [name, content] of Object.entries(sections())) {
		text = text.replace(
			new RegExp(`<!-- ${name}:start -->\\n(?:[\\s\\S]*?\\n)?<!-- ${name}:end -->`),
			() => `<!-- ${name}:start -->\n${content}\n<!-- ${name}:end -->`,
		);
	}

	return text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	fs.writeFileSync(readmePath, updateReadme(fs.readFileSync(readmePath, 'utf8')));
}
