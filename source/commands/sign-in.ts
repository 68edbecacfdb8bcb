import * as client from 'openid-client';
import {nextSecret, type Profile, profileOf, tokenChanges} from '../auth/claims.js';
import {type DevicePrompt, type PollOptions, pollDeviceGrant, promptOf} from '../auth/device.js';
import type {FetchOptions} from '../auth/http.js';
import {startLoopback} from '../auth/loopback.js';
import {connectProvider, defaultScopes, explainOAuthError, oauthErrorCode} from '../auth/oidc.js';
import {openBrowser} from '../auth/open-browser.js';
import {findProvider} from '../auth/providers.js';
import {
	fetchServiceToken,
	readServiceAccountKey,
	type ServiceAccountKey,
	secretOfKey,
} from '../auth/service-account.js';
import type {Context} from '../context.js';
import {checkAlias} from '../lib/alias.js';
import {randomId} from '../lib/ids.js';
import {checkEnvironment, checkUrl} from '../lib/validate.js';
import type {AccountSecret} from '../store/actions.js';
import {findAccount} from '../store/selectors.js';
import type {Account, Method, Provider} from '../store/state.js';
import {UserError} from '../vault/errors.js';

/** What every sign-in takes besides the provider. */
export type SignInInput = {
	/** The provider id (`authdeck provider add`). */
	readonly provider: string;
	readonly alias?: string;
	/** @default 'production' */
	readonly environment?: string;
	readonly baseUrl?: string;
	/** Lines for the user: the URL, the device code. Never a token. */
	readonly say: (line: string) => void;
	/** Cancels a wait for the browser or the device approval (the deck's esc). */
	readonly signal?: AbortSignal;
	readonly fetch?: FetchOptions;
};

export type BrowserInput = SignInInput & {
	/** Milliseconds to wait for the callback. @default 5 minutes */
	readonly timeoutMs?: number;
	/** Whether to launch a browser (the URL is printed either way). @default true */
	readonly openBrowser?: boolean;
};

export type DeviceInput = SignInInput & {
	/** Called once the code is known, for the deck to show it. */
	readonly onPrompt?: (prompt: DevicePrompt) => void;
	readonly poll?: PollOptions;
};

function oidcProvider(context: Context, id: string): Provider {
	const provider = findProvider(context.store.getState().vault, id);
	if (!provider) {
		throw new UserError(
			`unknown provider "${id}"; add it with \`authdeck provider add ${id} --issuer URL --client-id ID\``,
		);
	}

	if (provider.kind !== 'oidc') {
		throw new UserError(
			`"${provider.id}" uses API keys: log in with \`printf %s "$KEY" | authdeck login --with-token --provider ${provider.id}\``,
		);
	}

	return provider;
}

function checkInput(input: SignInInput): void {
	if (input.alias !== undefined) {
		const problem = checkAlias(input.alias);
		if (problem) {
			throw new UserError(problem);
		}
	}
}

async function userinfoOf(
	config: client.Configuration,
	accessToken: string,
	subject: string | undefined,
): Promise<Record<string, unknown> | undefined> {
	if (!config.serverMetadata().userinfo_endpoint || !subject) {
		return undefined;
	}

	try {
		return (await client.fetchUserInfo(config, accessToken, subject)) as Record<string, unknown>;
	} catch {
		// The ID token already names the user; userinfo only completes it.
		return undefined;
	}
}

/** Builds the account for a token response and saves it with its tokens, through the store. */
async function saveSignIn(
	context: Context,
	input: SignInInput,
	provider: Provider,
	method: Method,
	tokens: client.TokenEndpointResponse,
	profile: Profile,
	extra: Partial<AccountSecret> = {},
): Promise<Account> {
	const at = new Date().toISOString();
	const secret: AccountSecret = {...nextSecret(undefined, tokens), ...extra};
	const changes = tokenChanges(tokens, Date.now(), provider.scopes ?? []);
	const account: Account = {
		id: randomId(),
		alias: input.alias ?? profile.email?.split('@')[0] ?? profile.name ?? provider.id,
		providerId: provider.id,
		email: profile.email,
		name: profile.name,
		subject: profile.subject,
		organizations: profile.organizations,
		activeOrgId: profile.activeOrgId,
		environment: checkEnvironment(input.environment ?? 'production'),
		baseUrl: input.baseUrl ? checkUrl(input.baseUrl, 'base URL') : provider.baseUrl,
		method,
		...changes,
		refreshable: method === 'service-account' || Boolean(secret.refreshToken),
		createdAt: at,
		lastUsedAt: at,
	};
	await context.store.dispatch({
		type: 'account-saved',
		account,
		aliasGiven: input.alias !== undefined,
		secret,
		at,
	});
	const {vault} = context.store.getState();
	return findAccount(vault, vault.current) as Account;
}

async function finish(
	context: Context,
	input: SignInInput,
	provider: Provider,
	config: client.Configuration,
	method: Method,
	tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
): Promise<Account> {
	const idClaims = tokens.claims() as Record<string, unknown> | undefined;
	const subject = typeof idClaims?.sub === 'string' ? idClaims.sub : undefined;
	const userinfo = await userinfoOf(config, tokens.access_token, subject);
	return saveSignIn(context, input, provider, method, tokens, profileOf(idClaims, userinfo));
}

const scopesOf = (provider: Provider) =>
	(provider.scopes && provider.scopes.length > 0 ? provider.scopes : defaultScopes).join(' ');

/**
 * Browser sign-in: authorization code with PKCE (S256, a fresh verifier each attempt) and a
 * one-shot loopback listener on 127.0.0.1. The URL is always printed, then opened.
 */
export async function signInWithBrowser(context: Context, input: BrowserInput): Promise<Account> {
	checkInput(input);
	const provider = oidcProvider(context, input.provider);
	const config = await connectProvider(provider, input.fetch);
	const verifier = client.randomPKCECodeVerifier();
	const state = client.randomState();
	const loopback = await startLoopback();
	try {
		const scope = scopesOf(provider);
		const url = client.buildAuthorizationUrl(config, {
			redirect_uri: loopback.redirectUri,
			scope,
			// OpenID Connect Core §11: offline_access is honoured only with prompt=consent.
			...(scope.split(' ').includes('offline_access') ? {prompt: 'consent'} : {}),
			code_challenge: await client.calculatePKCECodeChallenge(verifier),
			code_challenge_method: 'S256',
			state,
		});
		input.say(`Open this URL to sign in to ${provider.name}:\n\n  ${url.href}\n`);
		if (input.openBrowser ?? true) {
			await openBrowser(url.href, context.env, input.say);
		}

		input.say('Waiting for the browser...');
		const callback = await loopback.waitForCallback({
			state,
			issuer: config.serverMetadata().issuer,
			timeoutMs: input.timeoutMs,
			signal: input.signal,
		});
		let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
		try {
			tokens = await client.authorizationCodeGrant(
				config,
				callback,
				{
					pkceCodeVerifier: verifier,
					expectedState: state,
				},
				{redirect_uri: loopback.redirectUri},
			);
		} catch (error) {
			if (oauthErrorCode(error) === 'access_denied') {
				throw new UserError('sign-in was denied in the browser; nothing was saved');
			}

			throw explainOAuthError(error, 'sign-in');
		}

		return await finish(context, input, provider, config, 'browser', tokens);
	} finally {
		loopback.close();
	}
}

/** Device sign-in (RFC 8628): prints where to go and the code, then polls until approved. */
export async function signInWithDevice(context: Context, input: DeviceInput): Promise<Account> {
	checkInput(input);
	const provider = oidcProvider(context, input.provider);
	const config = await connectProvider(provider, input.fetch);
	let response: client.DeviceAuthorizationResponse;
	try {
		response = await client.initiateDeviceAuthorization(config, {scope: scopesOf(provider)});
	} catch (error) {
		throw explainOAuthError(error, 'device sign-in');
	}

	const prompt = promptOf(response);
	input.say(
		`To sign in to ${provider.name}, open\n\n  ${prompt.verificationUri}\n\nand enter the code: ${prompt.userCode}\n`,
	);
	input.onPrompt?.(prompt);
	input.say('Waiting for approval...');
	const tokens = await pollDeviceGrant(config, response, {signal: input.signal, ...input.poll});
	return finish(context, input, provider, config, 'device', tokens);
}

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
	const {tokens, authMethod} = await fetchServiceToken(key, input.fetch);
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
