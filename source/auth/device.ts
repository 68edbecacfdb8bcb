import * as client from 'openid-client';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import {explainOAuthError, isLoopbackHost, oauthErrorCode} from './oidc.js';

/** RFC 8628 §3.5: the poll interval when the server names none, and the step added on `slow_down`. */
export const defaultInterval = 5;
export const slowDownStep = 5;

const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code';

/** What the user is shown: where to go and which code to type. */
export type DevicePrompt = {
	readonly userCode: string;
	readonly verificationUri: string;
	/** The URI with the code filled in, when the server gives one (and it passes the same checks). */
	readonly verificationUriComplete?: string;
	/** Seconds until the code expires. */
	readonly expiresIn: number;
};

// Anything a terminal or a browser could act on: controls, DEL, C1, bidi and format characters.
const unsafeCharacters = /[\p{Cc}\p{Cf}\u2028\u2029\s]/u;

/**
 * Checks a `verification_uri` before it is printed or opened: `https:`, or `http:` on a loopback
 * address; no control or format characters (the WHATWG URL parser silently drops tabs and newlines,
 * so the raw text is checked first); no credentials.
 */
export function checkVerificationUri(value: unknown): string {
	if (typeof value !== 'string' || value === '' || value.length > 2048) {
		throw new UserError('the provider sent no usable verification URI; refusing to continue');
	}

	if (unsafeCharacters.test(value)) {
		throw new UserError(
			'the provider sent a verification URI with control characters; refusing to print or open it',
		);
	}

	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new UserError(
			'the provider sent a verification URI that is not a URL; refusing to continue',
		);
	}

	const safe =
		url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
	if (!safe || url.username || url.password) {
		throw new UserError(
			`the provider sent a verification URI with the scheme "${sanitize(url.protocol, 20)}"; only https: is accepted; refusing to print or open it`,
		);
	}

	return value;
}

/** The prompt for a device authorization response; throws when its URIs are unsafe. */
export function promptOf(response: client.DeviceAuthorizationResponse): DevicePrompt {
	const verificationUri = checkVerificationUri(response.verification_uri);
	let complete: string | undefined;
	if (response.verification_uri_complete !== undefined) {
		complete = checkVerificationUri(response.verification_uri_complete);
	}

	const userCode = sanitize(response.user_code, 64);
	return {
		userCode,
		verificationUri,
		verificationUriComplete: complete,
		expiresIn: response.expires_in,
	};
}

export type PollOptions = {
	/** Milliseconds in one second of the schedule; tests shrink it. @default 1000 */
	readonly secondMs?: number;
	/** Called with each wait, in seconds, before it starts (tests assert the schedule). */
	readonly onWait?: (seconds: number) => void;
	readonly signal?: AbortSignal;
	/** Current time, for the overall deadline. @default Date.now */
	readonly now?: () => number;
};

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(new UserError('sign-in cancelled'));
			return;
		}

		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(new UserError('sign-in cancelled'));
		};

		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

/**
 * Polls the token endpoint per RFC 8628 §3.4-3.5: every `interval` seconds (5 without one), 5 more
 * after each `slow_down`, until tokens come, or the user denies, the code expires, or the code's
 * lifetime passes without an answer. Each ending has its own message.
 */
export async function pollDeviceGrant(
	config: client.Configuration,
	response: client.DeviceAuthorizationResponse,
	options: PollOptions = {},
): Promise<client.TokenEndpointResponse & client.TokenEndpointResponseHelpers> {
	const secondMs = options.secondMs ?? 1000;
	const now = options.now ?? Date.now;
	let interval =
		typeof response.interval === 'number' && response.interval > 0
			? response.interval
			: defaultInterval;
	// The code's lifetime in real time: the server's own `expired_token` usually comes first.
	const deadline = now() + response.expires_in * 1000;
	// A hard bound on the loop, whatever the clock does.
	const maximumPolls = Math.ceil(response.expires_in / Math.max(1, interval)) + 2;
	for (let poll = 0; poll < maximumPolls; poll++) {
		options.onWait?.(interval);
		await sleep(interval * secondMs, options.signal);
		try {
			return await client.genericGrantRequest(config, deviceGrant, {
				device_code: response.device_code,
			});
		} catch (error) {
			const code = oauthErrorCode(error);
			if (code === 'access_denied') {
				throw new UserError('sign-in was denied in the browser; nothing was saved');
			}

			if (code === 'expired_token') {
				throw new UserError(
					'the device code expired before sign-in was approved; run the login again for a new code',
				);
			}

			if (code !== 'authorization_pending' && code !== 'slow_down') {
				throw explainOAuthError(error, 'device sign-in');
			}

			if (code === 'slow_down') {
				interval += slowDownStep;
			}

			if (now() >= deadline) {
				break;
			}
		}
	}

	throw new UserError(
		`sign-in timed out: the code was not approved within ${response.expires_in} s; run the login again`,
	);
}
