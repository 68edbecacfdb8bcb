import {aliasPattern} from './alias.js';
import {UserError} from './errors.js';
import {sanitize} from './sanitize.js';

// Any control or format character: a value holding one is refused rather than stored.
const hasControl = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

// Each check names the input field it refuses (`field`), so a form shows the error beside it; the
// caller passes the field's name where it is not the check's own.

/** Plain text for a display field (name, organisation): no control characters, at most 200 characters. */
export function checkText(value: string, what: string, field?: string): string {
	const text = value.trim();
	if (text === '' || text.length > 200 || hasControl.test(text)) {
		throw new UserError(`invalid ${what}: use 1-200 printable characters`, {field});
	}

	return text;
}

/** An email address, trimmed. */
export function checkEmail(value: string, field = 'email'): string {
	const email = value.trim();
	if (email.length > 254 || hasControl.test(email) || !/^[^\s@]+@[^\s@]+$/.test(email)) {
		throw new UserError(`invalid email "${sanitize(email, 80)}"`, {field});
	}

	return email;
}

/** `production`, `staging`, `development`, or a custom name with the characters of an alias. */
export function checkEnvironment(value: string, field = 'environment'): string {
	const environment = value.trim().toLowerCase();
	const short: Record<string, string> = {
		prod: 'production',
		stg: 'staging',
		stage: 'staging',
		dev: 'development',
	};
	if (!aliasPattern.test(environment)) {
		throw new UserError(
			`invalid environment "${sanitize(value, 80)}": use production, staging, development or a simple name`,
			{field},
		);
	}

	return short[environment] ?? environment;
}

/** An http(s) URL, without its trailing slash. */
export function checkUrl(value: string, what = 'URL', field?: string): string {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new UserError(`invalid ${what} "${sanitize(value, 80)}"`, {field});
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new UserError(`invalid ${what} "${sanitize(value, 80)}": use https://`, {field});
	}

	return url.href.replace(/\/$/, '');
}

/** True for 127.0.0.1 (and the rest of 127/8), ::1 and localhost. */
export function isLoopback(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * An URL a secret is sent to (an OAuth token URL): `https://`, or plain `http://` only on a
 * loopback address (a local test server), as `provider add` takes an issuer.
 */
export function checkSecureUrl(value: string, what = 'URL', field?: string): string {
	const checked = checkUrl(value, what, field);
	const url = new URL(checked);
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		throw new UserError(
			`invalid ${what} "${sanitize(value, 80)}": plain http:// is only accepted on loopback addresses; use https://`,
			{field},
		);
	}

	return checked;
}

/** The largest secret authdeck stores: large enough for a JWT with many claims. */
export const maximumSecretLength = 64 * 1024;

/** A key or token read from stdin: one line, no control characters. */
export function checkSecret(
	value: string,
	what = 'key',
	field?: string,
	/** Inner spaces are allowed: HMAC secrets are passphrases as often as tokens (GitHub's). */
	options: {readonly spaces?: boolean} = {},
): string {
	const secret = value.replace(/\r?\n$/, '').trim();
	if (secret === '') {
		throw new UserError(
			`no ${what} on stdin; pipe it in, e.g. \`printf %s "$KEY" | authdeck login --with-token ...\``,
			{field},
		);
	}

	if (secret.length > maximumSecretLength) {
		throw new UserError(`the ${what} on stdin is longer than ${maximumSecretLength} characters`, {
			field,
		});
	}

	if (hasControl.test(secret) || (options.spaces ? /[^\S ]/ : /\s/).test(secret)) {
		throw new UserError(
			`the ${what} on stdin must be a single line without ${options.spaces ? 'tabs' : 'spaces'} or control characters`,
			{field},
		);
	}

	return secret;
}
