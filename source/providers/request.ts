import {setTimeout as sleep} from 'node:timers/promises';
import type {Provider, ProviderApi} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {maskSecret} from '../lib/mask.js';
import {sanitize} from '../lib/sanitize.js';

/**
 * How a request leaves authdeck: the services pass `cappedFetch(requestOptions(context))`, the one
 * network layer (deadline, size cap, proxies), so this folder never opens a connection of its own.
 */
export type Fetcher = (
	url: string,
	init: {
		method: string;
		headers: Record<string, string>;
		body: string | undefined;
		redirect: 'manual';
	},
) => Promise<Response>;

/** The key a request sends and, for messages, where it came from. */
export type SentKey = {
	readonly key: string;
	/** `the stored account "gpu" (the active vast account)`, `VAST_API_KEY from the environment`. */
	readonly from: string;
};

/** One provider's API as a request goes to it. */
export type ApiTarget = {
	readonly provider: Provider & {readonly api: ProviderApi};
	/** The API's root, base path included: `https://console.vast.ai/api/v0`. */
	readonly root: string;
	readonly sent: SentKey;
	readonly fetch: Fetcher;
};

/** The most a 429's Retry-After makes authdeck wait before its one retry. */
export const maximumRetryWait = 10;

/** A provider's answer that was an error: its status, and a message that names the key sent. */
export class ProviderError extends UserError {
	override name = 'ProviderError';
	constructor(
		message: string,
		readonly status: number,
	) {
		super(message);
	}
}

/**
 * The API root for an account: `override` (a flag), else the account's own base URL when it is not
 * simply the provider's, else the provider's base URL for the account's environment, else the
 * provider's; then the API's base path, unless the URL already ends with it.
 */
export function apiRoot(
	provider: Provider & {readonly api: ProviderApi},
	account: {readonly baseUrl?: string; readonly environment?: string} | undefined,
	override?: string,
): string {
	const own = account?.baseUrl !== provider.baseUrl ? account?.baseUrl : undefined;
	const byEnvironment = account?.environment
		? provider.api.baseUrls?.[account.environment]
		: undefined;
	const base = (override ?? own ?? byEnvironment ?? provider.baseUrl ?? '').replace(/\/+$/, '');
	if (!/^https?:\/\//.test(base)) {
		throw new UserError(`${provider.name} has no API base URL; pass --base-url`);
	}

	return base.endsWith(provider.api.basePath) ? base : `${base}${provider.api.basePath}`;
}

/** The message of an error body (`{success: false, error, msg}`), sanitised, without the key sent. */
function errorText(body: string, key: string): string {
	let text = body;
	try {
		const parsed = JSON.parse(body) as {msg?: unknown; error?: unknown; message?: unknown};
		const found = [parsed.msg, parsed.message, parsed.error].find((v) => typeof v === 'string');
		text = typeof found === 'string' ? found : '';
	} catch {
		text = /^\s*</.test(body) ? '' : body;
	}

	// A server that echoes the key back must not make authdeck print it.
	return sanitize(text.replaceAll(key, maskSecret(key)), 200);
}

/** Seconds a 429 asks to wait: its Retry-After (seconds or a date), else 1, at most `maximumRetryWait`. */
export function retryAfter(response: Response, now = Date.now()): number {
	const header = response.headers.get('retry-after');
	let seconds = 1;
	if (header && /^\d+$/.test(header.trim())) {
		seconds = Number(header.trim());
	} else if (header && !Number.isNaN(Date.parse(header))) {
		seconds = Math.ceil((Date.parse(header) - now) / 1000);
	}

	return Math.min(Math.max(seconds, 0), maximumRetryWait);
}

function failure(target: ApiTarget, what: string, status: number, body: string): ProviderError {
	const {provider, sent} = target;
	const said = errorText(body, sent.key);
	const answer = `${status}${said ? `: ${said}` : ''}`;
	if (status === 401 || status === 403) {
		const trouble = provider.api.troubleshooting ?? 'check the key, then store a working one';
		return new ProviderError(
			`${provider.name} refused the key (${answer}) for ${what}; authdeck sent ${maskSecret(sent.key)}, ${sent.from}; ${trouble}`,
			status,
		);
	}

	if (status === 429) {
		return new ProviderError(
			`${provider.name} is rate limiting this key (429) for ${what}, again after one retry; wait a minute and run it again`,
			status,
		);
	}

	return new ProviderError(`${provider.name} answered ${answer} for ${what}`, status);
}

/**
 * One call to a provider's API: the key in the provider's header, JSON in and out, no redirect
 * followed (a key is never sent on to another host). A 429 is waited out once (Retry-After, else
 * 1 s) and tried again; any other error becomes a ProviderError naming the key that was sent.
 */
export async function callApi(
	target: ApiTarget,
	method: 'GET' | 'POST' | 'DELETE',
	path: string,
	body?: unknown,
): Promise<unknown> {
	const {auth} = target.provider.api;
	const url = `${target.root}${path}`;
	const what = `${method} ${path}`;
	const headers: Record<string, string> = {
		[auth.header]: `${auth.prefix}${target.sent.key}`,
		accept: 'application/json',
	};
	if (body !== undefined) {
		headers['content-type'] = 'application/json';
	}

	for (let attempt = 0; ; attempt++) {
		const response = await target.fetch(url, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
		});
		const text = await response.text();
		if (response.status === 429 && attempt === 0) {
			await sleep(retryAfter(response) * 1000);
			continue;
		}

		if (response.status < 200 || response.status > 299) {
			throw failure(target, what, response.status, text);
		}

		if (text.trim() === '') {
			return null;
		}

		let parsed: unknown;
		try {
			parsed = JSON.parse(text) as unknown;
		} catch {
			throw new UserError(
				`${target.provider.name} answered ${what} with something that is not JSON`,
			);
		}

		// Vast.ai also says no with a 200 and `{success: false}`.
		if ((parsed as {success?: unknown} | null)?.success === false) {
			throw failure(target, what, response.status, text);
		}

		return parsed;
	}
}
