import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type {Vault} from '../store/state.js';
import {defaultSettings, emptyVault} from '../store/state.js';
import {UserError} from './errors.js';
import {assertInvariants} from './invariants.js';
import {withLock, withLockNow} from './lock.js';
import type {VaultPaths} from './paths.js';
import validateVault from './vault-validator.js';

/** The metadata file format this build reads and writes. */
export const vaultVersion = 1;

export type Warn = (line: string) => void;

/** Sets `target`'s mode to `wanted` and warns; a mode that cannot be repaired stops the command. */
function repairMode(target: string, mode: number, wanted: number, warn: Warn): void {
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
export function ensurePrivateDir(dir: string, warn: Warn): void {
	fs.mkdirSync(dir, {recursive: true, mode: 0o700});
	const mode = fs.statSync(dir).mode & 0o777;
	if (mode !== 0o700) {
		repairMode(dir, mode, 0o700, warn);
	}
}

/** Repairs a file's mode to 0600 with a warning, when the file exists. */
export function ensurePrivateFile(file: string, warn: Warn): void {
	let mode: number;
	try {
		mode = fs.statSync(file).mode & 0o777;
	} catch {
		return;
	}

	if (mode !== 0o600) {
		repairMode(file, mode, 0o600, warn);
	}
}

/**
 * Temp files of a write killed before its rename: removed, so no stale copy lingers. Call it only
 * under the file's lock, when no other process can be midway through a write of its own.
 */
export function removeStaleTempFiles(file: string): void {
	const dir = path.dirname(file);
	const base = `${path.basename(file)}.tmp-`;
	for (const name of fs.readdirSync(dir)) {
		if (name.startsWith(base)) {
			fs.rmSync(path.join(dir, name), {force: true});
		}
	}
}

/** Keeps a copy of a file that cannot be read, next to it, once per distinct content. */
function keepCorruptCopy(file: string): string {
	const content = fs.readFileSync(file);
	const dir = path.dirname(file);
	const base = `${path.basename(file)}.corrupt-`;
	for (const name of fs.readdirSync(dir)) {
		if (name.startsWith(base) && fs.readFileSync(path.join(dir, name)).equals(content)) {
			return path.join(dir, name);
		}
	}

	const copy = `${file}.corrupt-${new Date().toISOString().replaceAll(':', '-')}`;
	fs.writeFileSync(copy, content, {mode: 0o600, flag: 'wx'});
	return copy;
}

type Stored = Partial<Vault> & Record<string, unknown>;

/**
 * The schema check conf would run, from a validator compiled ahead of time: compiling the schema
 * at start-up cost ~100 ms. It throws conf's own message, so both are handled alike.
 */
function checked(stored: Stored): Stored {
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

/** A text of the metadata file and the checked value it holds. */
type Known = {readonly text: string; readonly value: Stored};

/**
 * The metadata file, through `conf`. conf has no lock of its own, so every change goes through
 * `update`, which locks, re-reads and writes atomically. A file that does not parse or fails the
 * schema is never overwritten: a copy is kept as `config.json.corrupt-<time>` and every command
 * stops with an error naming the path until the user fixes or removes it.
 */
export class MetadataFile {
	readonly path: string;
	readonly #conf: Conf<Stored>;
	/**
	 * The texts last written and last read, each with the checked value it holds. Every update reads
	 * the file first and conf reads it again inside every write: a text already known is not parsed
	 * and checked again (with 1,000 accounts that was half the time of a switch).
	 */
	#written?: Known;
	#read?: Known;

	constructor(
		readonly paths: VaultPaths,
		warn: Warn = () => undefined,
	) {
		ensurePrivateDir(paths.dir, warn);
		ensurePrivateFile(paths.config, warn);
		// Every run, not only a write: a secrets file left readable by others must not wait for one.
		ensurePrivateFile(paths.secrets, warn);
		this.path = paths.config;
		this.#conf = this.#guard(
			() =>
				new Conf<Stored>({
					cwd: paths.dir,
					configName: 'config',
					projectSuffix: '',
					// Checked as parsed, before conf spreads it into an object (a top-level list would pass).
					deserialize: (text: string) => {
						// What this process wrote is what it reads next; conf's read inside the next write
						// then finds it as the last text read.
						if (this.#written?.text === text) this.#read = this.#written;
						if (this.#read?.text !== text) {
							this.#read = {text, value: checked(JSON.parse(text) as Stored)};
						}

						return this.#read.value;
					},
					serialize: (value: Stored) => {
						if (this.#written?.value !== value) {
							this.#written = {text: JSON.stringify(value, undefined, '\t'), value};
						}

						return this.#written.text;
					},
					clearInvalidConfig: false,
					accessPropertiesByDotNotation: false,
					configFileMode: 0o600,
				}),
		);
	}

	/** Reads the vault as it is on disk now. */
	read(): Vault {
		const stored = this.#guard(() => this.#conf.store);
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
			removeStaleTempFiles(this.path);
			const before = this.read();
			return {before, next: change(before)};
		};

		// With nothing to do around the write, and the lock free, the whole update is synchronous.
		if (!hooks.before && !hooks.after) {
			const done = withLockNow(this.path, () => {
				const {before, next} = fresh();
				if (next !== before) {
					this.#write(next);
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
				this.#write(next);
			} catch (error) {
				await undo?.().catch(() => undefined);
				throw error;
			}

			await hooks.after?.(before, next);
			return next;
		});
	}

	#write(vault: Vault): void {
		// The text is made once: parsed back (dropping undefined fields) and checked, then written.
		const text = JSON.stringify(vault, undefined, '\t');
		const plain = checked(JSON.parse(text) as Stored);
		this.#written = {text, value: plain};
		try {
			this.#conf.store = plain;
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			const reason =
				code === 'ENOSPC'
					? 'the disk is full'
					: code === 'EACCES' || code === 'EROFS' || code === 'EPERM'
						? 'the directory is not writable'
						: (error as Error).message;
			throw new UserError(`could not save ${this.path}: ${reason}; nothing was changed`);
		}
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
			const copy = keepCorruptCopy(this.path);
			if (newer !== undefined) {
				return new UserError(
					`${this.path} was written by a newer authdeck (format ${newer}); upgrade authdeck (a copy is kept at ${copy})`,
				);
			}

			// What is wrong, e.g. "two accounts have the alias prod", so the user knows what to fix.
			const detail = message.replace(/^Config schema violation: ?/, '').slice(0, 300);
			const why =
				error instanceof SyntaxError
					? 'is not valid JSON'
					: `does not match the expected format (${detail})`;
			return new UserError(
				`${this.path} ${why}; it was left untouched and a copy kept at ${copy}. Fix or remove it to continue`,
			);
		}

		return error as Error;
	}

	#newerVersion(): number | undefined {
		try {
			const version = (JSON.parse(fs.readFileSync(this.path, 'utf8')) as {version?: unknown})
				.version;
			return typeof version === 'number' && version > vaultVersion ? version : undefined;
		} catch {
			return undefined;
		}
	}
}
