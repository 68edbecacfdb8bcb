import fs from 'node:fs';
import path from 'node:path';
import type {StorageKind} from '../domain.js';
import {UserError} from '../lib/errors.js';
import type {VaultPaths} from './paths.js';
import {readPrivateFile, writePrivateFile} from './private-file.js';

/** A secret being written to a store, before the metadata that names it is saved. */
export type PendingWrite = {readonly store: StorageKind; readonly key: string};

/** A storage migration under way: every key is copied to `to`, then removed from `from`. */
export type PendingMigration = {
	readonly from: StorageKind;
	readonly to: StorageKind;
	readonly keys: readonly string[];
};

/**
 * `pending.json`: what a process set out to do to the secret stores and has not finished. A process
 * killed midway leaves it behind, and the next start finishes or undoes the work (vault/recover.ts),
 * so no secret is left without its account and no copy is left in a store no longer in use.
 *
 * A file of its own rather than a field of the metadata: recording an intent then costs one small
 * write instead of rewriting the whole metadata twice per login (with 1,000 accounts a metadata
 * write is the bulk of a save), and a start without it is one `stat`.
 */
export type Pending = {
	readonly version: 1;
	readonly writes: readonly PendingWrite[];
	readonly migration?: PendingMigration;
};

const empty: Pending = {version: 1, writes: []};

const keyPattern = /^(account|credential):[\w-]{1,80}$/;
const isStore = (value: unknown): value is StorageKind =>
	value === 'file' || value === 'keychain' || value === 'pass';
const isKey = (value: unknown): value is string =>
	typeof value === 'string' && keyPattern.test(value);

export function pendingPath(paths: VaultPaths): string {
	return path.join(paths.dir, 'pending.json');
}

/** True when a journal exists: the fast check every start makes. */
export function hasPending(paths: VaultPaths): boolean {
	return fs.existsSync(pendingPath(paths));
}

function parse(text: string, file: string): Pending {
	const bad = new UserError(
		`${file} does not match the expected format; it was left untouched (remove it once \`authdeck doctor\` shows nothing else wrong)`,
	);
	let value: Partial<Pending>;
	try {
		value = JSON.parse(text) as Partial<Pending>;
	} catch {
		throw bad;
	}

	const writes = value?.writes;
	const migration = value?.migration;
	if (
		value?.version !== 1 ||
		!Array.isArray(writes) ||
		!writes.every((write) => isStore(write?.store) && isKey(write?.key)) ||
		(migration !== undefined &&
			(!isStore(migration?.from) ||
				!isStore(migration?.to) ||
				!Array.isArray(migration?.keys) ||
				!migration.keys.every(isKey)))
	) {
		throw bad;
	}

	return {
		version: 1,
		writes: writes.map(({store, key}) => ({store, key})),
		...(migration
			? {migration: {from: migration.from, to: migration.to, keys: migration.keys}}
			: {}),
	};
}

/** The journal as it is on disk; empty when there is none. Only a regular file is ever opened. */
export function readPending(paths: VaultPaths): Pending {
	const file = pendingPath(paths);
	const text = readPrivateFile(file, paths.dir);
	return text === undefined ? empty : parse(text, file);
}

/**
 * Replaces the journal, atomically and 0600; an empty one is removed, so a clean vault has no file.
 * Call it only under the metadata lock: every change to the journal happens there, so a journal
 * seen under that lock was left by a process that is gone.
 */
export function writePending(paths: VaultPaths, pending: Pending): void {
	const file = pendingPath(paths);
	if (pending.writes.length === 0 && !pending.migration) {
		fs.rmSync(file, {force: true});
		return;
	}

	// The one writer of the vault's files: a short write on a full disk fails, never lands cut.
	writePrivateFile(file, paths.dir, `${JSON.stringify(pending, undefined, '\t')}\n`);
}

/** Changes the journal under the metadata lock the caller holds. */
export function changePending(paths: VaultPaths, change: (pending: Pending) => Pending): void {
	writePending(paths, change(readPending(paths)));
}

/** Records a secret write about to start. */
export function addPendingWrite(paths: VaultPaths, write: PendingWrite): void {
	changePending(paths, (pending) => ({...pending, writes: [...pending.writes, write]}));
}

/** Forgets a secret write that finished (its metadata saved) or was undone. */
export function removePendingWrite(paths: VaultPaths, write: PendingWrite): void {
	changePending(paths, (pending) => {
		const index = pending.writes.findIndex((w) => w.key === write.key && w.store === write.store);
		return index === -1
			? pending
			: {...pending, writes: pending.writes.filter((_, i) => i !== index)};
	});
}

/** Records a migration about to start, or forgets it (`undefined`) once finished or undone. */
export function setPendingMigration(
	paths: VaultPaths,
	migration: PendingMigration | undefined,
): void {
	changePending(paths, (pending) => {
		const {migration: _, ...rest} = pending;
		return migration ? {...rest, migration} : rest;
	});
}
