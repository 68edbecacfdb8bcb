/**
 * An oauth2 credential's access token: fetched from its token URL with the client-credentials grant
 * (openid-client, through cappedFetch), cached in the secret store with its expiry, fetched again
 * before it expires. Processes share it: the fetch runs under a lock per credential, and a process
 * that waited for the lock uses the token the holder saved instead of asking again.
 */
import path from 'node:path';
import * as client from 'openid-client';
import {requestOptions} from '../auth/http.js';
import {connectTokenUrl, explainOAuthError, withoutSecrets} from '../auth/oidc.js';
import {clientAuth} from '../auth/service-account.js';
import type {Credential, CredentialSecret} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import type {Context} from '../store/context.js';
import {withLock} from '../vault/lock.js';
import {readSecretEntry} from '../vault/read-secret.js';
import {credentialKey} from '../vault/secrets.js';

type OAuth2 = Extract<Credential['settings'], {type: 'oauth2'}>;

export type CredentialToken = {
	readonly accessToken: string;
	readonly expiresAt: string;
	/** Whether this call asked the token URL (false: the cached one was good). */
	readonly fetched: boolean;
};

/** Seconds a token is kept when the token URL gives no `expires_in`. */
export const unknownLifetime = 300;

type Cached = NonNullable<CredentialSecret['token']> & {readonly obtainedAt?: string};

/**
 * A cached token is good while more than the refresh window (`refresh-window`, 300 s) is left, or
 * half its lifetime for a token shorter-lived than twice the window.
 */
function isFresh(token: Cached | undefined, window: number, now: number): token is Cached {
	if (!token) {
		return false;
	}

	const expires = Date.parse(token.expiresAt);
	const obtained = Date.parse(token.obtainedAt ?? '');
	const lifetime = Number.isFinite(obtained) ? expires - obtained : Number.POSITIVE_INFINITY;
	return expires - now > Math.min(window * 1000, lifetime / 2);
}

/** A credential's stored secret, read once; `what` names it in the message when none is stored. */
export async function readCredentialSecret(
	context: Context,
	credential: Credential,
	what = 'secret',
): Promise<CredentialSecret> {
	const secret = await readSecretEntry<CredentialSecret>(
		context,
		credentialKey(credential.id),
		`the stored secret of credential ${credential.id} is damaged; rotate it`,
	);
	if (!secret?.value) {
		throw new UserError(`credential ${credential.name} has no stored ${what}; rotate it`);
	}

	return secret;
}

const readSecret = (context: Context, credential: Credential) =>
	readCredentialSecret(context, credential, 'client secret');

async function fetchToken(
	context: Context,
	credential: Credential,
	settings: OAuth2,
	clientSecret: string,
): Promise<client.TokenEndpointResponse> {
	const method = settings.authMethod ?? 'client_secret_basic';
	const config = connectTokenUrl(settings.tokenUrl, settings.clientId, {
		...requestOptions(context),
		auth: clientAuth({clientId: settings.clientId, clientSecret}, method),
	});
	try {
		return await client.clientCredentialsGrant(
			config,
			settings.scope ? {scope: settings.scope} : {},
		);
	} catch (error) {
		const explained = explainOAuthError(
			error,
			`the token request of ${sanitize(credential.name, 80)} to ${new URL(settings.tokenUrl).host}`,
		);
		throw withoutSecrets(explained, [clientSecret]);
	}
}

/**
 * The credential's access token: the cached one while fresh, else a new one, fetched once across
 * processes and saved before it is returned. A failure is recorded on the credential (the deck
 * shows it) and thrown.
 */
export async function tokenFor(
	context: Context,
	credential: Credential,
	options: {readonly force?: boolean} = {},
): Promise<CredentialToken> {
	const {settings} = credential;
	if (settings.type !== 'oauth2') {
		throw new UserError(
			`${credential.name} is ${settings.type}; only oauth2 credentials have tokens`,
		);
	}

	const window = context.store.getState().vault.settings.refreshWindow;
	const cached = (await readSecret(context, credential)).token as Cached | undefined;
	if (!options.force && isFresh(cached, window, Date.now())) {
		return {accessToken: cached.accessToken, expiresAt: cached.expiresAt, fetched: false};
	}

	const requestedAt = Date.now();
	return withLock(path.join(context.paths.locks, `credential-token-${credential.id}`), async () => {
		const current = await readSecret(context, credential);
		const token = current.token as Cached | undefined;
		const obtainedSince = Date.parse(token?.obtainedAt ?? '') >= requestedAt;
		if ((!options.force || obtainedSince) && isFresh(token, window, Date.now())) {
			// Another process fetched it while we waited for the lock.
			return {accessToken: token.accessToken, expiresAt: token.expiresAt, fetched: false};
		}

		let tokens: client.TokenEndpointResponse;
		try {
			tokens = await fetchToken(context, credential, settings, current.value);
		} catch (error) {
			await context.store
				.dispatch({
					type: 'credential-token-failed',
					credentialId: credential.id,
					error: sanitize((error as Error).message, 300),
				})
				.catch(() => undefined);
			throw error;
		}

		const now = Date.now();
		const lifetime =
			typeof tokens.expires_in === 'number' && tokens.expires_in > 0
				? tokens.expires_in
				: unknownLifetime;
		const saved: Cached = {
			accessToken: tokens.access_token,
			expiresAt: new Date(now + lifetime * 1000).toISOString(),
			obtainedAt: new Date(now).toISOString(),
		};
		await context.store.dispatch({
			type: 'credential-token-saved',
			credentialId: credential.id,
			secret: {...current, token: saved},
			expiresAt: saved.expiresAt,
			at: new Date(now).toISOString(),
		});
		return {accessToken: saved.accessToken, expiresAt: saved.expiresAt, fetched: true};
	});
}
