/** The add-credential wizard, as data: the questions of each credential type, and the save. */

import type {Credential} from '../../domain.js';
import {checkSecret, checkSecureUrl, checkText} from '../../lib/validate.js';
import {
	addCredential,
	checkHeader,
	credentialTypes,
	hmacAlgorithms,
} from '../../services/credentials.js';
import type {Context} from '../../store/context.js';
import type {State} from '../../store/state.js';
import {type Choice, type Field, optional, refuse, type Values} from './fields.js';

const yesNo: readonly Choice[] = [
	{label: 'yes: Authorization: Bearer <token>', value: 'yes'},
	{label: 'no: the raw token (legacy, e.g. X-Vapi-Secret)', value: 'no'},
];

const typeFields: Readonly<Record<string, readonly Field[]>> = {
	bearer: [
		{
			id: 'headerName',
			label: 'Header name',
			kind: 'text',
			optional: true,
			placeholder: 'Authorization',
			check: optional(refuse(checkHeader)),
		},
		{id: 'bearerPrefix', label: 'Bearer prefix', kind: 'choice', choices: () => yesNo},
		{id: 'secret', label: 'Token', kind: 'secret', check: refuse(checkSecret)},
	],
	oauth2: [
		{
			id: 'tokenUrl',
			label: 'Token URL',
			kind: 'text',
			placeholder: 'https://...',
			check: refuse((value) => checkSecureUrl(value, 'token URL')),
		},
		{
			id: 'clientId',
			label: 'Client id',
			kind: 'text',
			check: refuse((value) => checkText(value, 'client id')),
		},
		{id: 'scope', label: 'Scope', kind: 'text', optional: true},
		{id: 'secret', label: 'Client secret', kind: 'secret', check: refuse(checkSecret)},
	],
	hmac: [
		{
			id: 'algorithm',
			label: 'Algorithm',
			kind: 'choice',
			choices: () => hmacAlgorithms.map((value) => ({label: value, value})),
		},
		{
			id: 'signatureHeader',
			label: 'Signature header',
			kind: 'text',
			optional: true,
			placeholder: 'x-signature',
			check: optional(refuse(checkHeader)),
		},
		{
			id: 'timestampHeader',
			label: 'Timestamp header',
			kind: 'text',
			optional: true,
			check: optional(refuse(checkHeader)),
		},
		{id: 'secret', label: 'Signing key', kind: 'secret', check: refuse(checkSecret)},
	],
};

const typeLabels: Readonly<Record<string, string>> = {
	bearer: 'Bearer token (header name, Bearer prefix on/off)',
	oauth2: 'OAuth 2.0 client credentials',
	hmac: 'HMAC signature (algorithm, signature header)',
};

/** The questions of the add-credential wizard so far. */
export function credentialFields(_state: State, values: Values): readonly Field[] {
	return [
		{
			id: 'type',
			label: 'Type',
			kind: 'choice',
			choices: () =>
				credentialTypes.map((type) => ({label: typeLabels[type] ?? type, value: type})),
		},
		{
			id: 'name',
			label: 'Name',
			kind: 'text',
			placeholder: 'e.g. Production API Auth',
			check: refuse((value) => checkText(value, 'name')),
		},
		...(typeFields[values.type ?? ''] ?? []),
	];
}

/** Adds the credential the wizard describes to an account. */
export function runCredential(
	context: Context,
	accountId: string,
	values: Values,
): Promise<Credential> {
	return addCredential(context, {
		accountId,
		name: values.name ?? '',
		type: values.type ?? '',
		secret: values.secret ?? '',
		headerName: values.headerName?.trim() || undefined,
		bearerPrefix: values.bearerPrefix === undefined ? undefined : values.bearerPrefix === 'yes',
		tokenUrl: values.tokenUrl?.trim() || undefined,
		clientId: values.clientId?.trim() || undefined,
		scope: values.scope?.trim() || undefined,
		algorithm: values.algorithm || undefined,
		signatureHeader: values.signatureHeader?.trim() || undefined,
		timestampHeader: values.timestampHeader?.trim() || undefined,
	});
}
