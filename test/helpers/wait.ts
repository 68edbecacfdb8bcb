import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {binary, terminalEnv} from './pty.js';

const run = promisify(execFile);

/** Checks `test` until it holds (every 50 ms, up to `timeout`), for state another process writes. */
export async function until<T>(
	test: () => Promise<T | undefined> | T | undefined,
	what: string,
	timeout = 15_000,
): Promise<T> {
	const deadline = Date.now() + timeout;
	let last: unknown;
	for (;;) {
		try {
			const value = await test();
			if (value !== undefined && value !== false) {
				return value as T;
			}
		} catch (error) {
			last = error;
		}

		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
		}

		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Runs the built CLI with arguments (never a TTY) and returns its output. */
export async function cli(
	env: NodeJS.ProcessEnv,
	args: readonly string[],
): Promise<{stdout: string; stderr: string}> {
	return run(process.execPath, [binary, ...args], {env: terminalEnv(env)});
}

export type StatusJson = {
	readonly current: {readonly alias: string} | null;
	readonly total: number;
	readonly providers: ReadonlyArray<{
		readonly id: string;
		readonly active: {readonly alias: string} | null;
		readonly others: ReadonlyArray<{readonly alias: string}>;
	}>;
};

/** `authdeck status --json`, as another terminal would see it. */
export async function status(env: NodeJS.ProcessEnv): Promise<StatusJson> {
	return JSON.parse((await cli(env, ['status', '--json'])).stdout) as StatusJson;
}

/** The line of the screen that holds `marker` (e.g. the cursor `▸`). */
export function lineWith(screen: string, marker: string): string {
	return screen.split('\n').find((line) => line.includes(marker)) ?? '';
}
