import fs from 'node:fs';
import * as client from 'openid-client';
import type {AccountSecret} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import type {FetchOptions} from './http.js';
import {
	checkEndpoint,
	connect,
	connectTokenUrl,
	explainOAuthError,
	oauthErrorCode,
	withoutSecrets,
} from './oidc.js';

/** A service-account key file: `{client_id, client_secret, issuer or token_url, scope}`. */
export type ServiceAccountKey = {
	readonly clientId: string;
	readonly clientSecret: string;
	readonly issuer?: string;
	readonly tokenUrl?: string;
	readonly scope?: string;
	/**
	 * `token_endpoint_auth_method` of the key; without one, HTTP Basic is tried (the OAuth default),
	 * then the form body on `invalid_client`.
	 */
	readonly authMethod?: AuthMethod;
};

export type AuthMethod = 'client_secret_basic' | 'client_secret_post';
const authMethods: readonly AuthMethod[] = ['client_secret_basic', 'client_secret_post'];

/** The openid-client authentication for a method. */
export function clientAuth(key: ServiceAccountKey, method: AuthMethod): client.ClientAuth {
	return method === 'client_secret_post'
		? client.ClientSecretPost(key.clientSecret)
		: client.ClientSecretBasic(key.clientSecret);
}

const field = (record: Record<string, unknown>, name: string): string | undefined => {
	const value = record[name];
	if (value === undefined || value === null) {
		return undefined;
	}

	if (typeof value !== 'string' || value.trim() === '') {
		throw new UserError(`invalid service-account key: "${name}" must be a non-empty string`);
	}

	return value.trim();
};

/** Parses the key JSON; messages name fields, never values (the secret is in there). */
export function parseServiceAccountKey(json: string, source: string): ServiceAccountKey {
	let record: unknown;
	try {
		record = JSON.parse(json);
	} catch {
		throw new UserError(`${source} is not valid JSON`);
	}

	if (!record || typeof record !== 'object' || Array.isArray(record)) {
		throw new UserError(`${source} must hold a JSON object`);
	}

	const fields = record as Record<string, unknown>;
	const clientId = field(fields, 'client_id');
	const clientSecret = field(fields, 'client_secret');
	const issuer = field(fields, 'issuer');
	const tokenUrl = field(fields, 'token_url');
	if (!clientId || !clientSecret) {
		throw new UserError(`${source} must have "client_id" and "client_secret"`);
	}

	if (!issuer && !tokenUrl) {
		throw new UserError(`${source} must have "issuer" or "token_url"`);
	}

	if (issuer) {
		checkEndpoint(issuer, 'issuer');
	}

	if (tokenUrl) {
		checkEndpoint(tokenUrl, 'token_url');
	}

	const method = field(fields, 'token_endpoint_auth_method');
	if (method !== undefined && !authMethods.includes(method as AuthMethod)) {
		throw new UserError(
			`${source}: "token_endpoint_auth_method" must be client_secret_basic or client_secret_post`,
		);
	}

	return {
		clientId,
		clientSecret,
		issuer,
		tokenUrl,
		scope: field(fields, 'scope'),
		authMethod: method as AuthMethod | undefined,
	};
}

/** The key from `--service-account FILE`, else from `AUTHDECK_SERVICE_ACCOUNT_KEY`. */
export function readServiceAccountKey(
	file: string | undefined,
	env: NodeJS.ProcessEnv,
): ServiceAccountKey {
	if (file) {
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch (error) {
			throw new UserError(
				`cannot read ${sanitize(file, 200)}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
			);
		}

		return parseServiceAccountKey(text, sanitize(file, 200));
	}

	const inline = env.AUTHDECK_SERVICE_ACCOUNT_KEY;
	if (!inline) {
		throw new UserError(
			'give a key file with --service-account FILE or set AUTHDECK_SERVICE_ACCOUNT_KEY',
		);
	}

	return parseServiceAccountKey(inline, 'AUTHDECK_SERVICE_ACCOUNT_KEY');
}

/** The key as kept in the secret store, to fetch a new token when the old one expires. */
export function keyOfSecret(secret: AccountSecret | undefined): ServiceAccountKey | undefined {
	const stored = secret?.serviceAccount;
	if (!stored || !secret?.clientSecret) {
		return undefined;
	}

	return {...stored, clientSecret: secret.clientSecret};
}

export function secretOfKey(
	key: ServiceAccountKey,
): Pick<AccountSecret, 'clientSecret' | 'serviceAccount'> {
	return {
		clientSecret: key.clientSecret,
		serviceAccount: {
			clientId: key.clientId,
			issuer: key.issuer,
			tokenUrl: key.tokenUrl,
			scope: key.scope,
			authMethod: key.authMethod,
		},
	};
}

/**
 * Fetches a token with the client-credentials grant. Returns the method that worked, so the next
 * fetch uses it at once.
 */
export async function fetchServiceToken(
	key: ServiceAccountKey,
	options: FetchOptions = {},
): Promise<{tokens: client.TokenEndpointResponse; authMethod: AuthMethod}> {
	const tries = key.authMethod ? [key.authMethod] : authMethods;
	let last: unknown;
	for (const method of tries) {
		const auth = clientAuth(key, method);
		const config = key.tokenUrl
			? connectTokenUrl(key.tokenUrl, key.clientId, {...options, auth})
			: await connect(key.issuer as string, key.clientId, {...options, auth});
		try {
			const tokens = await client.clientCredentialsGrant(
				config,
				key.scope ? {scope: key.scope} : {},
			);
			return {tokens, authMethod: method};
		} catch (error) {
			last = error;
			if (oauthErrorCode(error) !== 'invalid_client') {
				break;
			}
		}
	}

	throw withoutSecrets(explainOAuthError(last, 'the service-account token request'), [
		key.clientSecret,
	]);
}
