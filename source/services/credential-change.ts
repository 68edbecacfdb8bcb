/**
 * Changing a credential: its settings (`credential edit`, never the secret) and its secret
 * (`credential rotate`, the previous one kept for a grace period so verify accepts both while
 * senders switch over).
 */
import type {Credential, CredentialSecret, CredentialSettings} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {maskSecret} from '../lib/mask.js';
import {checkSecret, checkText} from '../lib/validate.js';
import type {Context} from '../store/context.js';
import {credentialsOf} from '../store/selectors.js';
import {readSecretEntry} from '../vault/read-secret.js';
import {credentialKey} from '../vault/secrets.js';
import {type CredentialInput, settingsOf} from './credentials.js';

/** What `credential edit` and the deck's edit form may change; absent fields stay as they are. */
export type CredentialEdit = Partial<Omit<CredentialInput, 'accountId' | 'type' | 'secret'>>;

/** The edit fields that belong to each type; one given to another type is refused, not ignored. */
const fieldsOf: Record<CredentialSettings['type'], ReadonlyArray<keyof CredentialEdit>> = {
	bearer: ['headerName', 'bearerPrefix'],
	oauth2: ['tokenUrl', 'clientId', 'scope', 'authMethod'],
	hmac: ['scheme', 'algorithm', 'signatureHeader', 'timestampHeader', 'payloadFormat'],
};

/** Flag names for messages. */
const flagOf: Partial<Record<keyof CredentialEdit, string>> = {
	headerName: '--header',
	bearerPrefix: '--bearer-prefix',
	tokenUrl: '--token-url',
	clientId: '--client-id',
	scope: '--scope',
	authMethod: '--auth-method',
	scheme: '--scheme',
	algorithm: '--algorithm',
	signatureHeader: '--signature-header',
	timestampHeader: '--timestamp-header',
	payloadFormat: '--payload-format',
};

const customOnly: ReadonlyArray<keyof CredentialEdit> = [
	'algorithm',
	'signatureHeader',
	'timestampHeader',
	'payloadFormat',
];

function checkFields(credential: Credential, edit: CredentialEdit): void {
	const {type} = credential.settings;
	for (const [other, fields] of Object.entries(fieldsOf)) {
		const given = fields.find((field) => other !== type && edit[field] !== undefined);
		if (given) {
			throw new UserError(
				`${flagOf[given]} is for ${other} credentials; ${credential.name} is ${type}`,
				{field: given},
			);
		}
	}

	const scheme = edit.scheme ?? (credential.settings.type === 'hmac' && credential.settings.scheme);
	const fixed = customOnly.find((field) => edit[field] !== undefined);
	if (type === 'hmac' && fixed && scheme && scheme !== 'custom') {
		throw new UserError(
			`the ${scheme} scheme fixes ${flagOf[fixed]}; add --scheme custom to set it yourself`,
			{field: fixed},
		);
	}
}

/** The credential's current settings as an input, with the edit laid over them. */
function inputOf(credential: Credential, edit: CredentialEdit): CredentialInput {
	const {settings} = credential;
	const base: CredentialInput = {
		accountId: credential.accountId,
		name: credential.name,
		type: settings.type,
		secret: '',
		...(settings.type === 'bearer'
			? {headerName: settings.headerName, bearerPrefix: settings.bearerPrefix}
			: {}),
		...(settings.type === 'oauth2'
			? {
					tokenUrl: settings.tokenUrl,
					clientId: settings.clientId,
					scope: settings.scope,
					authMethod: settings.authMethod,
				}
			: {}),
		...(settings.type === 'hmac'
			? {
					scheme: settings.scheme,
					algorithm: settings.algorithm,
					signatureHeader: settings.signatureHeader,
					timestampHeader: settings.timestampHeader,
					payloadFormat: settings.payloadFormat,
				}
			: {}),
	};
	const given = Object.fromEntries(Object.entries(edit).filter(([, value]) => value !== undefined));
	return {...base, ...given};
}

/** Changes a credential's settings, name or uses; the secret is not touched. */
export async function editCredential(
	context: Context,
	credential: Credential,
	edit: CredentialEdit,
): Promise<Credential> {
	checkFields(credential, edit);
	const {vault} = context.store.getState();
	const changes: {name?: string; settings?: CredentialSettings; usedBy?: string[]} = {};
	if (edit.name !== undefined) {
		const name = checkText(edit.name, 'credential name', 'name');
		const taken = credentialsOf(vault, credential.accountId).some(
			(other) => other.id !== credential.id && other.name === name,
		);
		if (taken) {
			throw new UserError(`this account already has a credential named "${name}"`, {
				field: 'name',
			});
		}

		changes.name = name;
	}

	if (fieldsOf[credential.settings.type].some((field) => edit[field] !== undefined)) {
		changes.settings = settingsOf(inputOf(credential, edit));
	}

	if (edit.usedBy !== undefined) {
		changes.usedBy = edit.usedBy.map((reference) =>
			checkText(reference, 'used-by reference', 'usedBy'),
		);
	}

	if (Object.keys(changes).length === 0) {
		throw new UserError('nothing to change: give a setting to edit, e.g. --name or --used-by');
	}

	await context.store.dispatch({type: 'credential-edited', credentialId: credential.id, changes});
	return {...credential, ...changes};
}

/** The grace period `credential rotate` keeps the previous secret for. @default 24 h */
export const defaultKeepPrevious = 24 * 3600;

/**
 * Replaces a credential's secret. The previous one keeps verifying for `keepSeconds` (0: not at
 * all); a token fetched with it is dropped.
 */
export async function rotateCredential(
	context: Context,
	credential: Credential,
	newSecret: string,
	keepSeconds = defaultKeepPrevious,
	now = Date.now(),
): Promise<{until?: string}> {
	const value = checkSecret(newSecret, 'new secret', 'secret', {
		spaces: credential.settings.type === 'hmac',
	});
	const current = await readSecretEntry<CredentialSecret>(
		context,
		credentialKey(credential.id),
		`the stored secret of credential ${credential.id} is damaged`,
	);
	if (current?.value === value) {
		throw new UserError('the new secret is the one already in use', {field: 'secret'});
	}

	const until = new Date(now + keepSeconds * 1000).toISOString();
	const keep = current?.value !== undefined && keepSeconds > 0;
	const secret: CredentialSecret = keep
		? {value, previous: {value: current.value, until}}
		: {value};
	await context.store.dispatch({
		type: 'credential-rotated',
		credentialId: credential.id,
		secret,
		secretHint: maskSecret(value),
	});
	return keep ? {until} : {};
}
