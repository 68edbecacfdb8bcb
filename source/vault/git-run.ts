/**
 * One call of the `git` command, for a team's catalogue: no shell, bounded by a timeout, with the
 * user's own configuration and credential helpers (authdeck stores no git credential). Without a
 * terminal to ask on, GIT_TERMINAL_PROMPT=0 makes a remote that wants a password fail at once
 * instead of waiting for an answer no one can type.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {UserError} from '../lib/errors.js';

/** How long one git call may take: a clone or push over a slow network, not a hung one. */
export const gitTimeout = 60_000;

export const gitMissing =
	'git is not installed (no `git` command on PATH); install it (Debian/Ubuntu: apt install git)';

/** git answered with a non-zero exit: its first meaningful line of stderr is in the message. */
export class GitError extends UserError {
	override name = 'GitError';

	constructor(
		message: string,
		/** git's whole stderr, for callers that tell a refused push from other failures. */
		readonly stderr: string,
	) {
		super(message);
	}
}

export type GitOptions = {
	readonly cwd?: string;
	readonly env: NodeJS.ProcessEnv;
	/** @default gitTimeout */
	readonly timeout?: number;
	/** Whether git may ask on the terminal (a username, a passphrase). @default stdin is a TTY */
	readonly interactive?: boolean;
};

/** The environment git runs in: the user's, with prompts off when nobody can answer them. */
export function gitEnv(options: GitOptions): NodeJS.ProcessEnv {
	const interactive = options.interactive ?? process.stdin.isTTY === true;
	return interactive ? options.env : {...options.env, GIT_TERMINAL_PROMPT: '0'};
}

/** The line of git's stderr worth showing: `fatal:`/`error:` first, else the first. */
function reason(stderr: string): string {
	const lines = stderr
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
	return (lines.find((line) => /^(fatal|error|remote):/.test(line)) ?? lines[0] ?? '').slice(
		0,
		300,
	);
}

/** Runs `git ARGS` and gives back its stdout; fails with one line naming what was being done. */
export function runGit(
	args: readonly string[],
	what: string,
	options: GitOptions,
): Promise<string> {
	const timeout = options.timeout ?? gitTimeout;
	if (options.cwd !== undefined && !fs.existsSync(options.cwd)) {
		// spawn says ENOENT for a missing cwd too, which would read as "git is not installed".
		return Promise.reject(new GitError(`cannot run git ${what}: ${options.cwd} is missing`, ''));
	}

	const interactive = options.interactive ?? process.stdin.isTTY === true;
	return new Promise((resolve, reject) => {
		const child = spawn('git', [...args], {
			cwd: options.cwd,
			env: gitEnv({...options, interactive}),
			// No terminal for git to read a password from: a prompt fails instead of waiting.
			stdio: ['ignore', 'pipe', 'pipe'],
			// Without a terminal, its own process group, so a call that does not answer is ended with
			// the ssh it started. With one, not: a new session has no terminal for git or ssh to ask
			// a password or passphrase on.
			detached: !interactive,
		});
		let stdout = '';
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
				if (child.pid) process.kill(interactive ? child.pid : -child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}

			settle(() =>
				reject(new GitError(`git did not finish ${what} within ${timeout / 1000} s`, stderr)),
			);
		}, timeout);
		timer.unref();
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk: string) => {
			if (stderr.length < 65_536) stderr += chunk;
		});
		child.on('error', (error: NodeJS.ErrnoException) => {
			settle(() =>
				reject(
					error.code === 'ENOENT'
						? new UserError(gitMissing)
						: new GitError(`git could not be started (${error.message.split('\n')[0]})`, ''),
				),
			);
		});
		child.on('close', (code) => {
			settle(() =>
				code === 0
					? resolve(stdout)
					: reject(new GitError(`git failed ${what}: ${reason(stderr) || `exit ${code}`}`, stderr)),
			);
		});
	});
}
