import fs from 'node:fs';
import path from 'node:path';
import {UserError} from '../lib/errors.js';
import {inspectPrivateFile, openRegular, resolvePrivateFile} from './file-checks.js';

/**
 * Reads the private file `file` of the config directory `dir` as UTF-8; undefined when it does not
 * exist. A FIFO, a device, a directory or a link out of `dir` is refused with one line before it
 * is opened, and the open itself neither follows a link nor blocks: a blocked read on the main
 * thread would also keep SIGTERM and SIGINT from ending the process.
 */
export function readPrivateFile(file: string, dir: string): string | undefined {
	const {real} = resolvePrivateFile(file, dir);
	const fd = openRegular(real, file, fs.constants.O_RDONLY);
	if (fd === undefined) return undefined;
	try {
		return fs.readFileSync(fd, 'utf8');
	} catch (error) {
		throw new UserError(`cannot read ${file}: ${(error as Error).message}`);
	} finally {
		fs.closeSync(fd);
	}
}

function reasonOf(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
	if (code === 'EROFS') return 'the file system is read-only';
	if (code === 'EACCES' || code === 'EPERM') return 'the directory is not writable';
	return (error as Error).message;
}

/** Writes all of `bytes` at `fd`: a short write is followed by the rest, so it ends in an error. */
function writeAll(fd: number, bytes: Buffer): void {
	let offset = 0;
	while (offset < bytes.length) {
		const written = fs.writeSync(fd, bytes, offset, bytes.length - offset, offset);
		if (written <= 0) {
			throw Object.assign(new Error('no byte written'), {code: 'ENOSPC'});
		}

		offset += written;
	}
}

/** Reads back what `fd` holds and throws unless it is exactly `bytes`. */
function verify(fd: number, bytes: Buffer): void {
	const size = fs.fstatSync(fd).size;
	// Not zeroed first (4.5 MB with 10,000 accounts): it is compared only once read in full.
	const back = Buffer.allocUnsafe(bytes.length);
	let offset = 0;
	while (offset < back.length) {
		const read = fs.readSync(fd, back, offset, back.length - offset, offset);
		if (read === 0) break;
		offset += read;
	}

	if (size !== bytes.length || offset !== bytes.length || !back.equals(bytes)) {
		throw new Error(`what was written read back as ${size} of ${bytes.length} bytes`);
	}
}

/** fsync of the directory, so the rename survives a power cut. */
function syncDir(dir: string): void {
	let fd: number | undefined;
	try {
		fd = fs.openSync(dir, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
		fs.fsyncSync(fd);
	} catch {
		// The rename is done and cannot be undone; some file systems refuse fsync on a directory.
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}

/**
 * 16 hex digits for a temp file's name. Only unique, not secret: the file is created with O_EXCL and
 * O_NOFOLLOW, so a name someone guessed fails the write instead of being followed; Math.random, so
 * that a write does not load node:crypto.
 */
function tempSuffix(): string {
	const part = () =>
		Math.floor(Math.random() * 2 ** 32)
			.toString(16)
			.padStart(8, '0');
	return `${part()}${part()}`;
}

/**
 * Replaces the private file `file` of `dir` with `text` (a string, or its UTF-8 bytes), whole or not at all: a new temp file
 * beside it (O_EXCL, O_NOFOLLOW, 0600 whatever the umask), every byte written (atomically ignores
 * the count a short write returns, and libuv drops the ENOSPC of the write after it: that cut
 * `config.json` at 4,096 bytes behind a success), fsynced, read back and compared, then renamed
 * over the old file and the directory fsynced. Any failure removes the temp file, leaves the old
 * file as it was and throws one line: "could not save PATH: the disk is full; nothing was changed".
 * A link to a file inside `dir` is written through (the link stays); anything else odd is refused.
 */
export function writePrivateFile(file: string, dir: string, text: string | Buffer): void {
	const {real} = resolvePrivateFile(file, dir);
	const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
	const temp = `${real}.tmp-${tempSuffix()}`;
	let fd: number | undefined;
	try {
		fd = fs.openSync(
			temp,
			fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW,
			0o600,
		);
		fs.fchmodSync(fd, 0o600);
		writeAll(fd, bytes);
		fs.fsyncSync(fd);
		verify(fd, bytes);
		fs.closeSync(fd);
		fd = undefined;
		fs.renameSync(temp, real);
	} catch (error) {
		if (fd !== undefined) fs.closeSync(fd);
		fs.rmSync(temp, {force: true});
		throw new UserError(`could not save ${file}: ${reasonOf(error)}; nothing was changed`);
	}

	syncDir(path.dirname(real));
}

/**
 * Temp files of a write killed before its rename: removed, so no stale copy (of every secret)
 * lingers. Call it only under the file's lock, when no other process can be midway through a write.
 */
export function removeStaleTempFiles(file: string, dir: string): void {
	const {real} = resolvePrivateFile(file, dir);
	const base = `${path.basename(real)}.tmp-`;
	let names: string[];
	try {
		names = fs.readdirSync(path.dirname(real));
	} catch {
		return;
	}

	for (const name of names) {
		if (name.startsWith(base)) {
			fs.rmSync(path.join(path.dirname(real), name), {force: true});
		}
	}
}

/**
 * Keeps a copy of a file that cannot be read, next to it, once per distinct content; undefined when
 * no copy can be made (a full disk). Only ever called on a file that passed `resolvePrivateFile`.
 */
export function keepCorruptCopy(file: string, dir: string): string | undefined {
	const content = readPrivateFile(file, dir) ?? '';
	const base = `${path.basename(file)}.corrupt-`;
	for (const name of fs.readdirSync(dir)) {
		const other = path.join(dir, name);
		// A FIFO or a link planted under a copy's name is not read: it is simply not a match.
		const problem = name.startsWith(base) ? inspectPrivateFile(other, dir) : {kind: 'skip'};
		if ((!problem || problem.kind === 'mode') && readPrivateFile(other, dir) === content) {
			return other;
		}
	}

	const copy = `${file}.corrupt-${new Date().toISOString().replaceAll(':', '-')}`;
	try {
		fs.writeFileSync(copy, content, {mode: 0o600, flag: 'wx'});
	} catch (error) {
		// Never remove what was already there under that name; only a partial copy of this one.
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') fs.rmSync(copy, {force: true});
		return undefined;
	}

	return copy;
}
