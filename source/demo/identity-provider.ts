import http from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import {interactionHandler} from './interactions.js';
import {type SampleUser, sampleUsers} from './sample-users.js';

/** The public client authdeck signs in with (browser and device code). */
export const publicClientId = 'authdeck-cli';
/** A confidential client for the client-credentials grant (service accounts). */
export const serviceClientId = 'authdeck-service';
export const serviceClientSecret = 'service-secret-for-local-tests-only';
/** The same, authenticating with HTTP Basic (client_secret_basic) at the token endpoint. */
export const serviceBasicClientId = 'authdeck-service-basic';

export type Lifetimes = {
	/** Seconds. @default 3600 */
	readonly accessToken?: number;
	/** @default 86400 */
	readonly refreshToken?: number;
	/** @default 600 */
	readonly deviceCode?: number;
};

/** Faults the token endpoint can be told to answer with, once each. */
export type Fault = 'html-502' | 'huge-body';

export type IdentityProvider = {
	readonly issuer: string;
	readonly port: number;
	readonly users: readonly SampleUser[];
	/**
	 * Token endpoint requests per grant type, per client authentication (`basic`: an Authorization
	 * header, `post`: client_secret in the form, `none`), and revocations.
	 */
	readonly counts: {
		token: Record<string, number>;
		tokenAuth: Record<string, number>;
		revocations: number;
	};
	/** Device-code polls still to answer with `slow_down` instead of `authorization_pending`. */
	slowDowns: number;
	/** Faults to answer the next token requests with, in order. */
	readonly faults: Fault[];
	/** While set, the revocation endpoint answers 503. */
	revocationDown: boolean;
	/** Stops accepting connections (the provider goes down) and closes open ones. */
	close(): Promise<void>;
};

export type IdentityProviderOptions = {
	readonly lifetimes?: Lifetimes;
	/** A fixed port (the demo); 0 picks one. @default 0 */
	readonly port?: number;
	readonly users?: readonly SampleUser[];
	/** Keep Koa from logging request errors (a client that hung up) on the console: the deck owns it. */
	readonly quiet?: boolean;
	/** Serve over HTTPS with this key and certificate (PEM): the issuer is then `https://`. */
	readonly tls?: {readonly key: string; readonly cert: string};
};

type Koa = {
	path: string;
	method: string;
	status: number;
	body: unknown;
	type: string;
	set(name: string, value: string): void;
	headers?: Record<string, string | string[] | undefined>;
	oidc?: {params?: Record<string, unknown>};
};

function claimsOf(user: SampleUser) {
	return {
		sub: user.id,
		email: user.email,
		email_verified: true,
		name: user.name,
		org: user.organizations[0]?.id,
		organizations: user.organizations.map((org) => ({id: org.id, name: org.name, role: org.role})),
	};
}

/**
 * An OpenID provider (oidc-provider) on 127.0.0.1: authorization code with PKCE, device code,
 * rotating refresh tokens (reusing an old one is `invalid_grant`), client credentials, revocation
 * and userinfo. Its login and consent pages are plain forms (`/interaction/:uid`) that a person or
 * the test browser fills in. Used by `npm run demo` and by the tests.
 */
export async function startIdentityProvider(
	options: IdentityProviderOptions = {},
): Promise<IdentityProvider> {
	const {default: Provider} = await import('oidc-provider');
	const users = options.users ?? sampleUsers;
	const lifetimes = options.lifetimes ?? {};
	let handler: http.RequestListener = (_request, response) => response.end();
	const listener: http.RequestListener = (request, response) => handler(request, response);
	const server = options.tls
		? https.createServer({key: options.tls.key, cert: options.tls.cert}, listener)
		: http.createServer(listener);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen({host: '127.0.0.1', port: options.port ?? 0}, () => resolve());
	});
	const {port} = server.address() as AddressInfo;
	const issuer = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: publicClientId,
				client_name: 'authdeck',
				application_type: 'native',
				token_endpoint_auth_method: 'none',
				redirect_uris: ['http://127.0.0.1/callback'],
				grant_types: [
					'authorization_code',
					'refresh_token',
					'urn:ietf:params:oauth:grant-type:device_code',
				],
				response_types: ['code'],
			},
			{
				client_id: serviceClientId,
				client_secret: serviceClientSecret,
				token_endpoint_auth_method: 'client_secret_post',
				grant_types: ['client_credentials'],
				response_types: [],
				redirect_uris: [],
			},
			{
				client_id: serviceBasicClientId,
				client_secret: serviceClientSecret,
				token_endpoint_auth_method: 'client_secret_basic',
				grant_types: ['client_credentials'],
				response_types: [],
				redirect_uris: [],
			},
		],
		claims: {
			openid: ['sub'],
			email: ['email', 'email_verified'],
			profile: ['name', 'org', 'organizations'],
		},
		scopes: ['openid', 'offline_access', 'profile', 'email', 'api:read', 'api:write'],
		features: {
			devInteractions: {enabled: false},
			deviceFlow: {enabled: true},
			revocation: {enabled: true},
			clientCredentials: {enabled: true},
			userinfo: {enabled: true},
		},
		pkce: {required: () => true},
		// Refresh tokens as oidc-provider issues them by default: for offline_access only.
		// Every refresh rotates; a spent refresh token is refused (and revokes the grant).
		rotateRefreshToken: true,
		ttl: {
			AccessToken: lifetimes.accessToken ?? 3600,
			ClientCredentials: lifetimes.accessToken ?? 3600,
			IdToken: 3600,
			RefreshToken: lifetimes.refreshToken ?? 86_400,
			DeviceCode: lifetimes.deviceCode ?? 600,
			Grant: 86_400,
			Interaction: 600,
			Session: 86_400,
			AuthorizationCode: 60,
		},
		interactions: {
			url: (_ctx: unknown, interaction: {uid: string}) => `/interaction/${interaction.uid}`,
		},
		cookies: {keys: ['local-identity-provider-cookie-key']},
		async findAccount(_ctx: unknown, id: string) {
			const user = users.find((candidate) => candidate.id === id);
			return user ? {accountId: user.id, claims: async () => claimsOf(user)} : undefined;
		},
	});

	provider.silent = options.quiet ?? false;
	const counts = {
		token: {} as Record<string, number>,
		tokenAuth: {} as Record<string, number>,
		revocations: 0,
	};
	const state: IdentityProvider = {
		issuer,
		port,
		users,
		counts,
		slowDowns: 0,
		faults: [],
		revocationDown: false,
		async close() {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};

	provider.use(async (ctx: Koa, next: () => Promise<void>) => {
		if (ctx.path === '/token/revocation' && state.revocationDown) {
			ctx.status = 503;
			ctx.type = 'text/plain';
			ctx.body = 'Service Unavailable';
			return;
		}

		if (ctx.path === '/token' && ctx.method === 'POST') {
			const fault = state.faults.shift();
			if (fault === 'html-502') {
				ctx.status = 502;
				ctx.type = 'text/html';
				ctx.body = '<html><body><h1>502 Bad Gateway</h1></body></html>';
				return;
			}

			if (fault === 'huge-body') {
				ctx.status = 200;
				ctx.type = 'application/json';
				ctx.body = `{"access_token":"${'x'.repeat(10 * 1024 * 1024)}"}`;
				return;
			}
		}

		await next();
		if (ctx.path === '/token' && ctx.method === 'POST') {
			const grant = String(ctx.oidc?.params?.grant_type ?? 'unknown');
			counts.token[grant] = (counts.token[grant] ?? 0) + 1;
			const basic = /^basic /i.test(String(ctx.headers?.authorization ?? ''));
			const auth = basic ? 'basic' : ctx.oidc?.params?.client_secret ? 'post' : 'none';
			counts.tokenAuth[auth] = (counts.tokenAuth[auth] ?? 0) + 1;
			const pending = (ctx.body as {error?: string} | undefined)?.error === 'authorization_pending';
			if (pending && state.slowDowns > 0) {
				state.slowDowns--;
				ctx.body = {error: 'slow_down', error_description: 'polling too fast'};
			}
		}

		if (ctx.path === '/token/revocation' && ctx.method === 'POST') {
			counts.revocations++;
		}
	});

	const interactions = interactionHandler(provider, users);
	const callback = provider.callback();
	handler = (request, response) => {
		if (request.url?.startsWith('/interaction/')) {
			interactions(request, response).catch((error: Error) => {
				response.statusCode = 500;
				response.end(`interaction failed: ${error.message}`);
			});
			return;
		}

		callback(request, response);
	};

	return state;
}
