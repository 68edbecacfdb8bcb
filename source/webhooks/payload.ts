/** What sign.ts and verify.ts share: the key a secret stands for and the bytes that are signed. */
import {decodeSecret} from './hmac.js';
import type {Scheme} from './schemes.js';

/** One delivery's parts that a scheme may sign. */
export type Delivery = {
	/** The raw body, exactly as sent. */
	readonly body: Buffer;
	/** Whole seconds since the epoch, as text: signed as sent, never re-printed. */
	readonly timestamp?: string;
	readonly id?: string;
};

/** The HMAC key a secret stands for under a scheme, or undefined when it cannot be one. */
export function keyOf(scheme: Scheme, secret: string): Buffer | undefined {
	if (scheme.key === 'base64') {
		return decodeSecret(secret);
	}

	return secret.length > 0 ? Buffer.from(secret, 'utf8') : undefined;
}

/** The bytes a scheme signs: its payload format with `{id}`, `{timestamp}` and `{body}` filled in. */
export function payloadOf(scheme: Scheme, delivery: Delivery): Buffer {
	const parts = scheme.payloadFormat.split(/(\{id\}|\{timestamp\}|\{body\})/);
	return Buffer.concat(
		parts.map((part) => {
			switch (part) {
				case '{body}': {
					return delivery.body;
				}

				case '{timestamp}': {
					return Buffer.from(delivery.timestamp ?? '');
				}

				case '{id}': {
					return Buffer.from(delivery.id ?? '');
				}

				default: {
					return Buffer.from(part);
				}
			}
		}),
	);
}

/** Whether the payload format signs the message id. */
export function signsId(scheme: Scheme): boolean {
	return scheme.payloadFormat.includes('{id}');
}
