import {setTimeout as sleep} from 'node:timers/promises';
import type {ApiEndpoint, Provider, ProviderApi} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {maskSecret} from '../lib/mask.js';
import {sanitize} from '../lib/sanitize.js';
import {type Missing, missingClause, missingPermission} from './permission.js';

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
	/** The permissions the key is known to have (recorded for the account), for a 403's message. */
	readonly rights?: readonly string[];
	/**
	 * Told when a call that needs a permission was answered: refused for lack of it, or allowed.
	 * The services record refusals on the account for `authdeck permissions`.
	 */
	readonly onPermission?: (report: PermissionReport) => Promise<void>;
};

/** A call's answer as it bears on one permission. */
export type PermissionReport = {
	readonly permission: string;
	/** `POST /auth/apikeys/` */
	readonly call: string;
	readonly allowed: boolean;
};

/** One call: its method, path, and which endpoint of the preset it is (for its required permission). */
export type ApiCall = {
	readonly method: 'GET' | 'POST' | 'DELETE';
	readonly path: string;
	readonly endpoint?: ApiEndpoint;
};

/** The most a 429's Retry-After makes authdeck wait before its one retry. */
export const maximumRetryWait = 10;

/** A provider's answer that was an error: its status, and a message that names the key sent. */
export class ProviderError extends UserError {
	override name = 'ProviderError';
	constructor(
		message: string,
		readonly status: number,
		/** For a 403: the permission that was missing, where the answer or the preset says so. */
		readonly missing?: Missing,
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

function failure(
	target: ApiTarget,
	call: ApiCall,
	response: Pick<Response, 'status' | 'headers'>,
	body: string,
): ProviderError {
	const {provider, sent} = target;
	const {status} = response;
	const what = `${call.method} ${call.path}`;
	const said = errorText(body, sent.key);
	const answer = `${status}${said ? `: ${said}` : ''}`;
	if (status === 401 || status === 403) {
		const missing =
			status === 403 ? missingPermission(provider.api, call.endpoint, response, body) : undefined;
		const lacks = missing ? `: ${missingClause(missing, target.rights)}` : '';
		const trouble = provider.api.troubleshooting ?? 'check the key, then store a working one';
		return new ProviderError(
			`${provider.name} refused the key (${answer}) for ${what}${lacks}; authdeck sent ${maskSecret(sent.key)}, ${sent.from}; ${trouble}`,
			status,
			missing,
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

/** A refusal for lack of a permission is reported before the error goes up. */
async function refused(target: ApiTarget, call: ApiCall, error: ProviderError) {
	if (error.missing) {
		await target.onPermission?.({
			permission: error.missing.permission,
			call: `${call.method} ${call.path}`,
			allowed: false,
		});
	}

	return error;
}

/**
 * One call to a provider's API: the key in the provider's header, JSON in and out, no redirect
 * followed (a key is never sent on to another host). A 429 is waited out once (Retry-After, else
 * 1 s) and tried again; any other error becomes a ProviderError naming the key that was sent.
 */
export async function callApi(target: ApiTarget, call: ApiCall, body?: unknown): Promise<unknown> {
	const {method, path} = call;
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
			throw await refused(target, call, failure(target, call, response, text));
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
			throw await refused(target, call, failure(target, call, response, text));
		}

		const needed = call.endpoint ? target.provider.api.requires?.[call.endpoint] : undefined;
		if (needed) {
			await target.onPermission?.({permission: needed, call: what, allowed: true});
		}

		return parsed;
	}
}
