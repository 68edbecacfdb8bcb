import * as client from 'openid-client';
import {profileOf} from '../auth/claims.js';
import {type DevicePrompt, type PollOptions, pollDeviceGrant, promptOf} from '../auth/device.js';
import {requestOptions} from '../auth/http.js';
import {startLoopback} from '../auth/loopback.js';
import {
	checkEndpoint,
	connectProvider,
	defaultScopes,
	explainOAuthError,
	oauthErrorCode,
} from '../auth/oidc.js';
import {openBrowser} from '../auth/open-browser.js';
import {findProvider} from '../auth/providers.js';
import type {Account, Method, Provider} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import type {Context} from '../store/context.js';
import {checkInput, type SignInInput, saveSignIn, signInTarget} from './save-sign-in.js';

export type {SignInInput} from './save-sign-in.js';
export {type ServiceAccountInput, signInWithServiceAccount} from './service-account-sign-in.js';

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
			{field: 'provider'},
		);
	}

	if (provider.kind !== 'oidc') {
		throw new UserError(
			`"${provider.id}" uses API keys: log in with \`printf %s "$KEY" | authdeck login --with-token --provider ${provider.id}\``,
			{field: 'method'},
		);
	}

	return provider;
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

/** The authorization request: S256 PKCE, offline_access with prompt=consent (OIDC Core §11). */
async function authorizationUrl(
	config: client.Configuration,
	provider: Provider,
	redirectUri: string,
	verifier: string,
	state: string,
): Promise<URL> {
	const scope = scopesOf(provider);
	let url: URL;
	try {
		url = client.buildAuthorizationUrl(config, {
			redirect_uri: redirectUri,
			scope,
			...(scope.split(' ').includes('offline_access') ? {prompt: 'consent'} : {}),
			code_challenge: await client.calculatePKCECodeChallenge(verifier),
			code_challenge_method: 'S256',
			state,
		});
	} catch (error) {
		throw explainOAuthError(error, `the authorization endpoint of ${provider.id}`);
	}

	// It comes from the discovery document: never print or open a javascript: or file: URL.
	checkEndpoint(url.href, 'authorization endpoint');
	return url;
}

/**
 * Browser sign-in: authorization code with PKCE (S256, a fresh verifier each attempt) and a
 * one-shot loopback listener on 127.0.0.1. The URL is always printed, then opened.
 */
export async function signInWithBrowser(context: Context, input: BrowserInput): Promise<Account> {
	checkInput(input);
	const provider = oidcProvider(context, input.provider);
	const config = await connectProvider(provider, {
		...requestOptions({...context, account: signInTarget(context, input)}),
		...input.fetch,
	});
	const verifier = client.randomPKCECodeVerifier();
	const state = client.randomState();
	const loopback = await startLoopback();
	try {
		const url = await authorizationUrl(config, provider, loopback.redirectUri, verifier, state);
		input.say(`Open this URL to sign in to ${sanitize(provider.name, 80)}:\n\n  ${url.href}\n`);
		if (input.openBrowser ?? true) {
			await openBrowser(url.href, context.env, input.say);
		}

		input.say('Waiting for the browser...');
		const callback = await loopback.waitForCallback({
			state,
			issuer: config.serverMetadata().issuer,
			requireIss: config.serverMetadata().authorization_response_iss_parameter_supported === true,
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
	const config = await connectProvider(provider, {
		...requestOptions({...context, account: signInTarget(context, input)}),
		...input.fetch,
	});
	let response: client.DeviceAuthorizationResponse;
	try {
		response = await client.initiateDeviceAuthorization(config, {scope: scopesOf(provider)});
	} catch (error) {
		throw explainOAuthError(error, 'device sign-in');
	}

	const prompt = promptOf(response);
	input.say(
		`To sign in to ${sanitize(provider.name, 80)}, open\n\n  ${prompt.verificationUri}\n\nand enter the code: ${prompt.userCode}\n${
			prompt.verificationUriComplete
				? `(or open ${prompt.verificationUriComplete}, which has the code filled in)\n`
				: ''
		}`,
	);
	input.onPrompt?.(prompt);
	input.say('Waiting for approval...');
	const tokens = await pollDeviceGrant(config, response, {signal: input.signal, ...input.poll});
	return finish(context, input, provider, config, 'device', tokens);
}
