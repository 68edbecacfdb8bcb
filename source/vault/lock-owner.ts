import fs from 'node:fs';
import path from 'node:path';
import {nodeCrypto, nodeOs} from '../lib/builtins.js';

/** Who holds a lock: written as `owner` inside the `<target>.lock` directory when it is taken. */
export type LockOwner = {
	readonly pid: number;
	readonly host: string;
	/**
	 * The process's start time (`/proc/PID/stat` field 22, clock ticks since boot) on Linux: a pid
	 * reused by another process after a crash has another start time, so the lock is still known dead.
	 */
	readonly start?: string;
};

const ownerName = 'owner';

/** The state letter and start time of process `pid`, where the system tells them (Linux). */
function procStat(pid: number): {state?: string; start?: string} {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may hold spaces and parentheses: count from the last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return {state: fields[0], start: fields[19]};
	} catch {
		return {};
	}
}

let self: LockOwner | undefined;

/** This process as a lock owner. */
export function currentOwner(): LockOwner {
	self ??= {pid: process.pid, host: nodeOs().hostname(), start: procStat(process.pid).start};
	return self;
}

/** The owner recorded in a lock directory, or undefined (none yet, an older authdeck, unreadable). */
export function readOwner(lockDir: string): LockOwner | undefined {
	try {
		const value = JSON.parse(fs.readFileSync(path.join(lockDir, ownerName), 'utf8')) as LockOwner;
		if (!Number.isSafeInteger(value.pid) || value.pid <= 0 || typeof value.host !== 'string') {
			return undefined;
		}

		return {
			pid: value.pid,
			host: value.host,
			start: typeof value.start === 'string' ? value.start : undefined,
		};
	} catch {
		return undefined;
	}
}

/**
 * Whether the owner is certainly gone: on this host, and no process has its pid, or only a zombie,
 * or the one that has it started at another time. A process of another user (EPERM) is looked at
 * the same way.
 */
export function isGone(owner: LockOwner): boolean {
	if (owner.host !== nodeOs().hostname()) {
		return false;
	}

	try {
		process.kill(owner.pid, 0);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
			return true;
		}
	}

	// A killed process its parent has not reaped yet still answers the signal: a zombie is gone too.
	const {state, start} = procStat(owner.pid);
	if (state === 'Z' || state === 'X') {
		return true;
	}

	return owner.start !== undefined && start !== undefined && start !== owner.start;
}

/**
 * Whether the lock at `lockDir` was left behind: its owner is gone, or, with no owner to ask (an
 * older authdeck, another host), its mtime has not been refreshed for `staleMs`.
 */
function isAbandoned(lockDir: string, mtimeMs: number, staleMs: number): boolean {
	const owner = readOwner(lockDir);
	if (owner && owner.host === nodeOs().hostname()) {
		return isGone(owner);
	}

	return mtimeMs < Date.now() - staleMs;
}

const sameOwner = (a: LockOwner | undefined, b: LockOwner) =>
	a !== undefined && a.pid === b.pid && a.host === b.host && a.start === b.start;

/**
 * Removes the lock at `lockDir` if it was left behind, and says whether the way is now clear.
 * Two waiters may both find it dead: a second directory, `<lock>.break`, made with an atomic
 * `mkdir`, lets one of them at a time look again and move the dead lock aside with an atomic
 * `rename` (its inode checked, so a fresh lock that replaced it is never the one removed).
 */
export function breakAbandoned(lockDir: string, staleMs: number): boolean {
	let first: fs.Stats;
	try {
		first = fs.statSync(lockDir);
	} catch {
		return true;
	}

	if (!isAbandoned(lockDir, first.mtimeMs, staleMs)) {
		return false;
	}

	const guard = `${lockDir}.break`;
	try {
		fs.mkdirSync(guard, {mode: 0o700});
	} catch {
		// Another waiter is breaking it; a guard left by one that was killed meanwhile goes after 5 s.
		try {
			if (fs.statSync(guard).mtimeMs < Date.now() - 5000) {
				fs.rmSync(guard, {recursive: true, force: true});
			}
		} catch {
			// Gone already.
		}

		return false;
	}

	try {
		let stat: fs.Stats;
		try {
			stat = fs.statSync(lockDir);
		} catch {
			return true;
		}

		if (!isAbandoned(lockDir, stat.mtimeMs, staleMs)) {
			return false;
		}

		const aside = `${lockDir}.abandoned-${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}`;
		fs.renameSync(lockDir, aside);
		const moved = fs.statSync(aside);
		if (moved.ino !== stat.ino || moved.dev !== stat.dev) {
			// Replaced between the look and the rename (by an authdeck without this guard): put it back.
			fs.renameSync(aside, lockDir);
			return false;
		}

		fs.rmSync(aside, {recursive: true, force: true});
		return true;
	} catch {
		return false;
	} finally {
		fs.rmSync(guard, {recursive: true, force: true});
	}
}

function writeOwner(lockDir: string): void {
	try {
		fs.writeFileSync(path.join(lockDir, ownerName), JSON.stringify(currentOwner()), {mode: 0o600});
	} catch {
		// A full disk: the lock still holds, and falls back to mtime staleness if we are killed.
		fs.rmSync(path.join(lockDir, ownerName), {force: true});
	}
}

/** Removes our lock directory; one that is no longer ours (taken over) is left to its owner. */
function removeOwn(lockDir: string): void {
	const owner = readOwner(lockDir);
	if (owner && !sameOwner(owner, currentOwner())) {
		return;
	}

	// unlink, not rmSync: on Node 20 rmSync loads its rimraf module on every call, even for one file.
	try {
		fs.unlinkSync(path.join(lockDir, ownerName));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}

	fs.rmdirSync(lockDir);
}

/**
 * Takes the lock at `lockDir` at once, as proper-lockfile would (an atomic `mkdir`, its owner
 * recorded inside), or says it could not: held, left behind, or a file system problem, each for the
 * waiting path (lock.ts's `withLock`) to handle. Without proper-lockfile, graceful-fs and
 * signal-exit, which cost a quick write (a switch, a `token --show`) a few milliseconds to load and
 * set up: held only while synchronous code runs, such a lock has no mtime to refresh, and no signal
 * handler can run before its release. A process killed meanwhile leaves its owner record behind,
 * so the next one to come takes the lock over (breakAbandoned).
 */
export function takeLockNow(lockDir: string): boolean {
	try {
		fs.mkdirSync(lockDir);
	} catch {
		return false;
	}

	writeOwner(lockDir);
	return true;
}

/** Releases a lock that `takeLockNow` took. */
export function releaseLockNow(lockDir: string): void {
	removeOwn(lockDir);
}

type Callback = (error: NodeJS.ErrnoException | null) => void;

/**
 * The file system proper-lockfile is given: taking a lock (its atomic `mkdir`) also records the
 * owner inside, before proper-lockfile stamps the mtime it watches; releasing removes the record
 * first, since its `rmdir` only removes an empty directory.
 */
const ownerCalls = {
	mkdir(lockDir: string, callback: Callback) {
		fs.mkdir(lockDir, (error) => {
			if (!error) {
				writeOwner(lockDir);
			}

			callback(error);
		});
	},
	mkdirSync(lockDir: string) {
		fs.mkdirSync(lockDir);
		writeOwner(lockDir);
	},
	rmdir(lockDir: string, callback: Callback) {
		try {
			removeOwn(lockDir);
			callback(null);
		} catch (error) {
			callback(error as NodeJS.ErrnoException);
		}
	},
	rmdirSync(lockDir: string) {
		removeOwn(lockDir);
	},
};

/**
 * node:fs with `ownerCalls` over it. Inherited rather than spread (`{...fs}`): a spread reads every
 * property of node:fs, and its getters (`promises`, `ReadStream`, `WriteStream`…) load fs/promises,
 * readline and the streams, a few milliseconds of every command's start, lock or no lock.
 */
export const ownerFs = Object.assign(Object.create(fs) as typeof fs, ownerCalls) as Omit<
	typeof fs,
	keyof typeof ownerCalls
> &
	typeof ownerCalls;
