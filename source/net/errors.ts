import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import {maskProxy, type ProxyChoice} from './proxy.js';

/** Thrown when the server cannot be reached at all: nothing was changed, tokens kept. */
export class OfflineError extends UserError {
	override name = 'OfflineError';
}

/** Failures that got no answer at all: worth another try, and "offline" if they persist. */
export const networkCodes = new Set([
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

/** OpenSSL's codes for a certificate chain Node does not trust. */
const untrusted = new Set([
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'CERT_UNTRUSTED',
	'CERT_SIGNATURE_FAILURE',
]);

/** The errors a failed request is made of, outermost first (undici hides the cause). */
function chain(
	error: unknown,
): Array<Error & {code?: unknown; port?: unknown; hostname?: unknown}> {
	const found: Array<Error & {code?: unknown}> = [];
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
		found.push(current);
		current = current.cause;
	}

	return found;
}

/** The errno-like code of a failed fetch that got no answer, if it is one. */
export function networkCode(error: unknown): string | undefined {
	for (const link of chain(error)) {
		if (typeof link.code === 'string' && networkCodes.has(link.code)) {
			return link.code;
		}
	}

	return undefined;
}

const kept = 'stored tokens were kept';

/**
 * One line for a request that failed before an answer: the proxy refused or wants a password, the
 * certificate is not trusted, the name does not resolve, or no connection in time. Undefined for
 * anything else. The proxy is named masked; `tries` is how many attempts were made.
 */
export function explainNetworkError(
	error: unknown,
	url: string,
	proxy: ProxyChoice | undefined,
	tries = 1,
): UserError | undefined {
	const host = sanitize(new URL(url).host, 100);
	const links = chain(error);
	const codes = links.map((link) => (typeof link.code === 'string' ? link.code : ''));
	const text = links.map((link) => link.message).join(' | ');
	const after = tries > 1 ? ` after ${tries} attempts` : '';
	const via = proxy ? `the proxy ${maskProxy(proxy.url.href)} (from ${proxy.from})` : '';

	const certificate = codes.find((code) => untrusted.has(code));
	if (certificate) {
		return new UserError(
			`the certificate of ${host} is not trusted (${certificate}); if your organisation uses its own CA, run: authdeck config set ca-file /path/to/ca.pem`,
		);
	}

	if (codes.includes('CERT_HAS_EXPIRED') || codes.includes('ERR_TLS_CERT_ALTNAME_INVALID')) {
		const why = codes.includes('CERT_HAS_EXPIRED') ? 'has expired' : `is not for ${host}`;
		return new UserError(`the certificate of ${host} ${why}; nothing was sent`);
	}

	if (proxy) {
		if (/\b407\b|Authentication failed|authentication/i.test(text)) {
			return new UserError(
				`${via} needs authentication (407): put the user and password in the proxy URL (http://user:password@host:port)`,
			);
		}

		const defaultPort = {'https:': 443, 'http:': 80}[proxy.url.protocol] ?? 1080;
		const proxyPort = Number(proxy.url.port || defaultPort);
		const proxyHost = proxy.url.hostname.replace(/^\[|\]$/g, '');
		// Node's errors carry the port; the SOCKS client's only say it ("connect ECONNREFUSED h:p").
		const atProxy = links.some(
			(link) =>
				link.port === proxyPort ||
				(typeof link.hostname === 'string' && link.hostname === proxyHost) ||
				link.message.includes(`ECONNREFUSED ${proxyHost}:${proxyPort}`),
		);
		const refused = codes.includes('ECONNREFUSED') || /\bECONNREFUSED\b/.test(text);
		if (atProxy && refused) {
			return new OfflineError(
				`${via} refused the connection${after}; check it is running, or change it (authdeck config set proxy URL, or HTTPS_PROXY); ${kept}`,
			);
		}

		if (atProxy && (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN'))) {
			return new OfflineError(`cannot resolve the host of ${via}${after}; ${kept}`);
		}

		if (/Proxy response \((\d+)\)|Socks5 proxy rejected|SocksClientError/i.test(text) || refused) {
			return new OfflineError(
				`${via} could not connect to ${host}${after}: ${sanitize(links.at(-1)?.message, 120)}; ${kept}`,
			);
		}
	}

	if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
		return new OfflineError(
			`cannot resolve ${host} (DNS${codes.includes('EAI_AGAIN') ? ', temporary failure' : ''})${after}; check the name and your network; ${kept}`,
		);
	}

	if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || /timed out/i.test(text)) {
		return new OfflineError(
			`no connection to ${proxy ? via : host} in time${after}; you seem to be offline or it is down; ${kept}`,
		);
	}

	const code = networkCode(error);
	if (!code && proxy && (proxy.url.username || proxy.url.password)) {
		// Whatever else failed, its text must not carry the proxy's user or password onwards.
		return new UserError(
			`a request to ${host} through ${via} failed: ${sanitize(withoutProxyCredentials(text, proxy.url), 200)}`,
		);
	}

	if (code) {
		return new OfflineError(
			`cannot reach ${host}${proxy ? ` through ${via}` : ''} (${code})${after}; you seem to be offline or the server is down; ${kept}`,
		);
	}

	return undefined;
}

/** The text with a proxy URL's user and password (raw and URL-decoded) cut out. */
function withoutProxyCredentials(text: string, url: URL): string {
	let result = text;
	for (const part of [url.password, url.username]) {
		for (const form of new Set([part, safeDecode(part)])) {
			if (form.length >= 3) result = result.replaceAll(form, '***');
		}
	}

	return result;
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
