import fs from 'node:fs';
import {findProvider} from '../auth/providers.js';
import {revokeTokens} from '../auth/revoke.js';
import type {Account} from '../domain.js';
import type {Context} from '../store/context.js';
import {findAccount} from '../store/selectors.js';
import {primarySecret, readAccountSecret} from '../vault/read-secret.js';
import {expandSyncPath, heldByUser, syncEnabled} from '../vault/sync-file.js';

export type LogoutResult = {
	readonly alias: string;
	/** Warnings: the server could not be told, a secret could not be deleted. */
	readonly warnings: readonly string[];
};

/**
 * Forgets an account: its metadata, its secrets and its credentials. Signed-in accounts are revoked
 * at the provider first where the provider supports it; a server that cannot be told is a warning.
 * A secret that cannot be read or deleted (keychain not answering or locked, wrong
 * AUTHDECK_PASSPHRASE) is an error and the account is kept, so no secret is left behind unnamed.
 */
export async function logoutAccount(context: Context, account: Account): Promise<LogoutResult> {
	const synced = await syncedFileHolding(context, account);
	// API keys have no revocation endpoint; signed-in accounts are revoked first (RFC 7009). A secret
	// that cannot be read stops the logout here, before the server is told anything: it could not be
	// deleted either.
	const secret =
		account.method === 'api-key' ? undefined : await readAccountSecret(context, account.id);
	const warnings = [...(await revokeTokens(context, account.id, secret))];
	await context.store.dispatch({type: 'account-removed', accountId: account.id});
	if (synced) {
		await releaseSyncedFile(context, account.providerId, synced).catch((error: unknown) => {
			warnings.push(`could not update ${synced}: ${(error as Error).message}`);
		});
	}

	return {alias: account.alias, warnings};
}

/** The provider's key file (vastai's), when it holds this account's key. */
async function syncedFileHolding(context: Context, account: Account): Promise<string | undefined> {
	const provider = findProvider(context.store.getState().vault, account.providerId);
	if (!provider?.syncFile) {
		return undefined;
	}

	const file = expandSyncPath(provider.syncFile, context.env);
	let content: string;
	try {
		content = fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}

	const secret = await readAccountSecret(context, account.id).catch(() => undefined);
	// A key the user put there themselves (say, imported from it) stays: authdeck did not write it.
	return content === primarySecret(secret) && !heldByUser(file, context.env) ? file : undefined;
}

/**
 * A forgotten key must not stay where the provider's own CLI reads it: the file gets the provider's
 * next active account's key, or is removed. A file holding any other key is never touched.
 */
async function releaseSyncedFile(context: Context, providerId: string, file: string) {
	const {vault} = context.store.getState();
	const provider = findProvider(vault, providerId);
	const next = findAccount(vault, vault.active[providerId]);
	const key = next ? primarySecret(await readAccountSecret(context, next.id)) : undefined;
	// With sync-files off the file is only ever removed: it held the key of an earlier opt-in.
	if (provider && key !== undefined && syncEnabled(vault.settings, provider)) {
		// Loaded here: the writer brings atomically, which the deck (importing this module) would
		// otherwise load at every start for a logout it may never do (~2 ms, vault/sync-write.ts).
		const {syncProviderFile} = await import('../vault/sync-write.js');
		await syncProviderFile(provider, key, context.env);
	} else {
		fs.rmSync(file, {force: true});
	}
}
