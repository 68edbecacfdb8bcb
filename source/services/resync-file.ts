import {findProvider} from '../auth/providers.js';
import type {Account} from '../domain.js';
import type {Context} from '../store/context.js';
import {syncEnabled} from '../vault/sync-file.js';

/**
 * The provider's key file, rewritten when sync-files is on and the account is the one it holds. The
 * writer is loaded only then: it brings atomically, whose loading was ~2 ms of the deck's start.
 */
export async function resyncFile(
	context: Context,
	account: Account,
	key: string,
): Promise<string | undefined> {
	const {vault} = context.store.getState();
	const provider = findProvider(vault, account.providerId);
	if (!provider || !syncEnabled(vault.settings, provider) || vault.current !== account.id) {
		return undefined;
	}

	const {syncProviderFile} = await import('../vault/sync-write.js');
	return syncProviderFile(provider, key, context.env);
}
