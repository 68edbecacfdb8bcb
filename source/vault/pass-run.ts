/**
 * One call of the `pass` command (the standard Unix password store), bounded by a timeout. The
 * secret travels on stdin and stdout only, never in argv or the environment: `pass insert
 * --multiline` reads it from stdin and hands that same stdin to gpg.
 */

import {nodeChildProcess} from '../lib/builtins.js';
import {UserError} from '../lib/errors.js';
import {keychainExitCode} from './keychain.js';

/**
 * How long one `pass` call may take. Longer than the keychain's 3 s: each call starts gpg, and the
 * first one of a session starts gpg-agent too (measured ~1 s on a loaded 2-core machine). A key
 * whose passphrase gpg-agent has to ask for is bounded by the same limit.
 */
export const passTimeout = 10_000;

/** The secret store in `pass` could not be used: exits 3, like a keychain that cannot be used. */
export class PassError extends UserError {
	override name = 'PassError';

	constructor(message: string) {
		super(message, {exitCode: keychainExitCode});
	}
}

/** What one finished call gave back. */
export type PassResult = {
	readonly code: number | null;
	/** Bytes, exactly as gpg decrypted them. */
	readonly stdout: Buffer;
	readonly stderr: string;
};

export type PassRunOptions = {
	readonly env: NodeJS.ProcessEnv;
	/** Written to stdin, which is then closed. */
	readonly input?: string;
	/** @default passTimeout */
	readonly timeout?: number;
	/** What the call is doing, for the timeout's message ("reading a secret"). */
	readonly what: string;
};

/** The line that says `pass` is missing. */
export const notInstalled =
	'pass is not installed (no `pass` command on PATH); install it (Debian/Ubuntu: apt install pass) or choose another store: authdeck config set storage file';

/** The `pass` command names used in argv: never a secret, only subcommands, flags and entry names. */
export function runPass(args: readonly string[], options: PassRunOptions): Promise<PassResult> {
	const timeout = options.timeout ?? passTimeout;
	return new Promise((resolve, reject) => {
		const child = nodeChildProcess().spawn('pass', args, {
			env: options.env,
			stdio: ['pipe', 'pipe', 'pipe'],
			// Its own process group, so a call that does not answer is ended with the gpg it started.
			detached: true,
		});
		const stdout: Buffer[] = [];
		let stderr = '';
		let settled = false;
		const settle = (finish: () => void) => {
			if (!settled) {
				settled = true;
				clearTimeout(timer);
				finish();
			}
		};

		const timer = setTimeout(() => {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}

			settle(() =>
				reject(
					new PassError(
						`the password store did not answer within ${timeout / 1000} s (${options.what}); if gpg is waiting for your key's passphrase, unlock it first (pass show in this terminal) or set AUTHDECK_PASS_TIMEOUT`,
					),
				),
			);
		}, timeout);
		// A hung call must not keep the process alive once everything else is done.
		timer.unref();

		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk: string) => {
			// Enough for the reason; a runaway stderr is not kept.
			if (stderr.length < 16_384) stderr += chunk;
		});
		child.on('error', (error: NodeJS.ErrnoException) => {
			settle(() =>
				reject(
					error.code === 'ENOENT'
						? new PassError(notInstalled)
						: new PassError(`pass could not be started (${error.message.split('\n')[0]})`),
				),
			);
		});
		child.on('close', (code) => {
			settle(() => resolve({code, stdout: Buffer.concat(stdout), stderr}));
		});
		child.stdin.on('error', () => undefined);
		child.stdin.end(options.input ?? '');
	});
}

/** The timeout in `AUTHDECK_PASS_TIMEOUT` (seconds, 1 to 600), else {@link passTimeout}. */
export function passTimeoutFrom(env: NodeJS.ProcessEnv): number {
	const raw = env.AUTHDECK_PASS_TIMEOUT;
	if (raw === undefined || raw === '') return passTimeout;
	const seconds = Number(raw);
	if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) {
		throw new UserError(`AUTHDECK_PASS_TIMEOUT must be a whole number of seconds from 1 to 600`);
	}

	return seconds * 1000;
}
