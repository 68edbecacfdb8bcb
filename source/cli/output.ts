import type {Command, OutputConfiguration} from 'commander';
import {fail} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import {writeOut} from '../lib/write-out.js';
import {insecureWarning} from '../net/route.js';
import {lookupAnswerKeeper} from '../services/lookup-answers.js';
import {type Context, openContext} from '../store/context.js';
import {resolveProfile} from '../store/resolve-account.js';
import {exitProcess} from '../vault/keychain.js';

/** Writes text to stdout, adding the final newline when missing. */
export function print(text: string): void {
	writeOut(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * commander's usage error (unknown option or command, missing or excess argument, invalid choice) as
 * the one line every failure is. Its text quotes argv, so it is sanitised like any outside text; its
 * suggestion ("(Did you mean --json?)") sits on a second line and joins the first.
 */
export function usageLine(text: string): string {
	const lines = text
		.replace(/^error: /, '')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
	return `authdeck: ${sanitize(lines.join(' '), 1000)} (run authdeck --help for usage)`;
}

/** Sanitises each line of a text but keeps its line breaks, for help that commander writes to stderr. */
function sanitizeLines(text: string): string {
	return text
		.split('\n')
		.map((line) => sanitize(line, 10_000))
		.join('\n');
}

/**
 * How commander writes. Usage errors and whatever else goes to stderr (help after an error) are
 * sanitised; stdout carries only `--help` and `--version`, text of our own, left as written.
 */
export const commanderOutput: OutputConfiguration = {
	outputError: (text, write) => write(`${usageLine(text)}\n`),
	writeErr: (text) => writeOut(sanitizeLines(text), 2),
};

/**
 * Sets `commanderOutput` on a command and every command below it. commander copies the output
 * configuration only to subcommands created after it is set, and never to one added by
 * `addCommand`, so it is applied to the finished tree instead of relying on the order of calls.
 */
export function configureOutputEverywhere(command: Command): void {
	command.configureOutput(commanderOutput);
	for (const sub of command.commands) {
		configureOutputEverywhere(sub);
	}
}

/** The red line on stderr of every command while certificates are not checked. */
export function warnIfInsecure(context: Pick<Context, 'store' | 'env'>): void {
	if (context.store.getState().vault.settings.insecureSkipVerify !== true) {
		return;
	}

	const color = process.stderr.isTTY && context.env.NO_COLOR === undefined;
	writeOut(color ? `\u001B[31m${insecureWarning}\u001B[39m\n` : `${insecureWarning}\n`, 2);
}

/** The shared flags from the command commander passes last to an action. */
function choiceFlags(command: unknown): {account?: string; org?: string; profile?: string} {
	// Not `instanceof Command`: the build may hold commander's class more than once.
	if (typeof (command as Partial<Command> | undefined)?.opts !== 'function') {
		return {};
	}

	const {account, org, profile} = (command as Command).opts<Record<string, unknown>>();
	const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
	return {account: text(account), org: text(org), profile: text(profile)};
}

/**
 * Wraps a subcommand: opens the vault, runs it, prints errors as one line on stderr and exits with
 * the code it returns (0 when it returns nothing). The exit is explicit because a keychain call that
 * timed out may still hold a thread of the native keytar module (see exitProcess).
 */
export function action<A extends unknown[]>(
	run: (context: Context, ...args: A) => Promise<number | void>,
) {
	return async (...args: A): Promise<void> => {
		let code: number;
		try {
			const context = await openContext({
				flags: choiceFlags(args.at(-1)),
				written: lookupAnswerKeeper,
			});
			// A `--profile` naming no profile is an error on every command, whether it reads one or not.
			if (context.flags.profile !== undefined) {
				resolveProfile(context.store.getState().vault, {
					...context,
					profile: context.flags.profile,
				});
			}

			warnIfInsecure(context);
			code = (await run(context, ...args)) ?? 0;
		} catch (error) {
			code = fail(error);
		}

		exitProcess(code);
	};
}
