import type {
	Credential,
	CredentialSettings,
	CredentialType,
	HmacAlgorithm,
	SignatureScheme,
	Vault,
} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {randomId} from '../lib/ids.js';
import {maskSecret} from '../lib/mask.js';
import {checkSecret, checkSecureUrl, checkText} from '../lib/validate.js';
import type {Context} from '../store/context.js';
import {credentialsOf} from '../store/selectors.js';
import {readSecretEntry} from '../vault/read-secret.js';
import {credentialKey} from '../vault/secrets.js';
import {namedScheme, signatureSchemes} from '../webhooks/schemes.js';

export const credentialTypes: readonly CredentialType[] = ['bearer', 'oauth2', 'hmac'];
export const hmacAlgorithms: readonly HmacAlgorithm[] = ['sha256', 'sha512', 'sha1'];

/** What `credential add` and the deck's credential wizard take. */
export type CredentialInput = {
	readonly accountId: string;
	readonly name: string;
	readonly type: string;
	/** The token, client secret or HMAC key; from stdin or a masked input, never argv. */
	readonly secret: string;
	/** bearer: @default 'Authorization' */
	readonly headerName?: string;
	/** bearer: send `Bearer <token>`. @default true */
	readonly bearerPrefix?: boolean;
	readonly tokenUrl?: string;
	readonly clientId?: string;
	readonly scope?: string;
	/** oauth2: client_secret_basic or client_secret_post. @default 'client_secret_basic' */
	readonly authMethod?: string;
	/** hmac: a named scheme fixes the algorithm, headers and payload. @default 'custom' */
	readonly scheme?: string;
	/** hmac: @default 'sha256' */
	readonly algorithm?: string;
	/** hmac: @default 'x-signature' */
	readonly signatureHeader?: string;
	readonly timestampHeader?: string;
	/** hmac: @default '{body}' */
	readonly payloadFormat?: string;
	readonly usedBy?: readonly string[];
};

const headerPattern = /^[A-Za-z0-9-]{1,64}$/;

/** An HTTP header name; `field` is the input the error names. */
export function checkHeader(value: string, what = 'header name', field = 'headerName'): string {
	const header = value.trim();
	if (!headerPattern.test(header)) {
		throw new UserError(`invalid ${what} "${header.slice(0, 64)}": use letters, digits and "-"`, {
			field,
		});
	}

	return header;
}

/** The settings an input describes; throws a UserError naming the first problem. */
export function settingsOf(input: CredentialInput): CredentialSettings {
	switch (input.type) {
		case 'bearer': {
			return {
				type: 'bearer',
				headerName: checkHeader(input.headerName || 'Authorization'),
				bearerPrefix: input.bearerPrefix ?? true,
			};
		}

		case 'oauth2': {
			if (!input.tokenUrl || !input.clientId) {
				throw new UserError('an oauth2 credential needs a token URL and a client id', {
					field: input.tokenUrl ? 'clientId' : 'tokenUrl',
				});
			}

			const authMethod = input.authMethod || 'client_secret_basic';
			if (authMethod !== 'client_secret_basic' && authMethod !== 'client_secret_post') {
				throw new UserError(
					`invalid auth method "${authMethod.slice(0, 30)}": use client_secret_basic or client_secret_post`,
					{field: 'authMethod'},
				);
			}

			return {
				type: 'oauth2',
				tokenUrl: checkSecureUrl(input.tokenUrl, 'token URL', 'tokenUrl'),
				clientId: checkText(input.clientId, 'client id', 'clientId'),
				scope: input.scope ? checkText(input.scope, 'scope', 'scope') : undefined,
				authMethod,
			};
		}

		case 'hmac': {
			const scheme = (input.scheme || 'custom').toLowerCase() as SignatureScheme;
			if (!signatureSchemes.includes(scheme)) {
				throw new UserError(
					`invalid scheme "${scheme.slice(0, 20)}": use ${signatureSchemes.join(', ')}`,
					{field: 'scheme'},
				);
			}

			if (scheme !== 'custom') {
				// Recorded for display; signing and verifying read the scheme's own data.
				const data = namedScheme(scheme);
				return {
					type: 'hmac',
					scheme,
					algorithm: data.algorithm,
					signatureHeader: data.signatureHeader,
					timestampHeader: data.timestampHeader,
					payloadFormat: data.payloadFormat,
				};
			}

			const algorithm = (input.algorithm || 'sha256').toLowerCase();
			if (!hmacAlgorithms.includes(algorithm as HmacAlgorithm)) {
				throw new UserError(`invalid algorithm "${algorithm}": use ${hmacAlgorithms.join(', ')}`, {
					field: 'algorithm',
				});
			}

			return {
				type: 'hmac',
				scheme,
				algorithm: algorithm as HmacAlgorithm,
				signatureHeader: checkHeader(
					input.signatureHeader || 'x-signature',
					'signature header',
					'signatureHeader',
				),
				timestampHeader: input.timestampHeader
					? checkHeader(input.timestampHeader, 'timestamp header', 'timestampHeader')
					: undefined,
				payloadFormat: checkText(
					input.payloadFormat || '{body}',
					'payload format',
					'payloadFormat',
				),
			};
		}

		default: {
			throw new UserError(
				`invalid credential type "${String(input.type).slice(0, 20)}": use ${credentialTypes.join(', ')}`,
				{field: 'type'},
			);
		}
	}
}

/** Validates the input and builds the credential; throws a UserError naming the first problem. */
export function buildCredential(
	vault: Vault,
	input: CredentialInput,
	now: Date,
): {credential: Credential; secret: string} {
	if (!vault.accounts.some((account) => account.id === input.accountId)) {
		throw new UserError(`no account with id ${input.accountId}`);
	}

	const name = checkText(input.name, 'credential name', 'name');
	if (credentialsOf(vault, input.accountId).some((credential) => credential.name === name)) {
		throw new UserError(`this account already has a credential named "${name}"`, {field: 'name'});
	}

	const settings = settingsOf(input);
	const secret = checkSecret(input.secret, 'secret', 'secret', {
		spaces: settings.type === 'hmac',
	});
	const credential: Credential = {
		id: `cred_${randomId()}`,
		name,
		accountId: input.accountId,
		settings,
		usedBy: (input.usedBy ?? []).map((reference) =>
			checkText(reference, 'used-by reference', 'usedBy'),
		),
		secretHint: maskSecret(secret),
		createdAt: now.toISOString(),
	};
	return {credential, secret};
}

/** Adds a credential and stores its secret. */
export async function addCredential(context: Context, input: CredentialInput): Promise<Credential> {
	const {credential, secret} = buildCredential(context.store.getState().vault, input, new Date());
	await context.store.dispatch({type: 'credential-added', credential, secret: {value: secret}});
	return credential;
}

/** A credential by id, or by name among one account's credentials. */
export function findCredential(vault: Vault, query: string, accountId?: string): Credential {
	const byId = vault.credentials.find((credential) => credential.id === query);
	if (byId) {
		return byId;
	}

	const byName = vault.credentials.filter(
		(credential) =>
			credential.name === query && (accountId === undefined || credential.accountId === accountId),
	);
	if (byName.length === 1) {
		return byName[0] as Credential;
	}

	throw new UserError(
		byName.length > 1
			? `${byName.length} credentials are named "${query.slice(0, 80)}"; use its id or --account`
			: `no credential matches "${query.slice(0, 80)}"; see \`authdeck credential list\``,
	);
}

export async function removeCredential(context: Context, credential: Credential): Promise<void> {
	await context.store.dispatch({type: 'credential-removed', credentialId: credential.id});
}

/** Reads a credential's secret from the backend. */
export async function readCredentialSecret(
	context: Context,
	credentialId: string,
): Promise<string | undefined> {
	const secret = await readSecretEntry<{value?: string}>(
		context,
		credentialKey(credentialId),
		`the stored secret of credential ${credentialId} is damaged`,
	);
	return secret?.value;
}

/** One line of detail for a credential: where its secret goes. */
export function credentialDetail(settings: CredentialSettings): string {
	switch (settings.type) {
		case 'bearer': {
			return `${settings.headerName}${settings.bearerPrefix ? '' : ' (raw)'}`;
		}

		case 'oauth2': {
			const post = settings.authMethod === 'client_secret_post' ? ' (post)' : '';
			return `client ${settings.clientId}${post}`;
		}

		case 'hmac': {
			const scheme = settings.scheme && settings.scheme !== 'custom' ? `${settings.scheme} ` : '';
			return `${scheme}${settings.algorithm} ${settings.signatureHeader}`;
		}
	}
}
