/**
 * Using a credential: the headers a request carries, a signature, a verification. Each reads the
 * secret once from the store and hands back headers or a verdict, never the secret on its own.
 */
import type {Credential, CredentialSecret} from '../domain.js';
import {UserError} from '../lib/errors.js';
import type {Context} from '../store/context.js';
import {schemeOf} from '../webhooks/schemes.js';
import {type Signed, type SignOptions, signDelivery} from '../webhooks/sign.js';
import {type Verdict, type VerifyInput, verifyDelivery} from '../webhooks/verify.js';
import {readCredentialSecret, tokenFor} from './credential-token.js';

type Hmac = Credential & {settings: Extract<Credential['settings'], {type: 'hmac'}>};

/**
 * The secrets that verify now: the current one, and the previous one while its grace period after
 * a rotation lasts.
 */
export function liveSecrets(secret: CredentialSecret, now = Date.now()): string[] {
	const previous = secret.previous;
	return previous && Date.parse(previous.until) > now
		? [secret.value, previous.value]
		: [secret.value];
}

/** Records that a credential was used now (headers, sign, send, token): `lastUsedAt`. */
export async function markUsed(context: Context, credential: Credential): Promise<void> {
	await context.store.dispatch({
		type: 'credential-used',
		credentialId: credential.id,
		at: new Date().toISOString(),
	});
}

function hmacOnly(credential: Credential, what: string): Hmac {
	if (credential.settings.type !== 'hmac') {
		throw new UserError(
			`${what} needs an hmac credential; ${credential.name} is ${credential.settings.type}`,
		);
	}

	return credential as Hmac;
}

/** Signs a body with an HMAC credential's current secret. */
export async function signWith(
	context: Context,
	credential: Credential,
	options: SignOptions,
): Promise<Signed> {
	const hmac = hmacOnly(credential, 'signing');
	const secret = await readCredentialSecret(context, credential);
	const signed = signDelivery(schemeOf(hmac.settings), secret.value, options);
	await markUsed(context, credential);
	return signed;
}

/** Verifies a delivery against an HMAC credential's live secrets. */
export async function verifyWith(
	context: Context,
	credential: Credential,
	input: VerifyInput,
): Promise<Verdict> {
	const hmac = hmacOnly(credential, 'verifying');
	const secret = await readCredentialSecret(context, credential);
	return verifyDelivery(schemeOf(hmac.settings), liveSecrets(secret, input.now), input);
}

/**
 * The headers a request must carry: bearer's header, or an HMAC credential's signature headers
 * over `body` (required for those).
 */
export async function headersFor(
	context: Context,
	credential: Credential,
	body: Buffer | undefined,
): Promise<Record<string, string>> {
	const {settings} = credential;
	switch (settings.type) {
		case 'bearer': {
			const secret = await readCredentialSecret(context, credential);
			await markUsed(context, credential);
			return {
				[settings.headerName]: settings.bearerPrefix ? `Bearer ${secret.value}` : secret.value,
			};
		}

		case 'hmac': {
			if (body === undefined) {
				throw new UserError('an hmac credential signs the body: give it with --body FILE or -', {
					field: 'body',
				});
			}

			return {...(await signWith(context, credential, {body})).headers};
		}

		case 'oauth2': {
			const token = await tokenFor(context, credential);
			if (!token.fetched) {
				await markUsed(context, credential);
			}

			return {authorization: `Bearer ${token.accessToken}`};
		}
	}
}
