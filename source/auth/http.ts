import {setTimeout as sleep} from 'node:timers/promises';
import type {CustomFetchOptions} from 'openid-client';
import {type Account, defaultSettings, type Settings, type Vault} from '../domain.js';
import {parseDuration} from '../lib/duration.js';
import {UserError} from '../lib/errors.js';
import {settingsIn} from '../lib/profile-settings.js';
import {sanitize} from '../lib/sanitize.js';
import {networkCode, OfflineError} from '../net/errors.js';
import {checkVerification, type NetworkOptions, networkOptions} from '../net/route.js';
import type {Route} from '../net/send.js';

export {networkCode, OfflineError} from '../net/errors.js';

/** The largest response body read from an identity provider; a 10 MB answer is refused, not buffered. */
export const maximumBodyBytes = 1024 * 1024;

/** Attempts for a request that failed before any answer (refused, reset, DNS), with these waits between. */
export const retryDelays: readonly number[] = [250, 1000];

/**
 * Seconds one request to an identity provider may take in all: connecting, the headers and the
 * whole body. A provider that hangs, or drips a byte a second, is given up on after this.
 * @default 15
 */
export const defaultRequestTimeout = defaultSettings.requestTimeout;

/** The `request-timeout` setting and `AUTHDECK_REQUEST_TIMEOUT` accept whole seconds in this range. */
export const requestTimeoutRange = {min: 1, max: 600} as const;

const inRange = (seconds: number) =>
	Number.isInteger(seconds) &&
	seconds >= requestTimeoutRange.min &&
	seconds <= requestTimeoutRange.max;

/** Parses a request timeout as given (`15`, `15s`, `1m`); refuses anything out of range. */
export function parseRequestTimeout(text: string, what: string): number {
	let seconds: number;
	try {
		seconds = parseDuration(text);
	} catch {
		seconds = Number.NaN;
	}

	if (!inRange(seconds)) {
		throw new UserError(
			`${what} must be between ${requestTimeoutRange.min} and ${requestTimeoutRange.max} seconds, not "${sanitize(text, 40)}"`,
		);
	}

	return seconds;
}

/** The request deadline in seconds: `AUTHDECK_REQUEST_TIMEOUT`, else the setting, else 15. */
export function requestTimeoutOf(env: NodeJS.ProcessEnv, settings: Partial<Settings>): number {
	const forced = env.AUTHDECK_REQUEST_TIMEOUT;
	if (forced !== undefined && forced !== '') {
		return parseRequestTimeout(forced, 'AUTHDECK_REQUEST_TIMEOUT');
	}

	// A hand-edited file with a nonsense value gets the default rather than a hang or an instant fail.
	const saved = settings.requestTimeout;
	return typeof saved === 'number' && inRange(saved) ? saved : defaultRequestTimeout;
}

/**
 * What a request's deadline and route come from: the environment and the vault's settings (a
 * store's context), and the account it is for when there is one (insecure-skip-verify is refused
 * for a guarded account: pass `{...context, account}`).
 */
export type RequestContext = {
	readonly env: NodeJS.ProcessEnv;
	readonly store: {getState(): {readonly vault: Pick<Vault, 'settings' | 'profile' | 'profiles'>}};
	readonly account?: Pick<Account, 'alias' | 'environment' | 'protected'>;
	/** `--profile`: its proxy, not the one in use's. */
	readonly flags?: {readonly profile?: string};
};

/** The fetch options of a command's context: its request deadline and its network route. */
export function requestOptions(context: RequestContext): FetchOptions {
	// The profile's proxy over the global one (`config set --profile NAME proxy URL`).
	const settings = settingsIn(
		context.store.getState().vault,
		context.flags?.profile ?? (context.env.AUTHDECK_PROFILE || undefined),
	);
	return {
		timeout: requestTimeoutOf(context.env, settings),
		network: networkOptions(context.env, settings, context.account),
	};
}

/** A promise that rejects when `signal` aborts, and a function to stop listening. */
function abortion(signal: AbortSignal): {promise: Promise<never>; stop: () => void} {
	let stop: () => void = () => undefined;
	const promise = new Promise<never>((_, reject) => {
		const onAbort = () => reject(signal.reason);
		if (signal.aborted) {
			onAbort();
			return;
		}

		signal.addEventListener('abort', onAbort, {once: true});
		stop = () => signal.removeEventListener('abort', onAbort);
	});
	promise.catch(() => undefined);
	return {promise, stop};
}

/**
 * Reads the whole body, at most `limit` bytes, and gives up when `signal` aborts: every read races
 * the deadline, so a body dripped a byte at a time cannot outlast it whatever the HTTP client does.
 */
async function readCapped(
	response: Response,
	limit: number,
	signal: AbortSignal,
): Promise<Uint8Array> {
	const declared = Number(response.headers.get('content-length') ?? '0');
	if (declared > limit) {
		await response.body?.cancel().catch(() => undefined);
		throw tooLarge(response.url);
	}

	const chunks: Uint8Array[] = [];
	let size = 0;
	if (response.body) {
		const reader = response.body.getReader();
		const aborted = abortion(signal);
		try {
			for (;;) {
				const {done, value} = await Promise.race([reader.read(), aborted.promise]);
				if (done) {
					break;
				}

				size += value.byteLength;
				if (size > limit) {
					throw tooLarge(response.url);
				}

				chunks.push(value);
			}
		} catch (error) {
			reader.cancel().catch(() => undefined);
			throw error;
		} finally {
			aborted.stop();
		}
	}

	return Buffer.concat(chunks);
}

function tooLarge(url: string): UserError {
	const host = url ? new URL(url).host : 'the identity provider';
	return new UserError(
		`${host} sent a response larger than ${maximumBodyBytes / 1024 / 1024} MB; it was not read and nothing was changed`,
	);
}

export type FetchOptions = {
	/** Called once per request actually sent (tests count them). */
	readonly onRequest?: (url: string) => void;
	readonly delays?: readonly number[];
	/** Seconds the whole request may take, retries included. @default defaultRequestTimeout */
	readonly timeout?: number;
	/** Proxy, CA and verification (source/net/). @default direct, Node's roots, `process.env` */
	readonly network?: NetworkOptions;
};

/** The message when the deadline passed: which server, how long, and that nothing was lost. */
export function timedOut(url: string, seconds: number): OfflineError {
	return new OfflineError(
		`the identity provider at ${new URL(url).host} did not answer within ${seconds} s; stored tokens were kept`,
	);
}

/**
 * The fetch every OAuth request goes through (openid-client's `customFetch`: discovery, token,
 * device, userinfo, revocation, service accounts): bounded retries when no answer came at all, a
 * size cap on every body, and one deadline over the whole request, so a misbehaving server can
 * neither hang nor flood authdeck.
 */
export function cappedFetch(options: FetchOptions = {}) {
	const delays = options.delays ?? retryDelays;
	const seconds = options.timeout ?? defaultRequestTimeout;
	const network = options.network ?? {env: process.env};
	return async (url: string, init: CustomFetchOptions): Promise<Response> => {
		checkVerification(network);
		// undici and the SOCKS client load with the first request, not with every command.
		const {routeFor} = await import('../net/send.js');
		const route = routeFor(url, network, seconds);
		// One deadline for connect, headers and body together: undici's own timeouts are per phase
		// and restart with every byte, so a server dripping one byte a second never trips them.
		const deadline = AbortSignal.timeout(seconds * 1000);
		const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
		try {
			return await attempts(
				url,
				{...(init as RequestInit), signal},
				signal,
				delays,
				route,
				options,
			);
		} catch (error) {
			if (deadline.aborted) {
				throw timedOut(url, seconds);
			}

			throw error;
		}
	};
}

/** Codes that mean the request never left: no connection was made, so nothing was sent. */
const unsentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Whether a failed request may be sent again: a GET or HEAD always, anything else only when it
 * never reached the server. A POST cut off by a reset may have been carried out (a key created, a
 * refresh token rotated), so it is reported rather than repeated.
 */
function safeToRepeat(method: string | undefined, error: unknown): boolean {
	const verb = (method ?? 'GET').toUpperCase();
	return verb === 'GET' || verb === 'HEAD' || unsentCodes.has(networkCode(error) ?? '');
}

/** The tries of one request: again after a failure that got no answer at all, never after one that did. */
async function attempts(
	url: string,
	init: RequestInit,
	signal: AbortSignal,
	delays: readonly number[],
	route: Route,
	options: FetchOptions,
): Promise<Response> {
	let lastError: unknown;
	for (let attempt = 0; attempt <= delays.length; attempt++) {
		if (attempt > 0) {
			await sleep(delays[attempt - 1] ?? 0, undefined, {signal});
		}

		let response: Response;
		try {
			options.onRequest?.(url);
			response = await route.fetch(url, init);
		} catch (error) {
			if (signal.aborted || !networkCode(error) || !safeToRepeat(init.method, error)) {
				// Not worth another try (an untrusted certificate, a 407): one line says why.
				throw (signal.aborted ? undefined : route.explain(error)) ?? error;
			}

			lastError = error;
			continue;
		}

		const body = await readCapped(response, maximumBodyBytes, signal);
		const empty = [101, 204, 205, 304].includes(response.status);
		const copy = new Response(empty ? null : (body as unknown as ArrayBuffer), {
			status: response.status,
			statusText: response.statusText,
			headers: response.headers,
		});
		Object.defineProperty(copy, 'url', {value: response.url});
		return copy;
	}

	throw route.explain(lastError, delays.length + 1) ?? lastError;
}
