import type {StorageKind} from '../domain.js';
import {openStore, secretKeys} from './backend.js';
import {KeychainError} from './keychain.js';
import {withLock} from './lock.js';
import type {MetadataFile, Warn} from './metadata.js';
import {PassError} from './pass-run.js';
import type {VaultPaths} from './paths.js';
import {hasPending, type PendingWrite, readPending, writePending} from './pending.js';
import {type SecretStore, storeName} from './secrets.js';

/** What recovering did: one line per secret removed, for `doctor --fix` to report. */
export type Recovery = {
	readonly done: readonly string[];
	readonly left: readonly string[];
	/** Some of what is left waits for a keychain that did not answer (its command will say so). */
	readonly keychainDown?: boolean;
};

/**
 * Finishes or undoes what a killed process left in `pending.json`, under the metadata lock (so
 * whatever the journal holds was left by a process that is gone):
 * - a secret written for an account or credential the metadata does not name is deleted (the
 *   process died before its metadata write); one the metadata names is kept;
 * - a migration the metadata records as done (`storage` is its target) has its keys deleted from
 *   the old store, once each is found in the new one; one not recorded is undone: the copies in
 *   the target are deleted, the old store is untouched.
 * What cannot be done now (a keychain that does not answer) stays in the journal for the next run.
 */
export async function recoverPending(
	metadata: MetadataFile,
	paths: VaultPaths,
	env: NodeJS.ProcessEnv,
	warn: Warn,
): Promise<Recovery> {
	if (!hasPending(paths)) {
		return {done: [], left: []};
	}

	return withLock(metadata.path, async () => {
		const pending = readPending(paths);
		const vault = metadata.read();
		const known = new Set(secretKeys(vault));
		const stores = new Map<StorageKind, Promise<SecretStore>>();
		// A store that did not answer once is not asked again this run: each try would cost the
		// keychain's whole timeout, before the command itself has started.
		const down = new Map<StorageKind, unknown>();
		const open = async (kind: StorageKind): Promise<SecretStore> => {
			let store = stores.get(kind);
			if (!store) {
				store = openStore(kind, paths, env, warn).then((opened) => guarded(kind, opened));
				stores.set(kind, store);
			}

			return store;
		};
		const guarded = (kind: StorageKind, store: SecretStore): SecretStore => {
			const call =
				<A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
				async (...args: A): Promise<R> => {
					if (down.has(kind)) throw down.get(kind);
					try {
						return await run(...args);
					} catch (error) {
						if (error instanceof KeychainError || error instanceof PassError) down.set(kind, error);
						throw error;
					}
				};
			return {
				kind: store.kind,
				get: call(store.get),
				set: call(store.set),
				delete: call(store.delete),
			};
		};

		const done: string[] = [];
		const left: string[] = [];
		const failed = (what: string, error: unknown) => {
			left.push(`${what}: ${(error as Error).message}`);
		};

		const writes: PendingWrite[] = [];
		for (const write of pending.writes) {
			if (known.has(write.key)) {
				continue;
			}

			try {
				if (await (await open(write.store)).delete(write.key)) {
					done.push(
						`removed ${write.key} from the ${storeName(write.store)}: its save was interrupted`,
					);
				}
			} catch (error) {
				writes.push(write);
				failed(`could not remove ${write.key} from the ${storeName(write.store)}`, error);
			}
		}

		let {migration} = pending;
		if (migration) {
			const finished = vault.settings.storage === migration.to;
			const keys: string[] = [];
			for (const key of migration.keys) {
				try {
					if (finished) {
						// The old copy goes only once the new one is there: never lose the last copy.
						const inTarget = (await (await open(migration.to)).get(key)) !== undefined;
						if (inTarget && (await (await open(migration.from)).delete(key))) {
							done.push(
								`removed ${key} from the ${storeName(migration.from)}: it was moved to the ${storeName(migration.to)}`,
							);
						}
					} else if (await (await open(migration.to)).delete(key)) {
						done.push(
							`removed ${key} from the ${storeName(migration.to)}: the move there was interrupted`,
						);
					}
				} catch (error) {
					keys.push(key);
					failed(`could not finish moving ${key}`, error);
				}
			}

			migration = keys.length > 0 ? {...migration, keys} : undefined;
		}

		writePending(paths, {version: 1, writes, ...(migration ? {migration} : {})});
		return {done, left, keychainDown: down.size > 0};
	});
}

/**
 * Run at every start: a no-op (one `stat`) unless a killed process left a journal. Never stops the
 * command: what cannot be cleaned now is said in one line and left for the next run or `doctor`.
 */
export async function recoverAtStart(
	metadata: MetadataFile,
	paths: VaultPaths,
	env: NodeJS.ProcessEnv,
	warn: Warn,
): Promise<void> {
	if (!hasPending(paths)) {
		return;
	}

	try {
		const {left, keychainDown} = await recoverPending(metadata, paths, env, warn);
		// A keychain that does not answer is the command's to report, if it needs the keychain at
		// all; the journal keeps what is left, and `doctor` lists it.
		if (left.length > 0 && !keychainDown) {
			warn(
				`warning: ${left[0]}${left.length > 1 ? ` (and ${left.length - 1} more)` : ''}; run authdeck doctor --fix later`,
			);
		}
	} catch (error) {
		warn(
			`warning: could not finish an interrupted save: ${(error as Error).message}; run authdeck doctor`,
		);
	}
}
