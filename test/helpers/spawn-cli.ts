import {spawn} from 'node:child_process';
import {builtCli, type RunResult, root} from './run-binary.js';

export type LiveRun = {
	/** Resolves with the first match of `pattern` in stderr (bounded by `timeout`). */
	waitFor(pattern: RegExp, timeout?: number): Promise<RegExpMatchArray>;
	readonly done: Promise<RunResult>;
};

/** Starts the built CLI (this process's copy, as run-binary.ts runs it) and lets the test read its stderr while it runs (device code). */
export async function startCli(
	args: readonly string[],
	env: NodeJS.ProcessEnv,
	timeout = 90_000,
): Promise<LiveRun> {
	const started = performance.now();
	const child = spawn(process.execPath, [await builtCli(), ...args], {
		env,
		cwd: root,
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	const waiters = new Set<() => void>();
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
		for (const waiter of waiters) {
			waiter();
		}
	});
	child.stdin.end();
	const killer = setTimeout(() => child.kill('SIGKILL'), timeout);
	const done = new Promise<RunResult>((resolve) => {
		child.on('close', (code, signal) => {
			clearTimeout(killer);
			for (const waiter of waiters) {
				waiter();
			}

			resolve({code, signal, stdout, stderr, ms: performance.now() - started});
		});
	});
	let exited = false;
	void done.then(() => {
		exited = true;
	});
	return {
		done,
		waitFor(pattern, wait = 30_000) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`no ${pattern} in stderr within ${wait} ms:\n${stderr}`));
				}, wait);
				const check = () => {
					const match = stderr.match(pattern);
					if (match) {
						clearTimeout(timer);
						waiters.delete(check);
						resolve(match);
					} else if (exited) {
						clearTimeout(timer);
						waiters.delete(check);
						reject(new Error(`exited without ${pattern}:\n${stdout}\n${stderr}`));
					}
				};

				waiters.add(check);
				check();
			});
		},
	};
}
