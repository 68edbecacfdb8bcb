import type {Command} from 'commander';
import {writeOut} from '../../lib/write-out.js';
import {defaultPromptFormat, promptLine} from '../../services/prompt-line.js';

/** The flags a prompt reads, each with a value: `--format` and the shared ones (options.ts). */
const valued = {
	'--format': 'format',
	'--account': 'account',
	'--org': 'org',
	'--profile': 'profile',
} as const;

type PromptFlags = Partial<Record<(typeof valued)[keyof typeof valued], string>>;

/**
 * `authdeck prompt` without commander: the whole command, for a fast path that skips the program
 * (`authdeck prompt` runs on every prompt). Reads `--format`, `--account`, `--org` and `--profile`,
 * as `--flag X` or `--flag=X`, from `args` (the words after `prompt`); anything else is ignored
 * rather than an error, since a prompt must never fail. Returns what to write on stdout ('' for
 * nothing).
 */
export function promptOutput(
	args: readonly string[],
	env: NodeJS.ProcessEnv = process.env,
	cwd = process.cwd(),
): string {
	const flags: PromptFlags = {};
	for (let index = 0; index < args.length; index++) {
		const arg = args[index] ?? '';
		const equals = arg.indexOf('=');
		const name = equals === -1 ? arg : arg.slice(0, equals);
		if (!Object.hasOwn(valued, name)) continue;
		const key = valued[name as keyof typeof valued];
		if (equals !== -1) {
			flags[key] = arg.slice(equals + 1);
		} else if (args[index + 1] !== undefined) {
			flags[key] = args[++index];
		}
	}

	try {
		return promptLine(flags.format ?? defaultPromptFormat, env, cwd, flags) ?? '';
	} catch {
		return '';
	}
}

/** `authdeck prompt`: the current account for a shell prompt; offline, silent when there is none. */
export function registerPrompt(program: Command): void {
	program
		.command('prompt')
		.description(
			'Print the account this shell uses, for a shell prompt (offline; prints nothing when none)',
		)
		.option(
			'--format <format>',
			'{alias} {provider} {email} {name} {org} {environment}; {?production:text} shows text for production (also ?guarded, ?protected, ?signin, ?<environment>)',
			defaultPromptFormat,
		)
		.allowUnknownOption()
		.allowExcessArguments()
		.action((options: PromptFlags) => {
			// The same words again, so that both ways in read them alike.
			const words = Object.entries(valued).flatMap(([flag, key]) => {
				const value = options[key];
				return value === undefined ? [] : [flag, value];
			});
			writeOut(promptOutput(words));
		});
}
