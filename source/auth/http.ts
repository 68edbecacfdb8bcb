import type {CustomFetchOptions} from 'openid-client';
import {UserError} from '../vault/errors.js';

/** The largest response body read from an identity provider; a 10 MB answer is refused, not buffered. */
export const maximumBodyBytes = 1024 * 1024;

/** Attempts for a request that failed before any answer (refused, reset, DNS), with these waits between. */
export const retryDelays: readonly number[] = [250, 1000];

/** Thrown when the identity provider cannot be reached at all: nothing was changed, tokens kept. */
export class OfflineError extends UserError {
	override name = 'OfflineError';
}

const networkCodes = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/** The errno-like code of a failed fetch (undici hides it in `cause`). */
export function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as {code?: unknown}).code;
		if (typeof code === 'string' && networkCodes.has(code)) {
			return code;
		}

		current = (current as {cause?: unknown}).cause;
	}

	return undefined;
}

async function readCapped(response: Response, limit: number): Promise<Uint8Array> {
	const declared = Number(response.headers.get('content-length') ?? '0');
	if (declared > limit) {
		await response.body?.cancel().catch(() => undefined);
		throw tooLarge(response.url);
	}

	const chunks: Uint8Array[] = [];
	let size = 0;
	if (response.body) {
		const reader = response.body.getReader();
		for (;;) {
			const {done, value} = await reader.read();
			if (done) {
				break;
			}

			size += value.byteLength;
			if (size > limit) {
				await reader.cancel().catch(() => undefined);
				throw tooLarge(response.url);
			}

			chunks.push(value);
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

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type FetchOptions = {
	/** Called once per request actually sent (tests count them). */
	readonly onRequest?: (url: string) => void;
	readonly delays?: readonly number[];
};

/**
 * The fetch every OAuth request goes through: bounded retries when no answer came at all, and a
 * size cap on every body, so a misbehaving server can neither hang nor flood authdeck.
 */
export function cappedFetch(options: FetchOptions = {}) {
	const delays = options.delays ?? retryDelays;
	return async (url: string, init: CustomFetchOptions): Promise<Response> => {
		let lastError: unknown;
		for (let attempt = 0; attempt <= delays.length; attempt++) {
			if (attempt > 0) {
				await wait(delays[attempt - 1] ?? 0);
			}

			let response: Response;
			try {
				options.onRequest?.(url);
				response = await fetch(url, init as RequestInit);
			} catch (error) {
				const code = networkCode(error);
				if (!code) {
					throw error;
				}

				lastError = error;
				continue;
			}

			const body = await readCapped(response, maximumBodyBytes);
			const empty = [101, 204, 205, 304].includes(response.status);
			const copy = new Response(empty ? null : (body as unknown as ArrayBuffer), {
				status: response.status,
				statusText: response.statusText,
				headers: response.headers,
			});
			Object.defineProperty(copy, 'url', {value: response.url});
			return copy;
		}

		const host = new URL(url).host;
		throw new OfflineError(
			`cannot reach ${host} (${networkCode(lastError)}) after ${delays.length + 1} attempts; you seem to be offline or the identity provider is down; stored tokens were kept`,
		);
	};
}
