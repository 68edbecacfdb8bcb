import fs from 'node:fs';
import path from 'node:path';
import {UserError} from '../lib/errors.js';

/** What a path holds, in words, for a message. */
export type FileType =
	| 'a directory'
	| 'a FIFO'
	| 'a character device'
	| 'a block device'
	| 'a socket'
	| 'not a regular file';

/** Something wrong at the path of a file authdeck keeps private (`config.json`, `secrets.json`). */
export type FileProblem =
	/** Not a regular file: reading a FIFO blocks forever and reading `/dev/zero` never ends. */
	| {readonly kind: 'not-regular'; readonly path: string; readonly type: FileType}
	/** A symbolic link that resolves outside the config directory: never read, copied or chmodded. */
	| {readonly kind: 'link-outside'; readonly path: string; readonly target: string}
	/** A symbolic link to nothing: writing through it would create a file where the link points. */
	| {readonly kind: 'dangling-link'; readonly path: string; readonly target: string}
	/** A file with other names: a mode repair would change them too, wherever they are. */
	| {readonly kind: 'hard-link'; readonly path: string; readonly links: number}
	/** A regular file others may read or write; the one problem repaired (to 0600) with a warning. */
	| {readonly kind: 'mode'; readonly path: string; readonly real: string; readonly mode: number};

/** A private file that may be opened: where it really is (inside the directory) and its mode. */
export type ResolvedFile = {
	/** The file the path names, the path itself unless it is a link to a file inside the directory. */
	readonly real: string;
	/** Its permission bits, or undefined when no file exists yet. */
	readonly mode?: number;
};

function typeOf(stats: fs.Stats): FileType {
	if (stats.isDirectory()) return 'a directory';
	if (stats.isFIFO()) return 'a FIFO';
	if (stats.isCharacterDevice()) return 'a character device';
	if (stats.isBlockDevice()) return 'a block device';
	if (stats.isSocket()) return 'a socket';
	return 'not a regular file';
}

const absent = (error: unknown) =>
	['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

/** `dir` with every link resolved, so a config directory that is itself a link keeps working. */
function realDir(dir: string): string {
	try {
		return fs.realpathSync(dir);
	} catch {
		return path.resolve(dir);
	}
}

/** Checks the file at `file` (lstat, never opening it); a problem found, or where the file is. */
function resolve(file: string, dir: string): FileProblem | ResolvedFile {
	let stats: fs.Stats;
	try {
		stats = fs.lstatSync(file);
	} catch (error) {
		if (absent(error)) return {real: file};
		throw error;
	}

	let real = file;
	if (stats.isSymbolicLink()) {
		const written = path.resolve(path.dirname(file), fs.readlinkSync(file));
		try {
			real = fs.realpathSync(file);
			stats = fs.statSync(real);
		} catch (error) {
			if (absent(error) || (error as NodeJS.ErrnoException).code === 'ELOOP') {
				return {kind: 'dangling-link', path: file, target: written};
			}

			throw error;
		}

		const inside = realDir(dir) + path.sep;
		if (!real.startsWith(inside)) {
			return {kind: 'link-outside', path: file, target: real};
		}
	}

	if (!stats.isFile()) return {kind: 'not-regular', path: file, type: typeOf(stats)};
	if (stats.nlink > 1) return {kind: 'hard-link', path: file, links: stats.nlink};
	const mode = stats.mode & 0o777;
	return mode === 0o600 ? {real, mode} : {kind: 'mode', path: file, real, mode};
}

/**
 * What is wrong with the private file at `file`, kept in the config directory `dir`: undefined when
 * it is a regular 0600 file (or absent), else the problem. Only looks (lstat, stat, readlink): safe
 * on a FIFO, a device or a link anywhere. For `authdeck doctor` and for every open below.
 */
export function inspectPrivateFile(file: string, dir: string): FileProblem | undefined {
	const found = resolve(file, dir);
	return 'kind' in found ? found : undefined;
}

/** The one line that tells the user what is wrong and what to do. */
export function describeFileProblem(problem: FileProblem): string {
	switch (problem.kind) {
		case 'not-regular':
			return `${problem.path} is ${problem.type}, not a regular file: move it away`;
		case 'link-outside':
			return `${problem.path} is a link to ${problem.target}, outside the config directory: authdeck does not follow it; replace the link with the file itself`;
		case 'dangling-link':
			return `${problem.path} is a link to ${problem.target}, which does not exist: remove the link`;
		case 'hard-link':
			return `${problem.path} has ${problem.links} names (hard links): authdeck keeps only files of its own; replace it with a copy`;
		case 'mode':
			return `${problem.path} is mode ${problem.mode.toString(8)}, not 600: others may read it`;
	}
}

/**
 * Where the private file at `file` is, refusing every problem but its mode with a UserError of one
 * line: a command that meets a FIFO, a device, a directory or a link out of `dir` stops at once.
 */
export function resolvePrivateFile(file: string, dir: string): ResolvedFile {
	const found = resolve(file, dir);
	if (!('kind' in found)) return found;
	if (found.kind === 'mode') return {real: found.real, mode: found.mode};
	throw new UserError(describeFileProblem(found));
}

/** Opens the regular file `real` without following a link or blocking; undefined when absent. */
export function openRegular(real: string, shown: string, flags: number): number | undefined {
	let fd: number;
	try {
		// O_NONBLOCK: a FIFO swapped in after the check opens at once instead of waiting for a writer.
		fd = fs.openSync(real, flags | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (absent(error)) return undefined;
		if (code === 'ELOOP') throw new UserError(`${shown} became a link while authdeck read it`);
		if (code === 'EACCES' || code === 'EPERM') {
			throw new UserError(`cannot read ${shown}: permission denied`);
		}

		throw new UserError(`cannot read ${shown}: ${(error as Error).message}`);
	}

	const stats = fs.fstatSync(fd);
	if (!stats.isFile()) {
		fs.closeSync(fd);
		throw new UserError(
			describeFileProblem({kind: 'not-regular', path: shown, type: typeOf(stats)}),
		);
	}

	return fd;
}

/** Repairs the mode of the private file at `file` to 0600 with a warning; refuses any other problem. */
export function ensurePrivateFile(file: string, dir: string, warn: (line: string) => void): void {
	const {real, mode} = resolvePrivateFile(file, dir);
	if (mode === undefined || mode === 0o600) return;
	const fd = openRegular(real, file, fs.constants.O_RDONLY);
	if (fd === undefined) return;
	try {
		// fchmod on what was opened without following a link: never the mode of a file elsewhere.
		fs.fchmodSync(fd, 0o600);
	} catch (error) {
		throw new UserError(
			`${file} is mode ${mode.toString(8)} and cannot be made 600 (${(error as NodeJS.ErrnoException).code ?? 'error'}); it may belong to another user: fix its owner or mode`,
		);
	} finally {
		fs.closeSync(fd);
	}

	warn(`warning: ${file} was mode ${mode.toString(8)}; repaired to 600`);
}

/** Sets `target`'s mode to `wanted` and warns; a mode that cannot be repaired stops the command. */
function repairMode(
	target: string,
	mode: number,
	wanted: number,
	warn: (line: string) => void,
): void {
	try {
		fs.chmodSync(target, wanted);
	} catch (error) {
		// Typically a directory made by another user (say, by `sudo authdeck`): nothing in it can be
		// kept private, so nothing is read or written.
		throw new UserError(
			`${target} is mode ${mode.toString(8)} and cannot be made ${wanted.toString(8)} (${(error as NodeJS.ErrnoException).code ?? 'error'}); it may belong to another user: fix its owner or mode`,
		);
	}

	warn(`warning: ${target} was mode ${mode.toString(8)}; repaired to ${wanted.toString(8)}`);
}

/** Creates `dir` as 0700, or repairs its mode with a warning. */
export function ensurePrivateDir(dir: string, warn: (line: string) => void): void {
	fs.mkdirSync(dir, {recursive: true, mode: 0o700});
	const mode = fs.statSync(dir).mode & 0o777;
	if (mode !== 0o700) {
		repairMode(dir, mode, 0o700, warn);
	}
}
