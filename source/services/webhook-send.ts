/**
 * `credential send`: one webhook delivery with a credential applied, and the request a listener
 * forwards. Every request goes through cappedFetch (deadline, size cap, the network layer).
 */
import {randomBytes} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import type {CustomFetchOptions} from 'openid-client';
import {cappedFetch, requestOptions} from '../auth/http.js';
import {checkEndpoint} from '../auth/oidc.js';
import type {Credential} from '../domain.js';
import type {Context} from '../store/context.js';
import {headersFor} from './credential-use.js';

/** A sample event body, shaped like most senders' (id, type, created, data). */
export function sampleEvent(type: string, now = Date.now()): Buffer {
	const event = {
		id: `evt_${randomBytes(12).toString('hex')}`,
		object: 'event',
		type,
		created: Math.floor(now / 1000),
		data: {object: {id: `obj_${randomBytes(6).toString('hex')}`, test: true}},
	};
	return Buffer.from(JSON.stringify(event));
}

export type Answer = {
	readonly status: number;
	readonly statusText: string;
	readonly ms: number;
	/** The start of the answer's body, as text (not yet sanitised). */
	readonly start: string;
};

/** POSTs `body` with `headers` to `url` (https, or http on loopback only). */
export async function post(
	context: Context,
	url: string,
	headers: Record<string, string>,
	body: Buffer,
): Promise<Answer> {
	const target = checkEndpoint(url, 'URL');
	const started = performance.now();
	const response = await cappedFetch(requestOptions(context))(target.href, {
		method: 'POST',
		headers,
		body,
		redirect: 'manual',
	} as unknown as CustomFetchOptions);
	const text = await response.text();
	return {
		status: response.status,
		statusText: response.statusText,
		ms: Math.round(performance.now() - started),
		start: text.slice(0, 200),
	};
}

/** Sends one delivery with the credential's headers (bearer, oauth2 token or HMAC signature). */
export async function sendWith(
	context: Context,
	credential: Credential,
	url: string,
	body: Buffer,
): Promise<Answer> {
	checkEndpoint(url, 'URL');
	const headers = {
		'content-type': 'application/json',
		'user-agent': 'authdeck-webhook-test',
		...(await headersFor(context, credential, body)),
	};
	return post(context, url, headers, body);
}
