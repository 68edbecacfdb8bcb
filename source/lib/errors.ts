import {sanitize} from './sanitize.js';

/** An error meant for the user: its message is one clear line, printed as is. */
export class UserError extends Error {
	override name = 'UserError';

	constructor(
		message: string,
		/** Exit code of the command that fails with it. */
		readonly exitCode = 1,
	) {
		super(message);
	}
}

/** The message of anything thrown, on one line. */
export function messageOf(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n')[0] ?? text;
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
