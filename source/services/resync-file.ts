import {findProvider} from '../auth/providers.js';
import type {Account} from '../domain.js';
import type {Context} from '../store/context.js';
import {syncEnabled} from '../vault/sync-file.js';
import {syncProviderFile} from '../vault/sync-write.js';

/** The provider's key file, rewritten when sync-files is on and the account is the one it holds. */
export function resyncFile(context: Context, account: Account, key: string): string | undefined {
	const {vault} = context.store.getState();
	const provider = findProvider(vault, account.providerId);
	if (!provider || !syncEnabled(vault.settings, provider) || vault.current !== account.id) {
		return undefined;
	}

	return syncProviderFile(provider, key, context.env);
}
