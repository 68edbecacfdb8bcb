import type fs from 'node:fs';
import Conf from 'conf';
import type {Vault} from '../domain.js';
import {defaultSettings, emptyVault} from '../domain.js';
import {UserError} from '../lib/errors.js';
import type {CheckStamps} from './check-stamp.js';
import {ensurePrivateDir, ensurePrivateFile, resolvePrivateFile} from './file-checks.js';
import {HeldFile} from './held-file.js';
import {assertInvariants} from './invariants.js';
import {withLock, withLockNow} from './lock.js';
import type {VaultPaths} from './paths.js';
import {pendingPath} from './pending.js';
import {keepCorruptCopy, readPrivateFile, removeStaleTempFiles} from './private-file.js';
import {rememberChecked, writesItemByItem, writeVault} from './vault-text.js';
import validateVault from './vault-validator.js';

/** The metadata file format this build reads and writes. */
export const vaultVersion = 1;

export type Warn = (line: string) => void;

/**
 * Told of each write, still under the lock, with the vault written and what fstat says of the file
 * then, and the vault it replaced with what fstat said of that file when it was read (when it was
 * held unchanged from then): the command line and the deck keep the shell's lookups' answers for
 * the new file (services/lookup-answers.ts).
 */
export type Written = (
	vault: Vault,
	stat: fs.BigIntStats,
	before?: {readonly vault: Vault; readonly stat: fs.BigIntStats},
) => void;

type Stored = Partial<Vault> & Record<string, unknown>;

/**
 * The schema check conf would run, from a validator compiled ahead of time: compiling the schema
 * at start-up cost ~100 ms. It throws conf's own message, so both are handled alike.
 */
export function checked(stored: Stored): Stored {
	if (
		typeof stored !== 'object' ||
		stored === null ||
		Array.isArray(stored) ||
		!validateVault(stored)
	) {
		const problems = (validateVault.errors ?? []).map(
			(error) => `\`${error.instancePath || '/'}\` ${error.message ?? 'is invalid'}`,
		);
		throw new Error(`Config schema violation: ${problems.join('; ')}`);
	}

	assertInvariants(stored);
	return stored;
}

/** A text of the file and its value; `written`: this build wrote it, a stamp says (check-stamp.ts). */
type Known = {readonly text: string; readonly value: Stored; checked?: true; written?: boolean};

/**
 * The metadata file: read through `conf`, written whole or not at all by `writePrivateFile`. conf
 * has no lock of its own, so every change goes through `update`, which locks, re-reads and writes. A file that does not parse or fails the
 * schema is never overwritten: a copy is kept as `config.json.corrupt-<time>` and every command
 * stops with an error naming the path until the user fixes or removes it.
 */
export class MetadataFile {
	readonly path: string;
	#conf?: Conf<Stored>;
	/**
	 * The text last read, with the checked value it holds: a text already known is not parsed and
	 * checked again (with 1,000 accounts that was half the time of a switch).
	 */
	#read?: Known;
	/** The file as last read or written, held open: unchanged, it is not read again (held-file.ts). */
	readonly #held = new HeldFile<Stored>();
	readonly #written?: Written;
	readonly #stamps?: CheckStamps;

	constructor(
		readonly paths: VaultPaths,
		warn: Warn = () => undefined,
		written?: Written,
		stamps?: CheckStamps,
	) {
		this.#written = written;
		this.#stamps = stamps;
		ensurePrivateDir(paths.dir, warn);
		// Before conf's first read: a FIFO, a device or a link out of the directory stops here, unread.
		ensurePrivateFile(paths.config, paths.dir, warn);
		// Every run, not only a write: a secrets file left readable by others must not wait for one.
		ensurePrivateFile(paths.secrets, paths.dir, warn);
		this.path = paths.config;
	}

	/**
	 * The file's value through conf, which is made on the first read: conf reads the file as it is
	 * made, and that read is the first one's (with 1,000 accounts, a second read of 450 KB was ~1 ms).
	 */
	#store(): Stored {
		if (this.#conf) return this.#conf.store;
		this.#conf = new Conf<Stored>({
			cwd: this.paths.dir,
			configName: 'config',
			projectSuffix: '',
			// Checked as parsed (#checkRead), not as conf spreads it into an object (a list would pass).
			deserialize: (text: string) => {
				if (this.#read?.text !== text) {
					this.#read = {text, value: JSON.parse(text) as Stored};
				}

				return this.#read.value;
			},
			clearInvalidConfig: false,
			accessPropertiesByDotNotation: false,
			configFileMode: 0o600,
		});
		// What conf read as it was made; no text read at all is a file not there yet, an empty vault.
		return this.#read?.value ?? ({} as Stored);
	}

	/** Reads the vault as it is on disk now. */
	read(): Vault {
		// conf reads with a plain readFileSync, which a FIFO would block forever: checked just before.
		const {real} = resolvePrivateFile(this.path, this.paths.dir);
		const stored =
			this.#held.known(real) ??
			this.#held.read(real, this.path, () => this.#guard(() => this.#store()));
		this.#guard(() => this.#checkRead());
		if (typeof stored.version === 'number' && stored.version > vaultVersion) {
			throw new UserError(
				`${this.path} was written by a newer authdeck (format ${stored.version}); upgrade authdeck to use it. It was left untouched`,
			);
		}

		if (stored.version === undefined && Object.keys(stored).length === 0) {
			return emptyVault;
		}

		return {
			...emptyVault,
			...stored,
			settings: {...defaultSettings, ...stored.settings},
			version: 1,
		} as Vault;
	}

	/**
	 * Read-modify-write under the cross-process lock: `change` gets the freshest vault and returns the
	 * one to save (the same object to save nothing). Inside the lock, `hooks.before` runs before the
	 * new vault is written and returns how to undo itself, which runs if the write fails; `hooks.after`
	 * runs once it is written.
	 */
	async update(
		change: (vault: Vault) => Vault,
		hooks: {
			before?: (before: Vault, next: Vault) => Promise<() => Promise<void>>;
			after?: (before: Vault, saved: Vault) => Promise<void>;
		} = {},
	): Promise<Vault> {
		// Under the lock: the freshest vault and the one `change` makes of it.
		const fresh = () => {
			removeStaleTempFiles(this.path, this.paths.dir);
			// The journal is written under this lock too: a temp copy of it is a killed writer's.
			removeStaleTempFiles(pendingPath(this.paths), this.paths.dir);
			const before = this.read();
			return {before, next: change(before)};
		};

		// With nothing to do around the write, and the lock free, the whole update is synchronous.
		if (!hooks.before && !hooks.after) {
			const done = withLockNow(this.path, () => {
				const {before, next} = fresh();
				if (next !== before) {
					this.#write(next, before);
				}

				return next;
			});
			if (done) {
				return done.value;
			}
		}

		return withLock(this.path, async () => {
			const {before, next} = fresh();
			if (next === before) {
				return before;
			}

			const undo = await hooks.before?.(before, next);
			try {
				this.#write(next, before);
			} catch (error) {
				await undo?.().catch(() => undefined);
				throw error;
			}

			await hooks.after?.(before, next);
			return next;
		});
	}

	/**
	 * Makes, between turns of the event loop, the text of each item of the vault last read, so that
	 * the next write (the deck's first switch) stringifies only what it changed (vault-text.ts);
	 * nothing for a vault small enough to be written whole.
	 */
	prepareWrites(): Promise<void> {
		const read = this.#read?.value;
		return read && writesItemByItem(read) ? rememberChecked(read) : Promise.resolve();
	}

	#write(vault: Vault, before: Vault): void {
		// The file `before` was read from, as it was then (held: unchanged since).
		const was = this.#held.stat;
		// Made item by item or sliced from the text read, what changed checked, written whole (vault-text.ts).
		const plain = writeVault(this.paths, vault, before, checked, this.#read);
		// Under the lock still: the file is ours, so the next read (the next switch's) need not read it.
		const stat = this.#held.wrote(
			resolvePrivateFile(this.path, this.paths.dir).real,
			this.path,
			plain,
		);
		// Under the lock too, so that what is told follows the order of the writes. Only a cache is
		// made of it: its failure is never the write's.
		if (stat) this.#stamps?.keep(stat, true);
		if (stat && this.#written) {
			try {
				this.#written(vault, stat, was && {vault: before, stat: was});
			} catch {}
		}
	}

	/**
	 * Checks the text last read, unless a stamp says this very file passed (check-stamp.ts): the
	 * file held open, unchanged from before conf read it to after, is the one whose text was read.
	 */
	#checkRead(): void {
		const read = this.#read;
		if (!read || read.checked) return;
		const stat = this.#held.stat;
		const stamp = stat && this.#stamps?.known(stat);
		if (!stamp) {
			checked(read.value);
			if (stat) this.#stamps?.keep(stat, false);
		}
		read.written = stamp === 'written';
		read.checked = true;
	}

	#guard<T>(read: () => T): T {
		try {
			return read();
		} catch (error) {
			throw this.#explain(error);
		}
	}

	#explain(error: unknown): Error {
		const message = (error as Error).message ?? String(error);
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EACCES' || code === 'EPERM') {
			return new UserError(`cannot read ${this.path}: permission denied`);
		}

		if (error instanceof SyntaxError || message.startsWith('Config schema violation')) {
			const newer = this.#newerVersion();
			const copy = keepCorruptCopy(this.path, this.paths.dir);
			if (newer !== undefined) {
				return new UserError(
					`${this.path} was written by a newer authdeck (format ${newer}); upgrade authdeck${copy ? ` (a copy is kept at ${copy})` : ''}`,
				);
			}

			// What is wrong, e.g. "two accounts have the alias prod", so the user knows what to fix.
			const detail = message.replace(/^Config schema violation: ?/, '').slice(0, 300);
			const why =
				error instanceof SyntaxError
					? 'is not valid JSON'
					: `does not match the expected format (${detail})`;
			const kept = copy ? ` and a copy kept at ${copy}` : '';
			return new UserError(
				`${this.path} ${why}; it was left untouched${kept}. Fix or remove it to continue`,
			);
		}

		return error as Error;
	}

	#newerVersion(): number | undefined {
		try {
			const text = readPrivateFile(this.path, this.paths.dir) ?? '';
			const version = (JSON.parse(text) as {version?: unknown}).version;
			return typeof version === 'number' && version > vaultVersion ? version : undefined;
		} catch {
			return undefined;
		}
	}
}
