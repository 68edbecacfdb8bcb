import * as client from 'openid-client';
import {readAccountSecret} from '../commands/token.js';
import type {Context} from '../context.js';
import {messageOf} from '../vault/errors.js';
import {requestOptions} from './http.js';
import {connect, connectProvider, explainOAuthError} from './oidc.js';
import {findProvider} from './providers.js';
import {clientAuth, keyOfSecret} from './service-account.js';

/**
 * Revokes an account's refresh and access tokens at its provider (RFC 7009), refresh token first
 * since revoking it ends the grant. Never throws: returns warnings, because logout forgets the local
 * copy whatever the server says.
 */
export async function revokeTokens(context: Context, accountId: string): Promise<string[]> {
	const {vault} = context.store.getState();
	const account = vault.accounts.find((candidate) => candidate.id === accountId);
	if (!account || account.method === 'api-key') {
		return [];
	}

	const notTold = (why: string) =>
		`warning: the server was not told to revoke the tokens of "${account.alias}" (${why}); they were forgotten here and stay valid until they expire`;
	try {
		const secret = await readAccountSecret(context, accountId);
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

			config = await connect(key.issuer, key.clientId, {
				...requestOptions(context),
				auth: clientAuth(key, key.authMethod ?? 'client_secret_basic'),
			});
		} else {
			const provider = findProvider(vault, account.providerId);
			if (!provider) {
				return [notTold('its provider is gone')];
			}

			config = await connectProvider(provider, requestOptions(context));
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
		return [notTold(messageOf(error))];
	}
}
