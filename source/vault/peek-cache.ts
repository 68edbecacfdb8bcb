/**
 * What the shell's lookups make of the metadata file (the account a prompt shows, the names
 * completion offers), kept between runs while the file stays as it was: a shell runs `authdeck
 * prompt` at every prompt, and with 1,000 accounts reading and parsing the file was most of its
 * time. A kept answer is used only while the file's device, inode, size, mtime and ctime are all
 * what they were when it was made; every write of the file (a rename, or a change in place)
 * changes them.
 *
 * Git's "racy" rule: a lookup keeps its answer only for a file last modified at least two seconds
 * before, so that two writes within one tick of a coarse file-system clock (two seconds on FAT), the
 * second reusing the first's inode and size, cannot leave an answer about the first in place. An
 * authdeck that writes the file keeps the prompt's answer for it at once (keepAnswer), under the
 * metadata lock, so each write's answer replaces the one before in the order of the writes: the
 * prompt a shell draws just after `authdeck switch` does not read the file. Only an edit in place
 * by another program, of the same size, within the same tick as that write, would go unseen, as it
 * would by the file the deck holds open (held-file.ts).
 *
 * The files are the user's (0600, in the 0700 cache directory, a file anyone else could have
 * written is ignored), hold no secret, only what the metadata file holds, and can be removed at
 * any time. Any problem reading or writing one only costs the time of reading the metadata file.
 */
import {
	type BigIntStats,
	closeSync,
	constants,
	fstatSync,
	mkdirSync,
	openSync,
	readFileSync,
	readSync,
	renameSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import {join} from 'node:path';
import type {Vault} from '../domain.js';
import {cacheDirectory, isOwn} from '../lib/cache-dir.js';
import {vaultPaths} from './paths.js';
import {openPeek, peekedVault} from './peek.js';

/** How long a file must have been left alone before an answer about it is kept. */
const settledNs = 2_000_000_000n;

/** The most answers one file keeps (a prompt keeps one per `.authdeck` file and flag it met). */
const maximumParts = 64;

type Kept = {config: string; key: string; parts: Record<string, unknown>};

const keyOf = (stat: BigIntStats) =>
	`${stat.dev}-${stat.ino}-${stat.size}-${stat.mtimeNs}-${stat.ctimeNs}`;

/** How a kept file starts (JSON.stringify keeps the order of the keys) for `config` as `key` says. */
const headOf = (config: string, key: string) =>
	`{"config":${JSON.stringify(config)},"key":${JSON.stringify(key)},"parts":`;

/**
 * The answers kept in `file` about `config` as `key` says it is, when the file is this user's and
 * well formed. One about another file, or an earlier state of this one, is told by its first bytes
 * and not parsed: right after a change, a completion's 2,000 kept names cost a millisecond to parse.
 */
function readKept(file: string, config: string, key: string): Kept['parts'] | undefined {
	return withOwnFile(file, (fd) => {
		const text = readFileSync(fd, 'utf8');
		if (!text.startsWith(headOf(config, key))) return undefined;
		const kept = JSON.parse(text) as Partial<Kept>;
		return kept.config === config &&
			kept.key === key &&
			typeof kept.parts === 'object' &&
			kept.parts !== null
			? kept.parts
			: undefined;
	});
}

/**
 * What `read` makes of `file`, opened without following a link, when it is this user's (a file
 * anyone else could have written is not believed); undefined when it is not, or on any problem.
 */
function withOwnFile<T>(file: string, read: (fd: number) => T | undefined): T | undefined {
	let fd: number | undefined;
	try {
		fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
		return isOwn(fstatSync(fd)) ? read(fd) : undefined;
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** Writes `kept` to `file` whole (a temporary file renamed over it), or leaves it as it was. */
function writeKept(file: string, kept: Kept): void {
	const temporary = `${file}.${process.pid}.tmp`;
	try {
		mkdirSync(join(file, '..'), {recursive: true, mode: 0o700});
		writeFileSync(temporary, JSON.stringify(kept), {mode: 0o600, flag: 'wx'});
		renameSync(temporary, file);
	} catch {
		try {
			unlinkSync(temporary);
		} catch {}
	}
}

/**
 * What `compute` makes of the vault (undefined when there is no readable metadata file) for the
 * lookup `part` of `name` (`prompt`, `complete`): kept in `<cache>/<name>.json` and answered from
 * there while the metadata file is unchanged. `compute`'s answer must be plain JSON, never a secret.
 *
 * `writtenBy` names the lookup whose answer every authdeck that writes the file keeps at once, under
 * the lock (keepAnswer): when `<writtenBy>.json` is about this very file, the file is as authdeck
 * wrote it, and an answer about it is kept at once too, not two seconds later. The risk is that of
 * the writer's own answer: an edit in place by another program, within the same clock tick.
 */
export function peekCached<T>(
	env: NodeJS.ProcessEnv,
	name: string,
	part: string,
	compute: (vault: Vault | undefined) => T,
	writtenBy?: string,
): T {
	let fd: number | undefined;
	let stat: BigIntStats | undefined;
	try {
		fd = openPeek(env, (found) => {
			stat = found;
		});
	} catch {}

	if (fd === undefined || stat === undefined) return compute(undefined);
	try {
		const {config} = vaultPaths(env);
		const key = keyOf(stat);
		const file = join(cacheDirectory(env), `${name}.json`);
		const kept = readKept(file, config, key) ?? carriedKept(env, name, file, config, stat);
		if (kept && Object.hasOwn(kept, part)) return kept[part] as T;

		let text: string | undefined;
		try {
			text = readFileSync(fd, 'utf8');
		} catch {}

		const value = compute(text === undefined ? undefined : peekedVault(text));
		const settled =
			BigInt(Date.now()) * 1_000_000n - stat.mtimeNs >= settledNs ||
			(writtenBy !== undefined &&
				fileStartsWith(join(cacheDirectory(env), `${writtenBy}.json`), headOf(config, key)));
		if (settled && text !== undefined) {
			const parts = Object.entries(kept ?? {}).slice(-(maximumParts - 1));
			writeKept(file, {config, key, parts: {...Object.fromEntries(parts), [part]: value}});
		}

		return value;
	} finally {
		closeSync(fd);
	}
}

/**
 * Keeps `value` as the answer to the lookup `part` of `name` for the metadata file as `stat` says
 * it is, just written by this process under the metadata lock, in place of every answer kept before
 * (they were about an earlier file, or about this key's earlier content on a coarse clock).
 */
export function keepAnswer(
	env: NodeJS.ProcessEnv,
	name: string,
	stat: BigIntStats,
	part: string,
	value: unknown,
): void {
	const file = join(cacheDirectory(env), `${name}.json`);
	writeKept(file, {config: vaultPaths(env).config, key: keyOf(stat), parts: {[part]: value}});
}

/**
 * The answer kept to the lookup `part` of `name` for the metadata file as `stat` says it is, or
 * undefined: read from the cache alone, the metadata file untouched.
 */
export function keptAnswer(
	env: NodeJS.ProcessEnv,
	name: string,
	stat: BigIntStats,
	part: string,
): unknown {
	const kept = readKept(
		join(cacheDirectory(env), `${name}.json`),
		vaultPaths(env).config,
		keyOf(stat),
	);
	return kept && Object.hasOwn(kept, part) ? kept[part] : undefined;
}

/** Where a writer notes that the answers of a lookup kept for an earlier file hold for its own. */
const carried = 'carried';

/**
 * Notes that the answers kept in `<name>.json` for the metadata file as `from` says it was hold for
 * the file as `to` says it is now: called by a writer, under the metadata lock, that knows its write
 * changed nothing those answers are made of (a switch changes no name completion offers). Noted in
 * `<cache>/carried.json`, with the file the answers were made for: `<name>.json` itself, 120 KB
 * with 1,000 accounts, is not rewritten. With no answers kept for `from`, nothing is noted.
 */
export function carryAnswers(
	env: NodeJS.ProcessEnv,
	name: string,
	from: BigIntStats,
	to: BigIntStats,
): void {
	// The file the answers were made for: `from` itself, or the one they were carried from to it.
	const kept = fileStartsWith(
		join(cacheDirectory(env), `${name}.json`),
		headOf(vaultPaths(env).config, keyOf(from)),
	);
	const origin = kept ? keyOf(from) : keptAnswer(env, carried, from, name);
	if (typeof origin === 'string') keepAnswer(env, carried, to, name, origin);
}

/** Whether `file`, a file of this user's, starts with `head`: its first bytes read, no more. */
function fileStartsWith(file: string, head: string): boolean {
	const expected = Buffer.from(head);
	return (
		withOwnFile(file, (fd) => {
			const bytes = Buffer.alloc(expected.length);
			return readSync(fd, bytes, 0, bytes.length, 0) === bytes.length && bytes.equals(expected);
		}) === true
	);
}

/** The answers kept in `file` for an earlier metadata file, when a writer noted they still hold. */
function carriedKept(
	env: NodeJS.ProcessEnv,
	name: string,
	file: string,
	config: string,
	stat: BigIntStats,
): Kept['parts'] | undefined {
	const origin = keptAnswer(env, carried, stat, name);
	return typeof origin === 'string' ? readKept(file, config, origin) : undefined;
}
