/** The helper process of the concurrency and crash tests (save-worker.ts), and a watch on any child. */
import {type ChildProcess, spawn} from 'node:child_process';
import path from 'node:path';
import {root} from './run-binary.js';

/** The path of the helper process of the concurrency and crash tests. */
export const saveWorker = path.join(root, 'test', 'helpers', 'save-worker.ts');

/** Spawns save-worker.ts (through tsx) with the vault's environment; the caller collects output. */
export function spawnWorker(env: NodeJS.ProcessEnv, args: readonly string[]): ChildProcess {
	return spawn(process.execPath, ['--import', 'tsx', saveWorker, ...args], {
		env,
		cwd: root,
		stdio: ['pipe', 'pipe', 'pipe'],
	});
}

export type Worker = {
	readonly child: ChildProcess;
	/** Everything printed so far. */
	readonly output: () => {stdout: string; stderr: string};
	/** Resolves when stdout holds a line matching `pattern`; rejects on exit or after `timeout` ms. */
	waitFor(pattern: RegExp, timeout?: number): Promise<void>;
	/** Resolves with the exit code and signal, killing the child (SIGKILL) after `timeout` ms. */
	exited(timeout?: number): Promise<{code: number | null; signal: NodeJS.Signals | null}>;
};

/** Wraps a spawned child: collects its output and waits for lines or its end. */
export function watch(child: ChildProcess): Worker {
	let stdout = '';
	let stderr = '';
	const waiters = new Set<() => void>();
	const wake = () => {
		for (const waiter of waiters) {
			waiter();
		}
	};

	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
		wake();
	});
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	child.stdin?.on('error', () => undefined);
	const exit = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
		child.on('close', (code, signal) => {
			resolve({code, signal});
			wake();
		});
	});
	let ended = false;
	void exit.then(() => {
		ended = true;
	});

	return {
		child,
		output: () => ({stdout, stderr}),
		waitFor(pattern, timeout = 60_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					if (pattern.test(stdout)) {
						done();
						resolve();
					} else if (ended || child.exitCode !== null || child.signalCode !== null) {
						done();
						reject(new Error(`child ended before printing ${pattern}:\n${stdout}\n${stderr}`));
					}
				};

				const timer = setTimeout(() => {
					done();
					reject(new Error(`no ${pattern} within ${timeout} ms:\n${stdout}\n${stderr}`));
				}, timeout);
				const done = () => {
					clearTimeout(timer);
					waiters.delete(check);
				};

				waiters.add(check);
				check();
			});
		},
		async exited(timeout = 120_000) {
			const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
			try {
				return await exit;
			} finally {
				clearTimeout(timer);
			}
		},
	};
}
