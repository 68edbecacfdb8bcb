import type {Profile} from '../auth/claims.js';
import {requestOptions} from '../auth/http.js';
import {findProvider} from '../auth/providers.js';
import {
	fetchServiceToken,
	readServiceAccountKey,
	type ServiceAccountKey,
	secretOfKey,
} from '../auth/service-account.js';
import type {Account, Provider} from '../domain.js';
import {UserError} from '../lib/errors.js';
import type {Context} from '../store/context.js';
import {checkInput, type SignInInput, saveSignIn, signInTarget} from './save-sign-in.js';

export type ServiceAccountInput = Omit<SignInInput, 'provider' | 'say'> & {
	/** The key file; else `AUTHDECK_SERVICE_ACCOUNT_KEY`. */
	readonly file?: string;
	/** The provider to file the account under; by default one made for the key's issuer. */
	readonly provider?: string;
};

/** The provider a service account is filed under: the one named, else one for its issuer or token URL. */
async function providerForKey(
	context: Context,
	key: ServiceAccountKey,
	wanted: string | undefined,
): Promise<Provider> {
	const {vault} = context.store.getState();
	if (wanted) {
		const provider = findProvider(vault, wanted);
		if (!provider) {
			throw new UserError(`unknown provider "${wanted}"`);
		}

		return provider;
	}

	const origin = new URL((key.issuer ?? key.tokenUrl) as string);
	const existing = vault.providers.find(
		(provider) =>
			provider.kind === 'oidc' &&
			provider.issuer !== undefined &&
			new URL(provider.issuer).host === origin.host,
	);
	if (existing) {
		return existing;
	}

	const id = origin.hostname
		.toLowerCase()
		.replaceAll(/[^a-z\d.-]+/g, '-')
		.slice(0, 60);
	const provider: Provider = {
		id,
		name: origin.host,
		kind: 'oidc',
		...(key.issuer ? {issuer: key.issuer} : {}),
		envVars: [],
	};
	await context.store.dispatch({type: 'provider-added', provider});
	return provider;
}

/** Service account: client credentials from a key file or `AUTHDECK_SERVICE_ACCOUNT_KEY`. */
export async function signInWithServiceAccount(
	context: Context,
	input: ServiceAccountInput,
): Promise<Account> {
	checkInput({...input, provider: '', say: () => undefined});
	const key = readServiceAccountKey(input.file, context.env);
	const {tokens, authMethod} = await fetchServiceToken(key, {
		...requestOptions({...context, account: signInTarget(context, input)}),
		...input.fetch,
	});
	const provider = await providerForKey(context, key, input.provider);
	const profile: Profile = {subject: key.clientId, name: key.clientId, organizations: []};
	return saveSignIn(
		context,
		{...input, provider: provider.id, say: () => undefined, alias: input.alias},
		provider,
		'service-account',
		tokens,
		profile,
		secretOfKey({...key, authMethod}),
	);
}
