import type {Command} from 'commander';
import {writeOut} from '../../lib/write-out.js';
import {defaultPromptFormat, promptLine} from '../../services/prompt-line.js';

/**
 * `authdeck prompt` without commander: the whole command, for a fast path that skips the program
 * (`authdeck prompt` runs on every prompt). Reads `--format X` / `--format=X` from `args` (the words
 * after `prompt`); anything else is ignored rather than an error, since a prompt must never fail.
 * Returns what to write on stdout ('' for nothing).
 */
export function promptOutput(
	args: readonly string[],
	env: NodeJS.ProcessEnv = process.env,
	cwd = process.cwd(),
): string {
	let format = defaultPromptFormat;
	for (let index = 0; index < args.length; index++) {
		const arg = args[index] ?? '';
		if (arg === '--format' && args[index + 1] !== undefined) {
			format = args[++index] ?? format;
		} else if (arg.startsWith('--format=')) {
			format = arg.slice('--format='.length);
		}
	}

	try {
		return promptLine(format, env, cwd) ?? '';
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
		.action((options: {format: string}) => {
			writeOut(promptOutput(['--format', options.format]));
		});
}
