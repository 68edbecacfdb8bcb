import {findProvider} from '../auth/providers.js';
import type {SecretSource} from '../vault/backend.js';
import {primarySecret, readAccountSecret} from '../vault/read-secret.js';
import {syncEnabled, syncProviderFile} from '../vault/sync-file.js';
import {currentAccount} from './selectors.js';
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
	return async (action, api) => {
		if (
			action.type !== 'account-switched' &&
			action.type !== 'switched-back' &&
			action.type !== 'account-saved'
		) {
			return;
		}

		const {vault} = api.getState();
		const account = currentAccount(vault);
		const provider = account ? findProvider(vault, account.providerId) : undefined;
		if (!account || !provider || !syncEnabled(vault.settings, provider)) {
			return;
		}

		try {
			const secret =
				action.type === 'account-saved' && action.secret
					? action.secret
					: await readAccountSecret(context, account.id);
			const value = primarySecret(secret);
			if (value !== undefined) {
				syncProviderFile(provider, value, context.env, (copy) =>
					context.warn(`${provider.name}'s key file held another key: kept a copy in ${copy}`),
				);
			}
		} catch (error) {
			context.warn(
				`warning: could not update ${provider.name}'s key file: ${(error as Error).message}`,
			);
		}
	};
}
