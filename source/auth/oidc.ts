import * as client from 'openid-client';
import type {Provider} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import {cappedFetch, defaultRequestTimeout, type FetchOptions, OfflineError} from './http.js';

/** The scopes asked for when a provider names none. */
export const defaultScopes = ['openid', 'profile', 'email', 'offline_access'];

/**
 * openid-client's own per-request timeout, in seconds: a backstop a little past our deadline, so
 * that `cappedFetch`'s deadline (with its clearer message) is always the one that fires.
 */
const backstopOf = (options: FetchOptions) => (options.timeout ?? defaultRequestTimeout) + 5;

/** True for 127.0.0.1 (and the rest of 127/8), ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks an issuer, token or verification URL: `https:`, or `http:` only on a loopback address
 * (a local test server); no credentials, no fragment.
 */
export function checkEndpoint(value: string, what: string): URL {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new UserError(`invalid ${what} "${sanitize(value, 80)}": not a URL`);
	}

	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw new UserError(
			`invalid ${what} "${sanitize(value, 80)}": plain http:// is only accepted on loopback addresses; use https://`,
		);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new UserError(`invalid ${what} "${sanitize(value, 80)}": use https://`);
	}

	if (url.username || url.password || url.hash) {
		throw new UserError(
			`invalid ${what} "${sanitize(value, 80)}": no credentials or fragment allowed`,
		);
	}

	return url;
}

export type ConnectOptions = FetchOptions & {
	/** How the client authenticates at the token endpoint; public clients send only their id. */
	readonly auth?: client.ClientAuth;
};

function executeFor(url: URL): Array<(config: client.Configuration) => void> {
	// Plain http is accepted by checkEndpoint only on loopback; openid-client needs to be told.
	return url.protocol === 'http:' ? [client.allowInsecureRequests] : [];
}

/** Runs discovery on an issuer and returns the client configuration for `clientId`. */
export async function connect(
	issuer: string,
	clientId: string,
	options: ConnectOptions = {},
): Promise<client.Configuration> {
	const url = checkEndpoint(issuer, 'issuer');
	try {
		return await client.discovery(url, clientId, undefined, options.auth ?? client.None(), {
			execute: executeFor(url),
			timeout: backstopOf(options),
			[client.customFetch]: cappedFetch(options),
		});
	} catch (error) {
		throw explainOAuthError(error, `discovery at ${url.host}`);
	}
}

/** A configuration for a bare token endpoint (a service account with `token_url`, no discovery). */
export function connectTokenUrl(
	tokenUrl: string,
	clientId: string,
	options: ConnectOptions = {},
): client.Configuration {
	const url = checkEndpoint(tokenUrl, 'token_url');
	const config = new client.Configuration(
		{issuer: url.origin, token_endpoint: url.href},
		clientId,
		undefined,
		options.auth,
	);
	for (const step of executeFor(url)) {
		step(config);
	}

	config.timeout = backstopOf(options);
	config[client.customFetch] = cappedFetch(options);
	return config;
}

/** Connects to a provider's issuer with its public client. */
export function connectProvider(
	provider: Provider,
	options: ConnectOptions = {},
): Promise<client.Configuration> {
	if (provider.kind !== 'oidc' || !provider.issuer || !provider.clientId) {
		throw new UserError(
			`provider "${provider.id}" is not an OpenID provider; add one with \`authdeck provider add NAME --issuer URL --client-id ID\``,
		);
	}

	return connect(provider.issuer, provider.clientId, options);
}

/** The `error` and `error_description` of a 401 answered with a `WWW-Authenticate` challenge. */
function challengeOf(error: unknown): {error?: string; description?: string} | undefined {
	if (!(error instanceof client.WWWAuthenticateChallengeError)) {
		return undefined;
	}

	const parameters = error.cause[0]?.parameters;
	return {error: parameters?.error, description: parameters?.error_description};
}

/** The OAuth `error` code of a refusal from the server, if that is what `error` is. */
export function oauthErrorCode(error: unknown): string | undefined {
	const challenge = challengeOf(error);
	if (challenge) {
		return challenge.error;
	}

	if (
		error instanceof client.ResponseBodyError ||
		error instanceof client.AuthorizationResponseError
	) {
		return error.error;
	}

	return undefined;
}

/**
 * One clear, sanitised line for anything openid-client throws: the server's refusal with its
 * `error_description`, an HTTP status that was not OAuth JSON (an HTML 502), or the cause.
 */
export function explainOAuthError(error: unknown, what: string): UserError {
	// openid-client wraps what its fetch threw ("something went wrong"); our own errors say it better.
	let inner: unknown = error;
	for (let depth = 0; depth < 4 && inner instanceof Error; depth++) {
		if (inner instanceof UserError) {
			return inner;
		}

		inner = inner.cause;
	}

	if (
		error instanceof client.ResponseBodyError ||
		error instanceof client.AuthorizationResponseError
	) {
		const description = error.error_description
			? `: ${sanitize(error.error_description, 200)}`
			: '';
		return new UserError(`${what} refused: ${sanitize(error.error, 80)}${description}`);
	}

	const challenge = challengeOf(error);
	if (challenge?.error) {
		const description = challenge.description ? `: ${sanitize(challenge.description, 200)}` : '';
		return new UserError(`${what} refused: ${sanitize(challenge.error, 80)}${description}`);
	}

	const cause = (error as {cause?: unknown})?.cause;
	if (cause instanceof Response) {
		return new UserError(
			`${what} failed: the server answered HTTP ${cause.status} ${sanitize(cause.statusText, 60)}`.trim(),
		);
	}

	if ((error as Error)?.name === 'AbortError' || (error as Error)?.name === 'TimeoutError') {
		return new OfflineError(`${what} failed: no answer in time; stored tokens were kept`);
	}

	return new UserError(`${what} failed: ${sanitize((error as Error)?.message ?? error, 200)}`);
}

/**
 * The error with every given secret cut out of its message: a server that echoes the refresh token
 * or the client secret in its `error_description` must not get it printed.
 */
export function withoutSecrets(
	error: UserError,
	secrets: ReadonlyArray<string | undefined>,
): UserError {
	const found = secrets.filter(
		(secret): secret is string => secret !== undefined && secret.length >= 8,
	);
	if (!found.some((secret) => error.message.includes(secret))) {
		return error;
	}

	let message = error.message;
	for (const secret of found) {
		message = message.replaceAll(secret, '[redacted]');
	}

	return new UserError(message, {exitCode: error.exitCode, field: error.field});
}
