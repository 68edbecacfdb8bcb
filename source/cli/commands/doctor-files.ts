import fs from 'node:fs';
import path from 'node:path';
import {sanitize} from '../../lib/sanitize.js';
import {breakAbandoned, isGone, readOwner} from '../../vault/lock-owner.js';
import type {VaultPaths} from '../../vault/paths.js';
import {pendingPath} from '../../vault/pending.js';
import type {Finding} from './doctor-finding.js';

/** A lock directory untouched for this long is stale: its holder refreshes it every 2 s. */
export const staleLockMs = 10_000;

const shown = (file: string) => sanitize(file, 300);

function typeOf(stat: fs.Stats): string {
	if (stat.isFIFO()) return 'a FIFO';
	if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
	if (stat.isSocket()) return 'a socket';
	if (stat.isDirectory()) return 'a directory';
	return 'not a regular file';
}

/**
 * Sets a regular file's mode without following a link or blocking on a FIFO: opened with
 * O_NOFOLLOW | O_NONBLOCK and checked to be a regular file before the fchmod.
 */
function chmodRegular(file: string, mode: number): void {
	const fd = fs.openSync(
		file,
		fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK,
	);
	try {
		if (!fs.fstatSync(fd).isFile()) {
			throw new Error(`${file} is no longer a regular file`);
		}

		fs.fchmodSync(fd, mode);
	} finally {
		fs.closeSync(fd);
	}
}

/** The config directory: a directory of ours, 0700. */
function checkDir(dir: string): Finding[] {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(dir);
	} catch {
		return [
			{check: 'files', level: 'ok', message: `${shown(dir)} does not exist yet (no accounts)`},
		];
	}

	if (!stat.isDirectory()) {
		return [
			{
				check: 'files',
				level: 'error',
				message: `${shown(dir)} is ${typeOf(stat)}, not the config directory`,
				fix: `move it away: mv ${shown(dir)} ${shown(dir)}.bak`,
			},
		];
	}

	if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
		return [
			{
				check: 'files',
				level: 'error',
				message: `${shown(dir)} belongs to another user (uid ${stat.uid})`,
				fix: `give it back: sudo chown -R $(id -u) ${shown(dir)}`,
			},
		];
	}

	const mode = stat.mode & 0o777;
	if (mode !== 0o700) {
		return [
			{
				check: 'files',
				level: 'warn',
				message: `${shown(dir)} is mode ${mode.toString(8)}, not 700`,
				fix: 'authdeck doctor --fix',
				repair: async () => {
					fs.chmodSync(dir, 0o700);
					return `made ${shown(dir)} mode 700`;
				},
			},
		];
	}

	return [{check: 'files', level: 'ok', message: `${shown(dir)} is a directory, mode 700`}];
}

/** One file of the vault: absent, or a regular 0600 file; never a link out of the directory, a FIFO or a device. */
function checkFile(dir: string, file: string): Finding {
	let stat: fs.Stats;
	try {
		stat = fs.lstatSync(file);
	} catch {
		return {check: 'files', level: 'ok', message: `${shown(file)} does not exist`};
	}

	if (stat.isSymbolicLink()) {
		const target = path.resolve(dir, fs.readlinkSync(file));
		const relative = path.relative(dir, target);
		const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
		return {
			check: 'files',
			level: inside ? 'warn' : 'error',
			message: `${shown(file)} is a link to ${shown(target)}${inside ? '' : ', outside the config directory: authdeck will not read, copy or chmod through it'}`,
			fix: `replace the link with the file it should be: rm ${shown(file)} (and restore it from a backup)`,
		};
	}

	if (!stat.isFile()) {
		return {
			check: 'files',
			level: 'error',
			message: `${shown(file)} is ${typeOf(stat)}: every command that reads it fails`,
			fix: `move it away: mv ${shown(file)} ${shown(file)}.bak`,
		};
	}

	const mode = stat.mode & 0o777;
	if (mode !== 0o600) {
		return {
			check: 'files',
			level: 'warn',
			message: `${shown(file)} is mode ${mode.toString(8)}, not 600`,
			fix: 'authdeck doctor --fix',
			repair: async () => {
				chmodRegular(file, 0o600);
				return `made ${shown(file)} mode 600`;
			},
		};
	}

	return {check: 'files', level: 'ok', message: `${shown(file)} is a regular file, mode 600`};
}

/** The config directory and every file in it that authdeck reads. */
export function checkFiles(paths: VaultPaths): Finding[] {
	const dir = checkDir(paths.dir);
	if (dir.some((finding) => finding.level === 'error') || !fs.existsSync(paths.dir)) {
		return dir;
	}

	return [
		...dir,
		...[paths.config, paths.secrets, pendingPath(paths)].map((file) => checkFile(paths.dir, file)),
	];
}

/** Whether a file is safe to open for reading: a regular file, not a link, or absent. */
export function isPlainOrAbsent(file: string): boolean {
	try {
		return fs.lstatSync(file).isFile();
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT';
	}
}

/** `*.lock` directories (proper-lockfile's) in the config and locks directories. */
export function checkLocks(paths: VaultPaths, now = Date.now()): Finding[] {
	const findings: Finding[] = [];
	for (const dir of [paths.dir, paths.locks]) {
		let names: string[];
		try {
			names = fs.readdirSync(dir);
		} catch {
			continue;
		}

		for (const name of names.filter((n) => n.endsWith('.lock'))) {
			const lock = path.join(dir, name);
			const stat = fs.lstatSync(lock);
			if (!stat.isDirectory()) continue;
			// The lock names its holder (vault/lock-owner.ts): a holder that is gone left it, however
			// fresh; an older lock without an owner file goes stale by its age, as the locks do.
			const owner = readOwner(lock);
			const age = now - stat.mtimeMs;
			const gone = owner ? isGone(owner) : age > staleLockMs;
			if (!gone) {
				findings.push({
					check: 'locks',
					level: 'ok',
					message: `${shown(lock)} is held by a running authdeck${owner ? ` (pid ${owner.pid})` : ''}`,
				});
				continue;
			}

			findings.push({
				check: 'locks',
				level: 'warn',
				message: owner
					? `${shown(lock)} was left by authdeck pid ${owner.pid}, which is gone`
					: `${shown(lock)} is stale (untouched for ${Math.round(age / 1000)} s): its authdeck is gone, and the next save waits for it`,
				fix: 'authdeck doctor --fix',
				// The same removal the locks use: atomic, and never of a lock taken again meanwhile.
				repair: async () =>
					breakAbandoned(lock, staleLockMs)
						? `removed the stale lock ${shown(lock)}`
						: `left ${shown(lock)}: it was taken again`,
			});
		}
	}

	return findings.length > 0
		? findings
		: [{check: 'locks', level: 'ok', message: 'no lock is held'}];
}
