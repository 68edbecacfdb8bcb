import {type Context, openContext} from './context.js';
import {sanitize} from './lib/sanitize.js';
import {messageOf, UserError} from './vault/errors.js';
import {exitProcess} from './vault/keychain.js';

/** Writes text to stdout, adding the final newline when missing. */
export function print(text: string): void {
	process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** The one line a failed command prints on stderr. No stack, no secret: messages never hold one. */
export function fail(error: unknown): number {
	const debug =
		process.env.AUTHDECK_DEBUG === '1' && error instanceof Error && !(error instanceof UserError);
	process.stderr.write(
		`authdeck: ${sanitize(messageOf(error), 1000)}\n${debug ? `${error.stack}\n` : ''}`,
	);
	return error instanceof UserError ? error.exitCode : 1;
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
			const context = await openContext();
			code = (await run(context, ...args)) ?? 0;
		} catch (error) {
			code = fail(error);
		}

		exitProcess(code);
	};
}
