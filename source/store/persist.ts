import type {Backend} from '../vault/backend.js';
import {UserError} from '../vault/errors.js';
import type {MetadataFile} from '../vault/metadata.js';
import {accountKey, credentialKey} from '../vault/secrets.js';
import type {VaultAction} from './actions.js';
import {checkVaultAction, matchingAccount, vaultReducer} from './reducer.js';
import type {Vault} from './state.js';
import type {Persist} from './store.js';

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
		action.type === 'credential-added'
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
 * it, write atomically, then store or delete the secrets it carries. A secret that cannot be saved
 * rolls the metadata back, so there is never an account without its secret.
 */
export function createPersist({metadata, backend, warn}: PersistOptions): Persist {
	return async (action) => {
		const needsBackend = carriesSecret(action) || dropsSecrets(action);
		const chosen = needsBackend ? await backend() : undefined;

		return metadata.update(
			(fresh) => {
				const problem = checkVaultAction(fresh, action);
				if (problem) {
					throw new UserError(problem);
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
				? async (before) => {
						const secrets = chosen.store;
						switch (action.type) {
							case 'account-saved': {
								if (action.secret) {
									await secrets.set(
										accountKey(savedAccountId(before, action)),
										JSON.stringify(action.secret),
									);
								}

								break;
							}

							case 'tokens-updated': {
								if (action.secret) {
									await secrets.set(accountKey(action.accountId), JSON.stringify(action.secret));
								}

								break;
							}

							case 'credential-added': {
								await secrets.set(
									credentialKey(action.credential.id),
									JSON.stringify(action.secret),
								);
								break;
							}

							case 'account-removed': {
								const keys = [
									accountKey(action.accountId),
									...before.credentials
										.filter((c) => c.accountId === action.accountId)
										.map((c) => credentialKey(c.id)),
								];
								await deleteAll(keys, secrets.delete, warn);
								break;
							}

							case 'credential-removed': {
								await deleteAll([credentialKey(action.credentialId)], secrets.delete, warn);
								break;
							}

							default: {
								break;
							}
						}
					}
				: undefined,
		);
	};
}

/** Deleting is best effort: the account is gone either way, and the user is told what was left behind. */
async function deleteAll(
	keys: readonly string[],
	remove: (key: string) => Promise<boolean>,
	warn: (line: string) => void,
) {
	for (const key of keys) {
		try {
			await remove(key);
		} catch (error) {
			warn(
				`warning: could not delete secret ${key} from the secret store: ${(error as Error).message}`,
			);
		}
	}
}
