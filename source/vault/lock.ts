import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import {UserError} from './errors.js';

const lockOptions = {
	realpath: false,
	stale: 10_000,
	update: 2000,
	onCompromised() {
		// A lock we held was taken over (the process stalled past `stale`); the write that
		// follows re-reads inside its own lock, so nothing is lost by carrying on.
	},
};

/**
 * Waits for the lock while another process holds it (up to ~25 s; a lock left by a killed process
 * goes stale after 10 s and is taken over). Any other failure, such as a read-only or full file
 * system, is final at once: retrying it would only delay the error.
 */
async function acquire(target: string): Promise<() => Promise<void>> {
	let delay = 5;
	for (let attempt = 0; ; attempt++) {
		try {
			return await lockfile.lock(target, lockOptions);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || attempt >= 400) {
				throw error;
			}

			await sleep(delay * (1 + Math.random()));
			delay = Math.min(delay * 1.1, 60);
		}
	}
}

/**
 * Runs `work` under the lock at once, synchronously, when nobody holds it; returns `undefined`
 * without running it when someone does (then `withLock` waits for it). A quick metadata write (a
 * switch) then reaches the disk before anything else happens, such as the deck drawing the switch.
 */
export function withLockNow<T>(target: string, work: () => T): {readonly value: T} | undefined {
	fs.mkdirSync(path.dirname(target), {recursive: true, mode: 0o700});
	let release: () => void;
	try {
		release = lockfile.lockSync(target, lockOptions);
	} catch {
		// Held, stale-but-not-yet, or a file system problem: the waiting path handles and reports each.
		return undefined;
	}

	try {
		return {value: work()};
	} finally {
		try {
			release();
		} catch {
			// Already released as compromised; the write itself re-read under the lock.
		}
	}
}

/**
 * Holds a cross-process lock on `target` while `work` runs. `proper-lockfile` uses an atomic
 * `mkdir` of `<target>.lock` and refreshes its mtime, so a lock left by a killed process goes stale
 * and is taken over after ten seconds.
 */
export async function withLock<T>(target: string, work: () => Promise<T> | T): Promise<T> {
	fs.mkdirSync(path.dirname(target), {recursive: true, mode: 0o700});
	let release: () => Promise<void>;
	try {
		release = await acquire(target);
	} catch (error) {
		throw new UserError(`could not lock ${target}: ${(error as Error).message}`);
	}

	try {
		return await work();
	} finally {
		await release().catch(() => undefined);
	}
}
