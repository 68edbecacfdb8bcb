import type {Candidate} from '../../services/completion-sources.js';
import type {ArgumentSpec, CommandSpec, OptionSpec, ValueKind} from './spec.js';

/**
 * What a shell should offer: these candidates, each as the line `authdeck __complete` prints for it
 * (candidateLine), or the files it completes itself.
 */
export type Completion = {readonly files: boolean; readonly lines: readonly string[]};

/**
 * One kind's candidates starting with a prefix, as lines (services/completion-sources.ts's valuesOf
 * over some vault, through candidateLine): a <TAB> among 1,000 accounts prints 2,000 of them, kept
 * as the text they are printed as, not as objects made again into it.
 */
export type Values = (kind: ValueKind, prefix: string) => readonly string[];

const nothing: Completion = {files: false, lines: []};

/** A candidate as a line: the word, then a tab and its description when it has one (fish and zsh show it). */
export const candidateLine = ({value, description}: Candidate): string =>
	description ? `${value}\t${description.replaceAll(/\s+/g, ' ')}` : value;

/**
 * Whether a candidate's line offers a word starting with `prefix`: the word is all before the tab,
 * and no word holds a tab (valuesOf leaves out any with a control character).
 */
export const offers = (line: string, prefix: string): boolean =>
	line.startsWith(prefix) && !prefix.includes('\t');

function findOption(command: CommandSpec, flag: string): OptionSpec | undefined {
	return command.options.find((option) => option.flags.includes(flag));
}

function valueCompletion(
	spec: {value: ValueKind; choices?: readonly string[]},
	values: Values,
	prefix: string,
): Completion {
	if (spec.choices) {
		return {files: false, lines: spec.choices.filter((c) => c.startsWith(prefix))};
	}

	if (spec.value === 'files') return {files: true, lines: []};
	return {files: false, lines: values(spec.value, prefix)};
}

function argumentAt(command: CommandSpec, index: number): ArgumentSpec | undefined {
	const last = command.arguments.at(-1);
	return command.arguments[index] ?? (last?.variadic ? last : undefined);
}

/**
 * The candidates for the last word of `words` (the words after `authdeck`, the last one being the
 * word being typed, maybe ''). Walks the words as commander would read them: subcommands, flags and
 * their values (`--account x`, `--account=x`, and bash's `--account = x`), positional arguments.
 */
export function complete(
	root: CommandSpec,
	words: readonly string[],
	vaultValues: Values,
): Completion {
	let command = root;
	let pending: OptionSpec | undefined;
	let positional = 0;
	const done = words.slice(0, -1);
	const current = words.at(-1) ?? '';
	for (const [index, word] of done.entries()) {
		if (pending) {
			// bash splits `--account=pr` at the `=`: the value is the word after it.
			if (word !== '=' || done[index - 1]?.startsWith('-') !== true) pending = undefined;
			continue;
		}

		if (word === '--') {
			return command.passThrough ? {files: true, lines: []} : nothing;
		}

		if (word.startsWith('-') && word.length > 1) {
			const option = findOption(command, word.split('=')[0] ?? word);
			if (option?.takesValue && !word.includes('=')) pending = option;
			continue;
		}

		const sub = positional === 0 ? command.subcommands[word] : undefined;
		if (sub) {
			command = sub;
			continue;
		}

		positional++;
		if (command.passThrough && positional > 0) return {files: true, lines: []};
	}

	if (pending) return valueCompletion(pending, vaultValues, current === '=' ? '' : current);
	if (current.startsWith('--') && current.includes('=')) {
		const [flag = '', ...rest] = current.split('=');
		const option = findOption(command, flag);
		if (!option?.takesValue) return nothing;
		const values = valueCompletion(option, vaultValues, rest.join('='));
		return {files: values.files, lines: values.lines.map((line) => `${flag}=${line}`)};
	}

	if (current.startsWith('-')) {
		return {
			files: false,
			lines: command.options.flatMap((option) =>
				option.flags
					.filter((flag) => flag.startsWith(current))
					.map((value) => candidateLine({value, description: option.description})),
			),
		};
	}

	const subcommands: string[] =
		positional === 0
			? Object.entries(command.subcommands)
					.filter(([name]) => name.startsWith(current))
					.map(([value, sub]) => candidateLine({value, description: sub.description}))
			: [];
	const argument = argumentAt(command, positional);
	const values = argument ? valueCompletion(argument, vaultValues, current) : nothing;
	return {files: values.files, lines: [...subcommands, ...values.lines]};
}

/**
 * The lines `authdeck __complete` prints: `:files` first when the shell should also offer files,
 * then one candidate a line, its description after a tab (for zsh and fish; bash drops it).
 */
export function completionLines(completion: Completion): string {
	const lines = completion.files ? [':files', ...completion.lines] : completion.lines;
	return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
