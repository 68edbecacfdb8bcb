import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';

/** The proxy schemes authdeck speaks: HTTP CONNECT (plain or TLS to the proxy) and SOCKS5. */
export const proxySchemes = ['http:', 'https:', 'socks5:', 'socks5h:'] as const;

/** The proxy one request goes through, and what chose it (for messages and `doctor`). */
export type ProxyChoice = {
	readonly url: URL;
	/** `the proxy setting`, or the environment variable it came from (`HTTPS_PROXY`). */
	readonly from: string;
};

/**
 * A proxy URL with its credentials masked: `http://***@proxy:3128`. Every message, `doctor` and
 * `config get` show proxies through this, so a password in the URL is never printed.
 */
export function maskProxy(value: string): string {
	try {
		const url = new URL(value);
		if (url.username || url.password) {
			url.username = '***';
			url.password = '';
		}

		return sanitize(url.href.replace(/\/$/, ''), 200);
	} catch {
		// Not a URL: shown only after its last `@`, which may follow a password.
		return sanitize(value.includes('@') ? `***@${value.split('@').pop()}` : value, 200);
	}
}

/** Checks a proxy URL for `config set proxy`: http, https, socks5 or socks5h, a host, nothing else. */
export function checkProxyUrl(value: string): string {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new UserError(`invalid proxy URL "${maskProxy(value)}": not a URL`);
	}

	if (!(proxySchemes as readonly string[]).includes(url.protocol) || url.hostname === '') {
		throw new UserError(
			`invalid proxy URL "${maskProxy(value)}": use http://, https://, socks5:// or socks5h:// with a host`,
		);
	}

	if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
		throw new UserError(
			`invalid proxy URL "${maskProxy(value)}": a proxy is a scheme, a host and a port, no path`,
		);
	}

	return url.href.replace(/\/$/, '');
}

/** The first of these variables that is set (curl reads the lower-case form first). */
function variable(env: NodeJS.ProcessEnv, name: string): [string, string] | undefined {
	for (const key of [name.toLowerCase(), name]) {
		const value = env[key]?.trim();
		if (value) {
			return [key, value];
		}
	}

	return undefined;
}

/** A host without IPv6 brackets and trailing dot, lower case. */
const bare = (host: string) =>
	host
		.replace(/^\[|\]$/g, '')
		.replace(/\.$/, '')
		.toLowerCase();

function ipv4(text: string): number | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) < 256)) {
		return undefined;
	}

	return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}

/** One NO_PROXY entry against a host and port, as curl matches them. */
function matches(entry: string, host: string, port: string): boolean {
	let pattern = entry.trim().toLowerCase();
	if (pattern === '') return false;
	if (pattern === '*') return true;
	// `host:port` limits the entry to one port; a bracketed IPv6 keeps its colons.
	const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(pattern);
	if (withPort) {
		if (withPort[2] !== port) return false;
		pattern = withPort[1] ?? '';
	}

	pattern = bare(pattern);
	const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(pattern);
	if (cidr) {
		const network = ipv4(cidr[1] ?? '');
		const address = ipv4(host);
		const bits = Number(cidr[2]);
		if (network === undefined || address === undefined || bits > 32) return false;
		const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
		return (network & mask) >>> 0 === (address & mask) >>> 0;
	}

	// `.example.com` and `example.com` both match example.com and its subdomains.
	const domain = pattern.replace(/^\*?\./, '');
	return host === domain || host.endsWith(`.${domain}`);
}

/** True when NO_PROXY (or no_proxy) says `target` is reached directly. */
export function bypassesProxy(target: URL, env: NodeJS.ProcessEnv): boolean {
	const list = variable(env, 'NO_PROXY')?.[1];
	if (!list) return false;
	const port = target.port || (target.protocol === 'https:' ? '443' : '80');
	const host = bare(target.hostname);
	return list.split(/[\s,]+/).some((entry) => matches(entry, host, port));
}

/**
 * The proxy for one request, the way curl picks it: the `proxy` setting beats the environment;
 * else `HTTPS_PROXY` for https:// and `HTTP_PROXY` for http://, then `ALL_PROXY`; `NO_PROXY`
 * sends the host direct in either case. Loopback addresses are proxied like any other host unless
 * NO_PROXY names them, so a local proxy sees a local server's traffic (curl does the same).
 */
export function proxyFor(
	target: URL,
	env: NodeJS.ProcessEnv,
	setting: string | undefined,
): ProxyChoice | undefined {
	if (bypassesProxy(target, env)) {
		return undefined;
	}

	const found: [string, string] | undefined = setting
		? ['the proxy setting', setting]
		: (variable(env, target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY') ??
			variable(env, 'ALL_PROXY'));
	if (!found) {
		return undefined;
	}

	const [from, value] = found;
	let url: URL;
	try {
		// curl takes a bare `host:port` as an http proxy.
		url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`);
	} catch {
		throw new UserError(`${from} is not a proxy URL: "${maskProxy(value)}"`);
	}

	if (!(proxySchemes as readonly string[]).includes(url.protocol)) {
		throw new UserError(
			`${from} is ${maskProxy(value)}: authdeck speaks http://, https://, socks5:// and socks5h:// proxies`,
		);
	}

	return {url, from};
}
