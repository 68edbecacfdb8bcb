/**
 * The credentials panel's edit form (`e`), as data: the settings of the credential's type, each
 * showing its current value; an empty answer (or "keep") leaves it as it is. The secret is not
 * asked: `R` rotates it.
 */
import type {Credential} from '../../domain.js';
import {type CredentialEdit, editCredential} from '../../services/credential-change.js';
import {checkHeader, hmacAlgorithms} from '../../services/credentials.js';
import type {Context} from '../../store/context.js';
import {signatureSchemes} from '../../webhooks/schemes.js';
import {type Choice, type Field, optional, refuse, type Values} from './fields.js';

const keep = 'keep';

function choiceField(id: string, label: string, current: string, values: readonly string[]): Field {
	const choices: Choice[] = [
		{label: `keep: ${current}`, value: keep},
		...values.filter((value) => value !== current).map((value) => ({label: value, value})),
	];
	return {id, label, kind: 'choice', choices: () => choices};
}

function textField(id: string, label: string, current: string | undefined, header = false): Field {
	return {
		id,
		label: `${label} (empty keeps ${current ? `"${current}"` : 'none'})`,
		kind: 'text',
		optional: true,
		placeholder: current,
		check: header ? optional(refuse(checkHeader)) : undefined,
	};
}

/** The questions of the edit form for `credential`. */
export function editFields(credential: Credential): readonly Field[] {
	const {settings} = credential;
	const typeFields: Field[] =
		settings.type === 'bearer'
			? [
					textField('headerName', 'Header name', settings.headerName, true),
					choiceField('bearerPrefix', 'Bearer prefix', settings.bearerPrefix ? 'yes' : 'no', [
						'yes',
						'no',
					]),
				]
			: settings.type === 'oauth2'
				? [
						textField('tokenUrl', 'Token URL', settings.tokenUrl),
						textField('clientId', 'Client id', settings.clientId),
						textField('scope', 'Scope', settings.scope),
						choiceField(
							'authMethod',
							'Client authentication',
							settings.authMethod ?? 'client_secret_basic',
							['client_secret_basic', 'client_secret_post'],
						),
					]
				: [
						choiceField('scheme', 'Scheme', settings.scheme ?? 'custom', signatureSchemes),
						choiceField('algorithm', 'Algorithm (custom)', settings.algorithm, hmacAlgorithms),
						textField(
							'signatureHeader',
							'Signature header (custom)',
							settings.signatureHeader,
							true,
						),
					];
	return [
		textField('name', 'Name', credential.name),
		...typeFields,
		{
			id: 'usedBy',
			label: `Used by, comma-separated (empty keeps ${credential.usedBy.length > 0 ? `"${credential.usedBy.join(', ')}"` : 'none'}; "-" clears)`,
			kind: 'text',
			optional: true,
		},
	];
}

/** The edit the form's answers describe: only what was changed. */
export function editOf(credential: Credential, values: Values): CredentialEdit {
	const text = (id: string) => values[id]?.trim() || undefined;
	const chosen = (id: string) => (values[id] && values[id] !== keep ? values[id] : undefined);
	const usedBy = text('usedBy');
	const isHmac = credential.settings.type === 'hmac';
	const algorithm = chosen('algorithm');
	const signatureHeader = text('signatureHeader');
	// A named scheme fixes the algorithm and headers: they are sent only when changed on purpose.
	const scheme =
		chosen('scheme') ?? (isHmac && (algorithm || signatureHeader) ? 'custom' : undefined);
	return {
		name: text('name'),
		headerName: text('headerName'),
		bearerPrefix:
			chosen('bearerPrefix') === undefined ? undefined : chosen('bearerPrefix') === 'yes',
		tokenUrl: text('tokenUrl'),
		clientId: text('clientId'),
		scope: text('scope'),
		authMethod: chosen('authMethod'),
		scheme,
		algorithm,
		signatureHeader,
		usedBy:
			usedBy === undefined
				? undefined
				: usedBy === '-'
					? []
					: usedBy
							.split(',')
							.map((reference) => reference.trim())
							.filter(Boolean),
	};
}

/** Saves the form's answers on the credential. */
export function runEdit(
	context: Context,
	credential: Credential,
	values: Values,
): Promise<Credential> {
	return editCredential(context, credential, editOf(credential, values));
}
