import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {UserError} from '../lib/errors.js';

/** How long the browser sign-in waits for the callback. @default 5 minutes */
export const defaultCallbackTimeout = 5 * 60 * 1000;

/** The page the browser shows once the code has arrived. No script, no outside resources. */
const donePage = `<!doctype html><html><head><meta charset="utf-8"><title>authdeck</title></head>
<body style="font-family:system-ui,sans-serif;margin:4em auto;max-width:32em;text-align:center">
<h1>Signed in to authdeck</h1><p>You can close this tab and return to the terminal.</p></body></html>`;

const refusedPage = (why: string) =>
	`<!doctype html><html><head><meta charset="utf-8"><title>authdeck</title></head><body><p>${why}</p></body></html>`;

export type CallbackChecks = {
	/** The `state` sent with the authorization request; any other (or none) is ignored. */
	readonly state: string;
	/** The issuer; a callback with another `iss` (RFC 9207) is ignored. */
	readonly issuer?: string;
	/**
	 * Whether the provider promised `iss` on every callback (discovery's
	 * `authorization_response_iss_parameter_supported`): then a callback without one is ignored too,
	 * as openid-client would refuse it only after the browser was told "signed in".
	 */
	readonly requireIss?: boolean;
	/** @default defaultCallbackTimeout */
	readonly timeoutMs?: number;
	/** Aborts the wait (the deck's esc). */
	readonly signal?: AbortSignal;
};

export type Loopback = {
	/** `http://127.0.0.1:<port>/callback`. */
	readonly redirectUri: string;
	readonly port: number;
	/** Resolves with the full callback URL once one with the right `state` arrives; the listener is then closed. */
	waitForCallback(checks: CallbackChecks): Promise<URL>;
	close(): void;
};

/**
 * A one-shot listener for the authorization response: bound to 127.0.0.1 only (never every
 * interface), on a port the OS picks, path `/callback`. Requests with a wrong `state` or `iss` (or
 * no `iss` from a provider that promised one) are answered 400 and ignored, so a stray or forged request cannot end the sign-in.
 */
export async function startLoopback(): Promise<Loopback> {
	let deliver: ((url: URL) => void) | undefined;
	let checks: CallbackChecks | undefined;
	const server = http.createServer((request, response) => {
		const url = new URL(request.url ?? '/', `http://127.0.0.1`);
		const reply = (status: number, body: string) => {
			response.writeHead(status, {
				'content-type': 'text/html; charset=utf-8',
				'cache-control': 'no-store',
				'referrer-policy': 'no-referrer',
				connection: 'close',
			});
			// Once the listener is closed, the last connection goes as soon as its page is sent.
			response.on('finish', () => closed && server.closeAllConnections());
			response.end(body);
		};

		if (request.method !== 'GET' || url.pathname !== '/callback' || !checks || !deliver) {
			reply(404, refusedPage('Not found.'));
			return;
		}

		if (url.searchParams.get('state') !== checks.state) {
			reply(400, refusedPage('This sign-in response does not match the request; it was ignored.'));
			return;
		}

		const iss = url.searchParams.get('iss');
		if (iss !== null && checks.issuer !== undefined && iss !== checks.issuer) {
			reply(400, refusedPage('This sign-in response comes from another issuer; it was ignored.'));
			return;
		}

		if (iss === null && checks.requireIss) {
			reply(400, refusedPage('This sign-in response does not name its issuer; it was ignored.'));
			return;
		}

		const denied = url.searchParams.has('error');
		reply(
			200,
			denied ? refusedPage('Sign-in was not completed. You can close this tab.') : donePage,
		);
		deliver(new URL(`http://127.0.0.1:${port}${url.pathname}${url.search}`));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen({host: '127.0.0.1', port: 0}, () => resolve());
	});
	const {port} = server.address() as AddressInfo;
	let closed = false;
	const close = () => {
		if (!closed) {
			closed = true;
			server.close();
			server.closeIdleConnections();
		}
	};

	return {
		redirectUri: `http://127.0.0.1:${port}/callback`,
		port,
		close,
		waitForCallback(wanted) {
			checks = wanted;
			const timeoutMs = wanted.timeoutMs ?? defaultCallbackTimeout;
			return new Promise<URL>((resolve, reject) => {
				const finish = () => {
					clearTimeout(timer);
					wanted.signal?.removeEventListener('abort', onAbort);
					deliver = undefined;
					close();
				};

				const timer = setTimeout(() => {
					finish();
					reject(
						new UserError(
							`no answer from the browser within ${Math.round(timeoutMs / 1000)} s; sign-in timed out`,
						),
					);
				}, timeoutMs);
				const onAbort = () => {
					finish();
					reject(new UserError('sign-in cancelled'));
				};

				if (wanted.signal?.aborted) {
					onAbort();
					return;
				}

				wanted.signal?.addEventListener('abort', onAbort, {once: true});
				deliver = (url) => {
					finish();
					resolve(url);
				};
			});
		},
	};
}
