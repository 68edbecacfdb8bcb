import type {StorageKind, Vault} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {fileSecretStore} from './file-secrets.js';
import {keychainKeytar, keychainStore, probeKeychain} from './keychain.js';
import type {Warn} from './metadata.js';
import {openPassStore} from './pass.js';
import type {VaultPaths} from './paths.js';
import {accountKey, credentialKey, type SecretStore, storeName} from './secrets.js';

/** Whatever can open the secret backend: the store's context, or a test's. */
export type SecretSource = {readonly backend: () => Promise<Backend>};

export type Backend = {
	readonly store: SecretStore;
	/** How the backend was chosen: `AUTHDECK_STORAGE`, the `storage` setting, or a probe of the keychain. */
	readonly chosenBy: 'env' | 'setting' | 'probe';
	/** Why the keychain was not used, when the probe fell back to the file. */
	readonly fallbackReason?: string;
};

export const storageKinds: readonly StorageKind[] = ['keychain', 'file', 'pass'];

export function parseStorage(value: string, source: string): StorageKind {
	if (!storageKinds.includes(value as StorageKind)) {
		throw new UserError(`${source} must be "keychain", "file" or "pass", not "${value}"`);
	}

	return value as StorageKind;
}

/** The backend asked for by `AUTHDECK_STORAGE` or the `storage` setting, without probing. */
export function requestedStorage(
	vault: Vault,
	env: NodeJS.ProcessEnv,
): {kind: StorageKind; chosenBy: 'env' | 'setting'} | undefined {
	if (env.AUTHDECK_STORAGE) {
		return {kind: parseStorage(env.AUTHDECK_STORAGE, 'AUTHDECK_STORAGE'), chosenBy: 'env'};
	}

	return vault.settings.storage ? {kind: vault.settings.storage, chosenBy: 'setting'} : undefined;
}

/**
 * Opens one backend by name. A keychain or pass store asked for by name that cannot be used is an
 * error, never a silent move to the file.
 */
export async function openStore(
	kind: StorageKind,
	paths: VaultPaths,
	env: NodeJS.ProcessEnv,
	warn: Warn,
): Promise<SecretStore> {
	if (kind === 'file') {
		return fileSecretStore(paths.secrets, {passphrase: env.AUTHDECK_PASSPHRASE || undefined, warn});
	}

	if (kind === 'pass') {
		// Never probed, only chosen: a missing `pass` or store is an error, not a move to the file.
		return openPassStore(env);
	}

	// keytar's helper process starts on the first write; a read asks the Secret Service itself.
	return keychainStore(keychainKeytar(env));
}

export function fallbackWarning(reason: string, paths: VaultPaths): string {
	return `warning: the OS keychain is unavailable (${reason}); secrets are stored in the file ${paths.secrets}${
		process.env.AUTHDECK_PASSPHRASE
			? ' (encrypted with AUTHDECK_PASSPHRASE)'
			: ' UNENCRYPTED (set AUTHDECK_PASSPHRASE to encrypt it)'
	}`;
}

/**
 * Chooses where secrets live: `AUTHDECK_STORAGE`, else the `storage` setting, else the keychain if a
 * probe answers within 3 s, else the file with a warning. Callers remember a probed choice in the
 * settings the first time they store a secret, so the choice never silently changes later.
 */
export async function chooseBackend(
	vault: Vault,
	paths: VaultPaths,
	env: NodeJS.ProcessEnv,
	warn: Warn,
): Promise<Backend> {
	const requested = requestedStorage(vault, env);
	if (requested) {
		return {store: await openStore(requested.kind, paths, env, warn), chosenBy: requested.chosenBy};
	}

	const probe = await probeKeychain();
	if ('store' in probe) {
		return {store: probe.store, chosenBy: 'probe'};
	}

	warn(fallbackWarning(probe.reason, paths));
	return {
		store: await openStore('file', paths, env, warn),
		chosenBy: 'probe',
		fallbackReason: probe.reason,
	};
}

/** Every secret key the vault knows of. */
export function secretKeys(vault: Vault): string[] {
	return [
		...vault.accounts.map((account) => accountKey(account.id)),
		...vault.credentials.map((credential) => credentialKey(credential.id)),
	];
}

/**
 * Copies every secret from one store to another. If any step fails, what was copied is removed from
 * the target and the source is left exactly as it was. The caller deletes from the source only after
 * it has recorded the new backend.
 */
export async function copySecrets(
	vault: Vault,
	from: SecretStore,
	to: SecretStore,
): Promise<number> {
	const copied: string[] = [];
	try {
		for (const key of secretKeys(vault)) {
			const value = await from.get(key);
			if (value !== undefined) {
				await to.set(key, value);
				copied.push(key);
			}
		}
	} catch (error) {
		for (const key of copied) {
			await to.delete(key).catch(() => undefined);
		}

		throw new UserError(
			`could not move secrets to the ${storeName(to.kind)}: ${(error as Error).message}; nothing was changed`,
		);
	}

	return copied.length;
}
