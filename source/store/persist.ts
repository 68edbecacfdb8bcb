import type {Vault} from '../domain.js';
import {UserError} from '../lib/errors.js';
import type {Backend} from '../vault/backend.js';
import type {MetadataFile} from '../vault/metadata.js';
import {addPendingWrite, type PendingWrite, removePendingWrite} from '../vault/pending.js';
import {accountKey, credentialKey, type SecretStore} from '../vault/secrets.js';
import type {VaultAction} from './actions.js';
import type {Persist} from './store.js';
import {checkVaultAction, matchingAccount} from './vault-checks.js';
import {vaultReducer} from './vault-reducer.js';

export type PersistOptions = {
	readonly metadata: MetadataFile;
	/** Opens the secret backend; called only for actions that carry or drop secrets. */
	readonly backend: () => Promise<Backend>;
	readonly warn: (line: string) => void;
};

function carriesSecret(action: VaultAction): boolean {
	return (
		((action.type === 'account-saved' || action.type === 'tokens-updated') &&
			action.secret !== undefined) ||
		action.type === 'credential-added' ||
		action.type === 'credential-rotated' ||
		action.type === 'credential-token-saved'
	);
}

function dropsSecrets(action: VaultAction): boolean {
	return action.type === 'account-removed' || action.type === 'credential-removed';
}

/** The id the account of an `account-saved` action has once saved: the matched account's, or its own. */
function savedAccountId(
	before: Vault,
	action: Extract<VaultAction, {type: 'account-saved'}>,
): string {
	return matchingAccount(before, action)?.id ?? action.account.id;
}

/**
 * Persists vault actions: under the metadata lock, re-read the file, check and replay the action on
 * it, store the secret it carries or delete the secrets it drops, then write atomically. A secret
 * that cannot be saved or deleted stops the action before the metadata changes, so there is never an
 * account without its secret nor a secret without its account.
 */
export function createPersist({metadata, backend}: PersistOptions): Persist {
	return async (action) => {
		const needsBackend = carriesSecret(action) || dropsSecrets(action);
		const chosen = needsBackend ? await backend() : undefined;

		return metadata.update(
			(fresh) => {
				const problem = checkVaultAction(fresh, action);
				if (problem) {
					throw problem;
				}

				let next = vaultReducer(fresh, action);
				// The backend that receives the first secret is remembered, whether probed or named by
				// AUTHDECK_STORAGE, so a later run without the variable looks where the secrets are and a
				// keychain that stops answering is an error, never a silent move to the file.
				if (chosen && carriesSecret(action) && next.settings.storage === undefined) {
					next = {...next, settings: {...next.settings, storage: chosen.store.kind}};
				}

				return next;
			},
			chosen
				? {
						before: async (before) =>
							dropsSecrets(action)
								? dropSecrets(chosen.store, before, action)
								: storeSecrets(metadata, chosen.store, before, action),
						after: async (before) => finishWrite(metadata, chosen.store, before, action),
					}
				: {},
		);
	};
}

/** Where an action's secret goes, if it carries one. */
function secretEntry(before: Vault, action: VaultAction): {key: string; value: string} | undefined {
	switch (action.type) {
		case 'account-saved': {
			return action.secret
				? {key: accountKey(savedAccountId(before, action)), value: JSON.stringify(action.secret)}
				: undefined;
		}

		case 'tokens-updated': {
			return action.secret
				? {key: accountKey(action.accountId), value: JSON.stringify(action.secret)}
				: undefined;
		}

		case 'credential-added': {
			return {key: credentialKey(action.credential.id), value: JSON.stringify(action.secret)};
		}

		case 'credential-rotated':
		case 'credential-token-saved': {
			return {key: credentialKey(action.credentialId), value: JSON.stringify(action.secret)};
		}

		default: {
			return undefined;
		}
	}
}

/** The journal entry of the action's secret write, if it carries a secret. */
function pendingWrite(
	secrets: SecretStore,
	before: Vault,
	action: VaultAction,
): PendingWrite | undefined {
	const entry = secretEntry(before, action);
	return entry ? {store: secrets.kind, key: entry.key} : undefined;
}

/**
 * Stores the action's secret before the metadata that names it is written, so a crash between the
 * two never leaves an account without its secret. The write is recorded in `pending.json` first, so
 * a crash that leaves a secret nobody points to is cleaned at the next start (vault/recover.ts).
 * Returns how to put the old secret back if the metadata cannot be written. A secret write that
 * fails keeps its journal entry: a keychain call that timed out may still land later.
 */
async function storeSecrets(
	metadata: MetadataFile,
	secrets: SecretStore,
	before: Vault,
	action: VaultAction,
): Promise<() => Promise<void>> {
	const entry = secretEntry(before, action);
	const write = pendingWrite(secrets, before, action);
	if (!entry || !write) {
		return async () => undefined;
	}

	addPendingWrite(metadata.paths, write);
	const previous = await secrets.get(entry.key);
	await secrets.set(entry.key, entry.value);
	return async () => {
		await (previous === undefined ? secrets.delete(entry.key) : secrets.set(entry.key, previous));
		// Only once undone: an undo that failed leaves the entry for the next start to clean.
		removePendingWrite(metadata.paths, write);
	};
}

/** Once the metadata naming the secret is saved, its journal entry is done. */
function finishWrite(
	metadata: MetadataFile,
	secrets: SecretStore,
	before: Vault,
	action: VaultAction,
): void {
	const write = pendingWrite(secrets, before, action);
	try {
		if (write) {
			removePendingWrite(metadata.paths, write);
		}
	} catch {
		// The save is done; an entry left behind names a key the metadata knows, which the next start
		// keeps and forgets.
	}
}

/** The secret keys an action removes: the account's and its credentials', or the credential's. */
function droppedKeys(before: Vault, action: VaultAction): string[] {
	if (action.type === 'account-removed') {
		return [
			accountKey(action.accountId),
			...before.credentials
				.filter((c) => c.accountId === action.accountId)
				.map((c) => credentialKey(c.id)),
		];
	}

	return action.type === 'credential-removed' ? [credentialKey(action.credentialId)] : [];
}

/**
 * Deletes the secrets an account or credential takes with it, BEFORE the metadata that names them is
 * written: a secret that cannot be deleted (a keychain that does not answer or is locked, a wrong
 * AUTHDECK_PASSPHRASE) stops the removal with its error, and the account stays, so no secret is ever
 * left behind with nothing pointing to it. Each secret is read first: if one delete fails, or the
 * metadata cannot be written, the ones already deleted are put back.
 */
async function dropSecrets(
	secrets: SecretStore,
	before: Vault,
	action: VaultAction,
): Promise<() => Promise<void>> {
	const deleted: Array<{key: string; value: string}> = [];
	const restore = async () => {
		for (const {key, value} of deleted.reverse()) {
			await secrets.set(key, value).catch(() => undefined);
		}
	};

	try {
		for (const key of droppedKeys(before, action)) {
			const value = await secrets.get(key);
			if (value === undefined) {
				continue;
			}

			await secrets.delete(key);
			deleted.push({key, value});
		}
	} catch (error) {
		await restore();
		throw new UserError(
			`could not delete the secrets, so nothing was removed: ${(error as Error).message}`,
			{exitCode: (error as UserError).exitCode ?? 1},
		);
	}

	return restore;
}
