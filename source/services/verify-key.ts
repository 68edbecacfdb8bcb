import {findProvider} from '../auth/providers.js';
import {UserError} from '../lib/errors.js';
import {checkSecret, checkUrl} from '../lib/validate.js';
import {apiRoot} from '../providers/request.js';
import {askWhoami, type RemoteUser} from '../providers/whoami.js';
import type {Context} from '../store/context.js';
import {providerFetch} from './provider-target.js';

/** What `login --with-token --verify` checks: the key, for the provider and base URL it will be stored with. */
export type VerifyInput = {
	readonly provider: string;
	readonly apiKey: string;
	readonly baseUrl?: string;
	readonly environment?: string;
};

/**
 * Asks the provider who the key belongs to, before anything is stored: a key the provider refuses
 * fails here, and the vault is not touched.
 */
export async function verifyKey(context: Context, input: VerifyInput): Promise<RemoteUser> {
	const provider = findProvider(context.store.getState().vault, input.provider);
	if (!provider?.api?.whoami) {
		throw new UserError(
			`--verify: authdeck knows no "who am I" endpoint of ${provider?.name ?? input.provider}, so it cannot check the key; leave out --verify`,
		);
	}

	const withApi = {...provider, api: provider.api};
	const key = checkSecret(input.apiKey, 'key', 'apiKey');
	const base = input.baseUrl ? checkUrl(input.baseUrl, 'base URL', 'baseUrl') : undefined;
	return askWhoami({
		provider: withApi,
		root: apiRoot(withApi, {environment: input.environment}, base),
		sent: {key, from: 'the key given on stdin (nothing was stored)'},
		fetch: providerFetch(context),
	});
}
