import * as client from 'openid-client';
import type {AccountSecret, Vault} from '../domain.js';
import {messageOf} from '../lib/errors.js';
import {OfflineError, requestOptions} from './http.js';
import {connect, connectProvider, explainOAuthError} from './oidc.js';
import {findProvider} from './providers.js';
import {clientAuth, keyOfSecret} from './service-account.js';

/**
 * Revokes an account's refresh and access tokens (its `secret`, read by the caller) at its provider
 * (RFC 7009), refresh token first since revoking it ends the grant. Whatever the server says returns
 * warnings, because logout forgets the local copy either way.
 */
export async function revokeTokens(
	context: {readonly env: NodeJS.ProcessEnv; readonly store: {getState(): {readonly vault: Vault}}},
	accountId: string,
	secret: AccountSecret | undefined,
): Promise<string[]> {
	const {vault} = context.store.getState();
	const account = vault.accounts.find((candidate) => candidate.id === accountId);
	if (!account || account.method === 'api-key') {
		return [];
	}

	// One true thing: authdeck deletes its copy; the server still honours the tokens until they expire.
	const notTold = (why: string) =>
		`warning: the server was not told to revoke the tokens of "${account.alias}" (${why}); authdeck deleted its copy, but the tokens stay valid at the server until they expire`;
	let issuer: string | undefined;
	try {
		const tokens: Array<[string, 'refresh_token' | 'access_token']> = [];
		if (secret?.refreshToken) {
			tokens.push([secret.refreshToken, 'refresh_token']);
		}

		if (secret?.accessToken) {
			tokens.push([secret.accessToken, 'access_token']);
		}

		if (tokens.length === 0) {
			return [];
		}

		const key = keyOfSecret(secret);
		let config: client.Configuration;
		if (account.method === 'service-account') {
			if (!key?.issuer) {
				return [notTold('the service account has no issuer to revoke at')];
			}

			issuer = key.issuer;
			config = await connect(key.issuer, key.clientId, {
				...requestOptions({...context, account}),
				auth: clientAuth(key, key.authMethod ?? 'client_secret_basic'),
			});
		} else {
			const provider = findProvider(vault, account.providerId);
			if (!provider) {
				return [notTold('its provider is gone')];
			}

			issuer = provider.issuer;
			config = await connectProvider(provider, requestOptions({...context, account}));
		}

		if (!config.serverMetadata().revocation_endpoint) {
			return [notTold('the provider has no revocation endpoint')];
		}

		for (const [token, hint] of tokens) {
			try {
				await client.tokenRevocation(config, token, {token_type_hint: hint});
			} catch (error) {
				return [notTold(messageOf(explainOAuthError(error, 'revocation')))];
			}
		}

		return [];
	} catch (error) {
		// The offline error's own advice ("stored tokens were kept") is about a refresh, not a logout.
		return [notTold(error instanceof OfflineError ? unreachable(issuer) : messageOf(error))];
	}
}

function unreachable(issuer: string | undefined): string {
	let host: string | undefined;
	try {
		host = issuer ? new URL(issuer).host : undefined;
	} catch {
		// Not a URL: said without the host.
	}

	return `${host ?? 'the identity provider'} could not be reached: offline, or the provider is down`;
}
