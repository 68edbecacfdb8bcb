import type {Argument, Command, Option} from 'commander';
import type {ValueKind} from '../../services/completion-sources.js';

export type {ValueKind} from '../../services/completion-sources.js';

/** One flag of a command: its spellings, whether it takes a value, and what that value is. */
export type OptionSpec = {
	readonly flags: readonly string[];
	readonly description: string;
	readonly takesValue: boolean;
	readonly value: ValueKind;
	readonly choices?: readonly string[];
};

/** One positional argument: what it is, and whether it takes every word that follows. */
export type ArgumentSpec = {
	readonly value: ValueKind;
	readonly choices?: readonly string[];
	readonly variadic: boolean;
};

/** One command of the tree, as completion needs it: derived from the commander program. */
export type CommandSpec = {
	readonly description: string;
	readonly subcommands: Readonly<Record<string, CommandSpec>>;
	readonly options: readonly OptionSpec[];
	readonly arguments: readonly ArgumentSpec[];
	/** Words after `--` belong to another program (`exec -- CMD`): offer files there. */
	readonly passThrough: boolean;
};

/** The value kind a flag or argument name stands for (`--account`, `[account]`, `<org>`, ...). */
function kindOf(name: string): ValueKind {
	const word = name.toLowerCase();
	if (/^(account|accounts|alias)$/.test(word)) return 'accounts';
	if (/^(org|orgs|organization)$/.test(word)) return 'orgs';
	if (word === 'profile') return 'profiles';
	if (word === 'provider') return 'providers';
	if (word === 'credential') return 'credentials';
	if (word === 'shell') return 'shells';
	if (/file|path|dir/.test(word)) return 'files';
	return 'none';
}

function optionSpec(option: Option): OptionSpec {
	const takesValue = option.required || option.optional;
	// The value's name as the flag writes it (`--account <alias|email|id>`), else the flag's own name.
	const placeholder = /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1] ?? '';
	const byName = kindOf(option.attributeName());
	const value = byName === 'none' ? kindOf(placeholder.split(/[|\s]/)[0] ?? '') : byName;
	return {
		flags: [option.long, option.short].filter((flag): flag is string => Boolean(flag)),
		description: option.description,
		takesValue,
		value: takesValue ? value : 'none',
		...(option.argChoices ? {choices: option.argChoices} : {}),
	};
}

function argumentSpec(argument: Argument): ArgumentSpec {
	return {
		value: kindOf(argument.name()),
		...(argument.argChoices ? {choices: argument.argChoices} : {}),
		variadic: argument.variadic,
	};
}

/**
 * The completion tree of a commander program: its visible commands, flags (help and version
 * included) and arguments, as commander's own help lists them, so completion never drifts from
 * `--help`.
 */
export function completionSpec(command: Command): CommandSpec {
	const help = command.createHelp();
	const subcommands: Record<string, CommandSpec> = {};
	for (const sub of help.visibleCommands(command)) {
		if (sub.name() === 'help') continue;
		const spec = completionSpec(sub);
		for (const name of [sub.name(), ...sub.aliases()]) subcommands[name] = spec;
	}

	const options = [...help.visibleOptions(command), ...help.visibleGlobalOptions(command)];
	return {
		description: command.description(),
		subcommands,
		options: options.map((option) => optionSpec(option)),
		arguments: command.registeredArguments.map((argument) => argumentSpec(argument)),
		// commander keeps this private; the `--` of `exec` is what it marks.
		passThrough: Boolean(
			(command as unknown as {_passThroughOptions?: boolean})._passThroughOptions,
		),
	};
}
