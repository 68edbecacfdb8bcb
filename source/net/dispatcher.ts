import dns from 'node:dns';
import type {buildConnector, Dispatcher} from 'undici';
import type {ProxyChoice} from './proxy.js';
import type {TlsChoice} from './tls.js';
import {Agent, ProxyAgent, socksConnector} from './vendor.js';

/** What one dispatcher is built from: the proxy, the TLS choice and the connect timeout. */
export type DispatcherChoice = {
	readonly proxy?: ProxyChoice;
	readonly tls: TlsChoice;
	/** Milliseconds to open a connection (to the server or to the proxy). */
	readonly connectTimeout: number;
};

// One dispatcher per choice for the process, so the requests of one sign-in share connections.
const built = new Map<string, Dispatcher>();

const keyOf = (choice: DispatcherChoice) =>
	JSON.stringify([
		choice.proxy?.url.href,
		choice.tls.rejectUnauthorized,
		choice.tls.ca?.length,
		choice.tls.ca?.at(-1),
		choice.connectTimeout,
	]);

/**
 * socks5:// resolves the server's name here and hands the proxy an address (curl's meaning);
 * socks5h:// hands the proxy the name. The TLS check still uses the name, from `host`.
 */
function resolvingLocally(connect: buildConnector.connector): buildConnector.connector {
	return (options, callback) => {
		dns.lookup(options.hostname, (error, address) => {
			if (error) {
				callback(error, null);
				return;
			}

			connect({...options, hostname: address}, callback);
		});
	};
}

function socksAgent(url: URL, tls: TlsChoice, timeout: number): Agent {
	const proxy = {
		type: 5 as const,
		host: url.hostname.replace(/^\[|\]$/g, ''),
		port: Number(url.port || 1080),
		userId: url.username ? decodeURIComponent(url.username) : undefined,
		password: url.password ? decodeURIComponent(url.password) : undefined,
	};
	const connect = socksConnector(proxy, {...tls, timeout});
	return new Agent({connect: url.protocol === 'socks5:' ? resolvingLocally(connect) : connect});
}

function build(choice: DispatcherChoice): Dispatcher {
	const {proxy, tls, connectTimeout: timeout} = choice;
	if (!proxy) {
		return new Agent({connect: {...tls, timeout}});
	}

	if (proxy.url.protocol === 'socks5:' || proxy.url.protocol === 'socks5h:') {
		return socksAgent(proxy.url, tls, timeout);
	}

	// ProxyAgent sends the URL's user and password as Proxy-Authorization, and tunnels (CONNECT)
	// http:// targets too, so the proxy sees one CONNECT per connection whatever the scheme.
	return new ProxyAgent({
		uri: proxy.url.href,
		requestTls: {...tls, timeout},
		proxyTls: {...tls, timeout},
	});
}

/** The undici dispatcher for a choice, built once per process. */
export function dispatcherFor(choice: DispatcherChoice): Dispatcher {
	const key = keyOf(choice);
	let dispatcher = built.get(key);
	if (!dispatcher) {
		dispatcher = build(choice);
		built.set(key, dispatcher);
	}

	return dispatcher;
}
