/**
 * Webhook signature schemes as data: which headers carry what, what is signed, how the signature
 * is written and how the secret becomes the key. Signing and verifying (sign.ts, verify.ts) read
 * only this table, so a new scheme is a new row, not new code.
 */
import type {CredentialSettings, HmacAlgorithm, SignatureScheme} from '../domain.js';
import type {SignatureEncoding} from './hmac.js';

/** How one scheme signs a delivery. */
export type Scheme = {
	readonly name: SignatureScheme;
	readonly algorithm: HmacAlgorithm;
	readonly encoding: SignatureEncoding;
	/** The header that carries the signature (lower case: HTTP header names are case-blind). */
	readonly signatureHeader: string;
	/** A header of its own for the timestamp (seconds since the epoch), when the scheme has one. */
	readonly timestampHeader?: string;
	/** A header for the message id, when the scheme signs one (Standard Webhooks). */
	readonly idHeader?: string;
	/** The header that names the event type, for `listen`'s log line. */
	readonly eventHeader?: string;
	/**
	 * Stripe writes the timestamp into the signature header itself: `t=<seconds>,v1=<hex>`.
	 * @default false
	 */
	readonly timestampInSignature?: boolean;
	/** What stands before each signature, e.g. `sha256=` (GitHub) or `v1,` (Standard Webhooks). */
	readonly prefix: string;
	/** Between several signatures in one header (rotation: old and new key). */
	readonly separator: ',' | ' ';
	/** What is signed, from `{id}`, `{timestamp}` and `{body}`. */
	readonly payloadFormat: string;
	/**
	 * `text`: the whole secret is the key (Stripe uses `whsec_...` as it is); `base64`: the part
	 * after `whsec_` is base64 (Standard Webhooks).
	 */
	readonly key: 'text' | 'base64';
	/** Whether a timestamp is signed and checked against the tolerance. */
	readonly timed: boolean;
};

/** Every scheme `credential add --scheme` takes. */
export const signatureSchemes: readonly SignatureScheme[] = [
	'stripe',
	'github',
	'standard',
	'slack',
	'shopify',
	'custom',
];

type Named = Exclude<SignatureScheme, 'custom'>;

const named: Readonly<Record<Named, Scheme>> = {
	stripe: {
		name: 'stripe',
		algorithm: 'sha256',
		encoding: 'hex',
		signatureHeader: 'stripe-signature',
		timestampInSignature: true,
		prefix: 'v1=',
		separator: ',',
		payloadFormat: '{timestamp}.{body}',
		key: 'text',
		timed: true,
	},
	github: {
		name: 'github',
		algorithm: 'sha256',
		encoding: 'hex',
		signatureHeader: 'x-hub-signature-256',
		idHeader: 'x-github-delivery',
		eventHeader: 'x-github-event',
		prefix: 'sha256=',
		separator: ',',
		payloadFormat: '{body}',
		key: 'text',
		timed: false,
	},
	standard: {
		name: 'standard',
		algorithm: 'sha256',
		encoding: 'base64',
		signatureHeader: 'webhook-signature',
		timestampHeader: 'webhook-timestamp',
		idHeader: 'webhook-id',
		prefix: 'v1,',
		separator: ' ',
		payloadFormat: '{id}.{timestamp}.{body}',
		key: 'base64',
		timed: true,
	},
	slack: {
		name: 'slack',
		algorithm: 'sha256',
		encoding: 'hex',
		signatureHeader: 'x-slack-signature',
		timestampHeader: 'x-slack-request-timestamp',
		prefix: 'v0=',
		separator: ',',
		payloadFormat: 'v0:{timestamp}:{body}',
		key: 'text',
		timed: true,
	},
	shopify: {
		name: 'shopify',
		algorithm: 'sha256',
		encoding: 'base64',
		signatureHeader: 'x-shopify-hmac-sha256',
		idHeader: 'x-shopify-webhook-id',
		eventHeader: 'x-shopify-topic',
		prefix: '',
		separator: ',',
		payloadFormat: '{body}',
		key: 'text',
		timed: false,
	},
};

/** The data of a named scheme. */
export function namedScheme(name: Named): Scheme {
	return named[name];
}

/**
 * The scheme an HMAC credential signs with: a named one from the table, or `custom` built from
 * its own settings (hex, signature alone in its header, timed when it has a timestamp header).
 * Credentials saved before schemes existed have none and are custom.
 */
export function schemeOf(settings: Extract<CredentialSettings, {type: 'hmac'}>): Scheme {
	const name = settings.scheme ?? 'custom';
	if (name !== 'custom' && Object.hasOwn(named, name)) {
		return named[name];
	}

	const timestampHeader = settings.timestampHeader?.toLowerCase();
	return {
		name: 'custom',
		algorithm: settings.algorithm,
		encoding: 'hex',
		signatureHeader: settings.signatureHeader.toLowerCase(),
		timestampHeader,
		prefix: '',
		separator: ',',
		payloadFormat: settings.payloadFormat,
		key: 'text',
		timed: timestampHeader !== undefined || settings.payloadFormat.includes('{timestamp}'),
	};
}
