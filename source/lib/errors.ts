import {sanitize} from './sanitize.js';
import {writeOut} from './write-out.js';

/** What a UserError carries besides its message. */
export type UserErrorOptions = {
	/** Exit code of the command that fails with it. @default 1 */
	readonly exitCode?: number;
	/**
	 * The input the error is about, by the name of its input field (`alias`, `tokenUrl`), so a form
	 * can show the error beside that field.
	 */
	readonly field?: string;
};

/** An error meant for the user: its message is one clear line, printed as is. */
export class UserError extends Error {
	override name = 'UserError';
	/** Exit code of the command that fails with it. */
	readonly exitCode: number;
	/** The input field the error is about, when it is about one. */
	readonly field?: string;

	constructor(message: string, options: UserErrorOptions = {}) {
		super(message);
		this.exitCode = options.exitCode ?? 1;
		this.field = options.field;
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
	writeOut(`authdeck: ${sanitize(messageOf(error), 1000)}\n${debug ? `${error.stack}\n` : ''}`, 2);
	return error instanceof UserError ? error.exitCode : 1;
}
