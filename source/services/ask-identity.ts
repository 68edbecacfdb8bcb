import {OfflineError} from '../auth/http.js';
import {findProvider} from '../auth/providers.js';
import type {Account} from '../domain.js';
import {askIdentity, type RemoteIdentity} from '../providers/whoami.js';
import type {Context} from '../store/context.js';
import {storedTarget} from './provider-target.js';
import {keepPermissions} from './record-refusal.js';

/**
 * For a stored API key whose provider has a "who am I" endpoint (a preset's, or one `provider add
 * --whoami` declared), the provider's answer; undefined for any other account. The permissions the
 * answer reports are kept as the account's. A refused key fails (the message names the key sent);
 * offline, a warning and undefined, so the caller shows what is stored.
 */
export async function askAccountIdentity(
	context: Context,
	account: Account,
	from: string,
): Promise<RemoteIdentity | undefined> {
	const provider = findProvider(context.store.getState().vault, account.providerId);
	if (account.method !== 'api-key' || !provider?.api?.whoami) {
		return undefined;
	}

	let identity: RemoteIdentity;
	try {
		identity = await askIdentity(await storedTarget(context, account, from));
	} catch (error) {
		if (!(error instanceof OfflineError)) {
			throw error;
		}

		context.warn(`warning: ${error.message}`);
		return undefined;
	}

	if (identity.permissions) {
		const current =
			context.store.getState().vault.accounts.find((a) => a.id === account.id) ?? account;
		await keepPermissions(context, current, identity.permissions);
	}

	return identity;
}
