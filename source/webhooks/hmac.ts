import {createHmac, timingSafeEqual} from 'node:crypto';

/** A hash that webhook senders sign with. */
export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** How a signature is written in a header. */
export type SignatureEncoding = 'hex' | 'base64';

/** What `verifySignature` checks. */
export type VerifyOptions = {
	/** The raw request body, exactly as received: re-serialised JSON will not match. */
	readonly payload: string | Buffer;
	/** The shared secret. An empty key is refused: anyone could sign with it. */
	readonly key: string | Buffer;
	readonly algorithm: HmacAlgorithm;
	/** The header value: one signature, or several separated by spaces or commas. */
	readonly signature: string | undefined;
	/** @default 'hex' */
	readonly encoding?: SignatureEncoding;
	/**
	 * What stands before each signature and is not part of it.
	 * @example 'sha256=' // GitHub
	 * @example 'v1,' // Standard Webhooks
	 * @default ''
	 */
	readonly prefix?: string;
};

/** What `verifyStandardWebhook` checks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. */
export type StandardWebhookOptions = {
	/** The `webhook-id` header. */
	readonly id: string | undefined;
	/** The `webhook-timestamp` header: whole seconds since the epoch. */
	readonly timestamp: string | number | undefined;
	/** The raw request body. */
	readonly body: string | Buffer;
	/** `whsec_` followed by the base64 key. */
	readonly secret: string;
	/** The `webhook-signature` header: `v1,<base64>`, space-separated when there are several. */
	readonly signatureHeader: string | undefined;
	/**
	 * The current time in milliseconds since the epoch, as `Date.now()` gives it.
	 * @default Date.now()
	 */
	readonly now?: number;
	/**
	 * How far the timestamp may be from `now`, either way, before the message counts as replayed.
	 * @default 300
	 */
	readonly toleranceSeconds?: number;
};

const digestLength: Record<HmacAlgorithm, number> = {sha1: 20, sha256: 32, sha512: 64};

const hexPattern = /^[\da-f]+$/i;
const base64Pattern = /^[A-Za-z\d+/]+={0,2}$/;

// A header with more candidates than this is not from an honest sender.
const maximumSignatures = 16;

/** The HMAC of `payload` under `key`, as hex or base64. */
export function sign(
	payload: string | Buffer,
	key: string | Buffer,
	algorithm: HmacAlgorithm,
	encoding: SignatureEncoding = 'hex',
): string {
	return createHmac(algorithm, key).update(payload).digest(encoding);
}

/**
 * True when any signature in the header is the HMAC of the payload. Compares in constant time,
 * and returns false, never throws, for a missing, empty, malformed or wrong-length signature.
 */
export function verifySignature(options: VerifyOptions): boolean {
	try {
		const {payload, key, algorithm, signature, encoding = 'hex', prefix = ''} = options;
		if (!Object.hasOwn(digestLength, algorithm) || key.length === 0) {
			return false;
		}

		const candidates = splitSignatures(signature ?? '', prefix);
		if (candidates.length === 0 || candidates.length > maximumSignatures) {
			return false;
		}

		const expected = createHmac(algorithm, key).update(payload).digest();
		return candidates.some((candidate) => {
			const given = decode(candidate, encoding, expected.length);
			return given !== undefined && timingSafeEqual(given, expected);
		});
	} catch {
		return false;
	}
}

/** Checks GitHub's `X-Hub-Signature-256: sha256=<hex>` against the raw body. */
export function verifyGitHub(
	body: string | Buffer,
	secret: string | Buffer,
	header: string | undefined,
): boolean {
	return verifySignature({
		payload: body,
		key: secret,
		algorithm: 'sha256',
		signature: header,
		prefix: 'sha256=',
	});
}

/**
 * Checks a Standard Webhooks delivery (Svix and others): HMAC-SHA256 over `id.timestamp.body`,
 * and a timestamp no more than `toleranceSeconds` from `now` in either direction.
 */
export function verifyStandardWebhook(options: StandardWebhookOptions): boolean {
	try {
		const {id, body, signatureHeader, now = Date.now(), toleranceSeconds = 300} = options;
		// Signed as sent, so the text is kept rather than a re-printed number.
		const timestamp =
			typeof options.timestamp === 'number' ? String(options.timestamp) : options.timestamp;
		const key = decodeSecret(options.secret);
		if (!id || !timestamp || !/^\d{1,15}$/.test(timestamp) || key === undefined) {
			return false;
		}

		if (!(Math.abs(now - Number(timestamp) * 1000) <= toleranceSeconds * 1000)) {
			return false;
		}

		const payload = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(body)]);
		return verifySignature({
			payload,
			key,
			algorithm: 'sha256',
			signature: signatureHeader,
			encoding: 'base64',
			prefix: 'v1,',
		});
	} catch {
		return false;
	}
}

/**
 * Signatures in a header: split on whitespace, then on commas unless the comma belongs to the
 * prefix (Standard Webhooks' `v1,<sig>`); parts without the prefix, like Stripe's `t=...`, are dropped.
 */
export function splitSignatures(header: string, prefix: string): string[] {
	return header
		.split(/\s+/)
		.flatMap((token) => {
			const rest = token.slice(prefix.length);
			if (prefix !== '' && token.startsWith(prefix) && !rest.includes(',')) {
				return [rest];
			}

			return token
				.split(',')
				.filter((part) => part.startsWith(prefix))
				.map((part) => part.slice(prefix.length));
		})
		.filter((candidate) => candidate !== '');
}

/**
 * Strict decoding: Buffer.from silently drops bad characters, an odd last hex digit and stray
 * base64 bits, so only text that re-encodes to itself is taken.
 */
export function decode(
	text: string,
	encoding: SignatureEncoding,
	length: number,
): Buffer | undefined {
	const pattern = encoding === 'hex' ? hexPattern : base64Pattern;
	if (!pattern.test(text)) {
		return undefined;
	}

	const bytes = Buffer.from(text, encoding);
	const encoded = bytes.toString(encoding);
	// Hex in either case; base64 with its padding or without it, but not with wrong padding.
	const same =
		encoding === 'hex'
			? text.toLowerCase() === encoded
			: text === encoded || text === encoded.replace(/=+$/, '');
	return bytes.length === length && same ? bytes : undefined;
}

/** A Standard Webhooks secret (`whsec_` + base64, or the base64 alone) as its key bytes. */
export function decodeSecret(secret: string): Buffer | undefined {
	const text = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
	if (!base64Pattern.test(text)) {
		return undefined;
	}

	const key = Buffer.from(text, 'base64');
	return key.length > 0 ? key : undefined;
}
