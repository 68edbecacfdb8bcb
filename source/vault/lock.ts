import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import {UserError} from './errors.js';

/**
 * Holds a cross-process lock on `target` while `work` runs. `proper-lockfile` uses an atomic
 * `mkdir` of `<target>.lock` and refreshes its mtime, so a lock left by a killed process goes stale
 * and is taken over after ten seconds.
 */
export async function withLock<T>(target: string, work: () => Promise<T> | T): Promise<T> {
	fs.mkdirSync(path.dirname(target), {recursive: true, mode: 0o700});
	let release: () => Promise<void>;
	try {
		release = await lockfile.lock(target, {
			realpath: false,
			stale: 10_000,
			update: 2000,
			retries: {retries: 400, factor: 1.1, minTimeout: 5, maxTimeout: 60, randomize: true},
			onCompromised() {
				// A lock we held was taken over (the process stalled past `stale`); the write that
				// follows re-reads inside its own lock, so nothing is lost by carrying on.
			},
		});
	} catch (error) {
		throw new UserError(`could not lock ${target}: ${(error as Error).message}`);
	}

	try {
		return await work();
	} finally {
		await release().catch(() => undefined);
	}
}
