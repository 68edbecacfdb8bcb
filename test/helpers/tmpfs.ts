/**
 * A real, small tmpfs for the disk-full tests (security.md rows 9 and 28). Mounting needs root;
 * without it a test skips with the reason, except under CI, which runs as root and must not skip.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Whether CI is set to something true. */
export function inCi(): boolean {
	const ci = process.env.CI;
	return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** Mounts a tmpfs of `size` (`256k`) at `dir`; returns why it cannot, or undefined. Throws under CI. */
export function mountTmpfs(dir: string, size: string): string | undefined {
	fs.mkdirSync(dir, {recursive: true});
	const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], {
		encoding: 'utf8',
	});
	if (result.status === 0) {
		return undefined;
	}

	const reason = `cannot mount a tmpfs to fill (${(result.stderr || String(result.error)).trim()})`;
	if (inCi()) {
		throw new Error(`${reason}; under CI this test must run (CI runs as root)`);
	}

	return reason;
}

/** Unmounts `dir` (lazily, so a process still inside cannot keep it). */
export function unmount(dir: string): void {
	spawnSync('umount', ['-l', dir]);
}

/** The tmpfs page: the unit in which it runs out of room. */
export const page = 4096;

/**
 * Fills the file system of `dir` with `dir/filler` until a write fails with ENOSPC, then gives
 * back `freePages` pages: the disk is within that many pages of full.
 */
export function fillLeaving(dir: string, freePages: number): void {
	const filler = path.join(dir, 'filler');
	fs.rmSync(filler, {force: true});
	const fd = fs.openSync(filler, 'w');
	const chunk = Buffer.alloc(page, 1);
	try {
		for (;;) {
			try {
				if (fs.writeSync(fd, chunk) < chunk.length) break;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
				throw error;
			}
		}
	} finally {
		fs.closeSync(fd);
	}

	const size = fs.statSync(filler).size;
	fs.truncateSync(filler, Math.max(0, size - (size % page) - freePages * page));
}
