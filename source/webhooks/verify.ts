/**
 * Verifying a delivery against a scheme and one or more secrets (the current one and, during a
 * rotation's grace period, the previous one). Returns why not rather than throwing: its input is
 * whatever a stranger sent.
 */
import {createHmac, timingSafeEqual} from 'node:crypto';
import {splitSignatures} from './hmac.js';
import {keyOf, payloadOf, signsId} from './payload.js';
import type {Scheme} from './schemes.js';

/** The outcome: valid, or the first reason it is not. */
export type Verdict =
	| {readonly valid: true; readonly id?: string; readonly timestamp?: string}
	| {readonly valid: false; readonly reason: string};

export type VerifyInput = {
	readonly body: Buffer;
	/** Request headers, names in lower case; a repeated header's values joined by a space. */
	readonly headers: Readonly<Record<string, string | undefined>>;
	/** Seconds a timestamp may be from `now`, either way. @default 300 */
	readonly toleranceSeconds?: number;
	/** @default Date.now() */
	readonly now?: number;
};

// A header with more candidates than this is not from an honest sender.
const maximumSignatures = 16;
const digestLength = {sha1: 20, sha256: 32, sha512: 64} as const;
const patterns = {hex: /^[\da-f]+$/i, base64: /^[A-Za-z\d+/]+={0,2}$/} as const;

/** Checks a delivery; never throws. */
export function verifyDelivery(
	scheme: Scheme,
	secrets: readonly string[],
	input: VerifyInput,
): Verdict {
	try {
		return check(scheme, secrets, input);
	} catch {
		return {valid: false, reason: 'malformed request'};
	}
}

function timestampOf(scheme: Scheme, header: string, input: VerifyInput): string | undefined {
	if (scheme.timestampInSignature) {
		const part = header
			.split(/[\s,]+/)
			.find((token) => token.startsWith('t='))
			?.slice(2);
		return part;
	}

	return scheme.timestampHeader ? input.headers[scheme.timestampHeader] : undefined;
}

function age(timestamp: string, input: VerifyInput): string | undefined {
	if (!/^\d{1,15}$/.test(timestamp.trim())) {
		return 'malformed timestamp';
	}

	const tolerance = input.toleranceSeconds ?? 300;
	const seconds = Math.round(((input.now ?? Date.now()) - Number(timestamp) * 1000) / 1000);
	if (seconds > tolerance) {
		return `timestamp ${seconds} s old (tolerance ${tolerance} s)`;
	}

	if (-seconds > tolerance) {
		return `timestamp ${-seconds} s in the future (tolerance ${tolerance} s)`;
	}

	return undefined;
}

function check(scheme: Scheme, secrets: readonly string[], input: VerifyInput): Verdict {
	const header = input.headers[scheme.signatureHeader];
	if (header === undefined || header.trim() === '') {
		return {valid: false, reason: `no signature: the ${scheme.signatureHeader} header is missing`};
	}

	let timestamp: string | undefined;
	if (scheme.timed) {
		timestamp = timestampOf(scheme, header, input)?.trim();
		if (timestamp === undefined || timestamp === '') {
			return {valid: false, reason: 'no timestamp'};
		}

		const problem = age(timestamp, input);
		if (problem) {
			return {valid: false, reason: problem};
		}
	}

	const id = scheme.idHeader ? input.headers[scheme.idHeader]?.trim() : undefined;
	if (signsId(scheme) && !id) {
		return {valid: false, reason: `no message id: the ${scheme.idHeader} header is missing`};
	}

	const candidates = splitSignatures(header, scheme.prefix);
	if (candidates.length === 0) {
		return {valid: false, reason: `no signature in the ${scheme.signatureHeader} header`};
	}

	if (candidates.length > maximumSignatures) {
		return {valid: false, reason: `more than ${maximumSignatures} signatures`};
	}

	const length = digestLength[scheme.algorithm];
	const given = candidates
		.filter((candidate) => patterns[scheme.encoding].test(candidate))
		.map((candidate) => Buffer.from(candidate, scheme.encoding));
	if (given.length === 0) {
		return {valid: false, reason: `malformed signature (not ${scheme.encoding})`};
	}

	const sized = given.filter((bytes) => bytes.length === length);
	if (sized.length === 0) {
		return {
			valid: false,
			reason: `signature of the wrong length (${given[0]?.length ?? 0} bytes, not ${length})`,
		};
	}

	const payload = payloadOf(scheme, {body: input.body, timestamp, id});
	const keys = secrets.flatMap((secret) => keyOf(scheme, secret) ?? []);
	if (keys.length === 0) {
		return {valid: false, reason: 'the stored secret cannot be a key of this scheme'};
	}

	const matched = keys.some((key) => {
		const expected = createHmac(scheme.algorithm, key).update(payload).digest();
		// Every candidate is compared, so the time taken does not say which one matched.
		return sized.map((bytes) => timingSafeEqual(bytes, expected)).includes(true);
	});
	return matched ? {valid: true, id, timestamp} : {valid: false, reason: 'signature mismatch'};
}
