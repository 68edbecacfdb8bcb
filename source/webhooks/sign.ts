/** Signing a delivery the way a scheme's sender does, so receivers of that scheme accept it. */
import {randomBytes} from 'node:crypto';
import {UserError} from '../lib/errors.js';
import {sign} from './hmac.js';
import {type Delivery, keyOf, payloadOf, signsId} from './payload.js';
import type {Scheme} from './schemes.js';

/** What `credential sign` prints. */
export type Signed = {
	/** The headers to send, names as the scheme writes them (lower case). */
	readonly headers: Readonly<Record<string, string>>;
	readonly signature: string;
	readonly timestamp?: string;
	readonly id?: string;
};

export type SignOptions = {
	readonly body: Buffer;
	/** Seconds since the epoch. @default now */
	readonly timestamp?: string;
	/** The message id, for schemes that sign one. @default `msg_` + random */
	readonly id?: string;
	/** @default Date.now() */
	readonly now?: number;
};

/** Signs a body with the secret; throws a UserError when the secret cannot be this scheme's key. */
export function signDelivery(scheme: Scheme, secret: string, options: SignOptions): Signed {
	const key = keyOf(scheme, secret);
	if (key === undefined) {
		throw new UserError(
			scheme.key === 'base64'
				? 'the secret is not a Standard Webhooks key (whsec_ followed by base64)'
				: 'the secret is empty',
		);
	}

	if (options.timestamp !== undefined && !/^\d{1,15}$/.test(options.timestamp)) {
		throw new UserError('--timestamp takes whole seconds since the epoch', {field: 'timestamp'});
	}

	const timestamp = scheme.timed
		? (options.timestamp ?? String(Math.floor((options.now ?? Date.now()) / 1000)))
		: undefined;
	const id = scheme.idHeader ? (options.id ?? `msg_${randomBytes(12).toString('hex')}`) : undefined;
	const delivery: Delivery = {body: options.body, timestamp, id};
	const signature = sign(payloadOf(scheme, delivery), key, scheme.algorithm, scheme.encoding);
	const headers: Record<string, string> = {};
	if (id !== undefined && scheme.idHeader && (signsId(scheme) || options.id !== undefined)) {
		headers[scheme.idHeader] = id;
	}

	if (timestamp !== undefined && scheme.timestampHeader) {
		headers[scheme.timestampHeader] = timestamp;
	}

	headers[scheme.signatureHeader] = scheme.timestampInSignature
		? `t=${timestamp},${scheme.prefix}${signature}`
		: `${scheme.prefix}${signature}`;
	return {headers, signature, timestamp, id: headers[scheme.idHeader ?? ''] ? id : undefined};
}
