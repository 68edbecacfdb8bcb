import fs from 'node:fs';
import path from 'node:path';
import type properLockfile from 'proper-lockfile';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import {breakAbandoned, ownerFs, readOwner, releaseLockNow, takeLockNow} from './lock-owner.js';

type Lockfile = typeof properLockfile;

// Not node:timers/promises: a module more to load on every start, for a wait only a contended lock takes.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
let loaded: Lockfile | undefined;

/**
 * proper-lockfile, loaded on the first lock that has to wait or is held across `await`s: with
 * graceful-fs and signal-exit it is a tenth of a command's start, and most commands take no such lock.
 */
async function loadLockfile(): Promise<Lockfile> {
	loaded ??= (await import('proper-lockfile')).default;
	return loaded;
}

/** A lock with no owner to ask (an older authdeck, another host) is taken over after this. */
const staleMs = 10_000;

const lockOptions = {
	realpath: false,
	// proper-lockfile never breaks a lock itself: `breakAbandoned` does, once, under its guard.
	stale: 2 ** 31 - 1,
	update: 2000,
	fs: ownerFs,
	onCompromised() {
		// A lock we held was taken over (the process stalled past `stale`); the write that
		// follows re-reads inside its own lock, so nothing is lost by carrying on.
	},
};

/** How long a waiter waits before saying who it waits for. */
const noticeAfterMs = 1000;

/**
 * Waits for the lock while another process holds it (up to ~25 s). A lock whose owner process is
 * gone (killed) is taken at once; one with no owner recorded goes stale after 10 s. After a second
 * of waiting it says, once, which process it waits for. Any other failure, such as a read-only or
 * full file system, is final at once: retrying it would only delay the error.
 */
async function acquire(target: string): Promise<() => Promise<void>> {
	const lockfile = await loadLockfile();
	const lockDir = `${target}.lock`;
	const started = Date.now();
	let told = false;
	let delay = 5;
	for (let attempt = 0; ; attempt++) {
		try {
			return await lockfile.lock(target, lockOptions);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') {
				throw error;
			}
		}

		if (breakAbandoned(lockDir, staleMs)) {
			continue;
		}

		const owner = readOwner(lockDir);
		const who = owner ? `another authdeck (pid ${owner.pid})` : 'another authdeck';
		if (attempt >= 400) {
			throw new Error(`${who} has held it for ${Math.round((Date.now() - started) / 1000)} s`);
		}

		if (!told && Date.now() - started >= noticeAfterMs) {
			told = true;
			process.stderr.write(`authdeck: waiting for ${who} to finish with ${sanitize(target)}…\n`);
		}

		await sleep(delay * (1 + Math.random()));
		delay = Math.min(delay * 1.1, 60);
	}
}

/**
 * Runs `work` under the lock at once, synchronously, when nobody holds it; returns `undefined`
 * without running it when someone does (then `withLock` waits for it). A quick metadata write (a
 * switch) then reaches the disk before anything else happens, such as the deck drawing the switch.
 * The same lock as `withLock`'s, taken without proper-lockfile (see takeLockNow).
 */
export function withLockNow<T>(target: string, work: () => T): {readonly value: T} | undefined {
	fs.mkdirSync(path.dirname(target), {recursive: true, mode: 0o700});
	const lockDir = `${target}.lock`;
	if (!takeLockNow(lockDir)) {
		return undefined;
	}

	try {
		return {value: work()};
	} finally {
		try {
			releaseLockNow(lockDir);
		} catch {
			// Taken over meanwhile (it cannot be, synchronously) or removed by hand: nothing of ours is left.
		}
	}
}

/**
 * Holds a cross-process lock on `target` while `work` runs. `proper-lockfile` uses an atomic
 * `mkdir` of `<target>.lock` and refreshes its mtime; the directory names its owner process, so a
 * lock left by a killed process is taken over as soon as it is found.
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
