import {allProviders, findProvider} from '../auth/providers.js';
import type {Account, AccountSecret, Provider, Vault} from '../domain.js';
import type {SecretSource} from '../vault/backend.js';
import {primarySecret, readAccountSecret} from '../vault/read-secret.js';
import {syncEnabled} from '../vault/sync-file.js';
import {currentAccount, findAccount} from './selectors.js';
import type {Effects} from './store.js';

/**
 * The effect every run has, the deck's and the subcommands': after a switch or a login, the file a
 * provider's own CLI reads (vastai's `vast_api_key`) is rewritten with the new current account's key,
 * when the user turned `sync-files` on for that provider.
 */
export function syncProviderFileEffects(
	context: SecretSource & {
		readonly env: NodeJS.ProcessEnv;
		readonly warn: (line: string) => void;
	},
): Effects {
	const sync = async (provider: Provider, account: Account, stored?: AccountSecret) => {
		try {
			const value = primarySecret(stored ?? (await readAccountSecret(context, account.id)));
			if (value !== undefined) {
				// Loaded here, on the first write: atomically is no part of a run that syncs no file.
				const {syncProviderFile} = await import('../vault/sync-write.js');
				await syncProviderFile(provider, value, context.env, (copy) =>
					context.warn(`${provider.name}'s key file held another key: kept a copy in ${copy}`),
				);
			}
		} catch (error) {
			context.warn(
				`warning: could not update ${provider.name}'s key file: ${(error as Error).message}`,
			);
		}
	};

	return async (action, api) => {
		const {vault} = api.getState();
		if (action.type === 'profile-used') {
			// Every provider switched at once: each synced file gets its provider's new active key.
			for (const [provider, account] of activeSynced(vault)) {
				await sync(provider, account);
			}

			return;
		}

		if (
			action.type !== 'account-switched' &&
			action.type !== 'switched-back' &&
			action.type !== 'account-saved'
		) {
			return;
		}

		// A switch in a profile not in use changes no file: that profile's keys are not in use.
		if (action.profile !== undefined) {
			return;
		}

		const account = currentAccount(vault);
		const provider = account ? findProvider(vault, account.providerId) : undefined;
		if (!account || !provider || !syncEnabled(vault.settings, provider)) {
			return;
		}

		await sync(provider, account, action.type === 'account-saved' ? action.secret : undefined);
	};
}

/** The providers with `sync-files` on and an active account, with that account. */
function activeSynced(vault: Vault): Array<[Provider, Account]> {
	return allProviders(vault).flatMap((provider) => {
		const account = findAccount(vault, vault.active[provider.id]);
		return account && syncEnabled(vault.settings, provider)
			? [[provider, account] as [Provider, Account]]
			: [];
	});
}
