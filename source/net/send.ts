import {dispatcherFor} from './dispatcher.js';
import {explainNetworkError} from './errors.js';
import {type ProxyChoice, proxyFor} from './proxy.js';
import type {NetworkOptions} from './route.js';
import {tlsChoice} from './tls.js';
import {fetch as undiciFetch} from './vendor.js';

/** Seconds to open a connection at most, inside the request's whole deadline. */
export const connectTimeoutSeconds = 10;

/** A request ready to go: the proxy it takes and the fetch that sends it. */
export type Route = {
	readonly proxy?: ProxyChoice;
	readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
	/** One line for a failure before any answer, or undefined when it is not one. */
	readonly explain: (error: unknown, tries?: number) => Error | undefined;
};

/**
 * The route of one request through undici: the proxy curl would take, the TLS roots (Node's plus
 * the ca-file), verification on or off, and the connect timeout. Loaded only by a command that
 * talks to a server, so `status` never pays for undici.
 */
export function routeFor(url: string, network: NetworkOptions, totalSeconds: number): Route {
	const target = new URL(url);
	const proxy = proxyFor(target, network.env, network.proxy);
	const tls = tlsChoice(network.caFile, network.insecureSkipVerify === true, network.env);
	const connectTimeout = Math.min(connectTimeoutSeconds, totalSeconds) * 1000;
	const dispatcher = dispatcherFor({proxy, tls, connectTimeout});
	return {
		proxy,
		fetch: async (href, init) =>
			// undici's own fetch, since a dispatcher of undici 7 is not one Node 20's fetch knows.
			(await undiciFetch(href, {
				...(init as Parameters<typeof undiciFetch>[1]),
				dispatcher,
			})) as unknown as Response,
		explain: (error, tries) => explainNetworkError(error, url, proxy, tries),
	};
}
