/**
 * The add-account and add-credential wizards, as data. A sign-in method is ONE entry of
 * `accountMethods`: its id and label, the provider kinds it serves, the fields it asks for, and
 * `run`, which the effects call with the values (components never call it). The browser and
 * device-code methods join by adding an entry here.
 */
import {allProviders, findProvider} from '../../auth/providers.js';
import {checkAlias} from '../../lib/alias.js';
import {UserError} from '../../lib/errors.js';
import {checkEmail, checkSecret, checkText, checkUrl} from '../../lib/validate.js';
import {loginWithKey} from '../../services/api-key-login.js';
import {
	addCredential,
	checkHeader,
	credentialTypes,
	hmacAlgorithms,
} from '../../services/credentials.js';
import type {Context} from '../../store/context.js';
import type {Account, Credential, ProviderKind, State} from '../../store/state.js';

export type Values = Readonly<Record<string, string>>;

export type Choice = {readonly label: string; readonly value: string};

/** One question of a wizard. */
export type Field = {
	/** The key of the answer in the values. */
	readonly id: string;
	readonly label: string;
	/** `choice` uses ink-select-input, `secret` a masked input, `text` a plain one. */
	readonly kind: 'text' | 'secret' | 'choice';
	/** An empty answer is allowed. */
	readonly optional?: boolean;
	readonly placeholder?: string;
	/** The choices of a `choice` field. */
	readonly choices?: (state: State, values: Values) => readonly Choice[];
	/** Why an answer is refused, or undefined. Pure: it runs as the user types enter. */
	readonly check?: (value: string, values: Values) => string | undefined;
};

/** A way to add an account. */
export type AccountMethod = {
	readonly id: string;
	readonly label: string;
	/** The kinds of provider it serves. */
	readonly kinds: readonly ProviderKind[];
	readonly fields: readonly Field[];
	/** Saves the account; throws a UserError whose message is shown inline. */
	readonly run: (context: Context, values: Values, io?: MethodIo) => Promise<Account>;
};

/** What a method that waits (browser, device code) uses to show progress and to hear esc. */
export type MethodIo = {
	/** One line shown under the spinner while the method waits. */
	readonly say: (line: string) => void;
	/** Aborted when the wizard is closed (esc). */
	readonly signal?: AbortSignal;
};

/** Turns a throwing validator into a `check`. */
const refuse =
	(validate: (value: string) => unknown) =>
	(value: string): string | undefined => {
		try {
			validate(value);
			return undefined;
		} catch (error) {
			return (error as Error).message;
		}
	};

const optional = (check: (value: string) => string | undefined) => (value: string) =>
	value.trim() === '' ? undefined : check(value);

const environments: readonly Choice[] = [
	{label: 'production', value: 'production'},
	{label: 'staging', value: 'staging'},
	{label: 'development', value: 'development'},
];

const apiKeyMethod: AccountMethod = {
	id: 'api-key',
	label: 'API key (pasted, masked)',
	kinds: ['api-key', 'oidc'],
	fields: [
		{
			id: 'alias',
			label: 'Alias',
			kind: 'text',
			optional: true,
			placeholder: 'e.g. prod (empty: from the email)',
			check: optional((value) => checkAlias(value.trim())),
		},
		{
			id: 'email',
			label: 'Email',
			kind: 'text',
			optional: true,
			check: optional(refuse(checkEmail)),
		},
		{
			id: 'orgName',
			label: 'Organization',
			kind: 'text',
			optional: true,
			check: optional(refuse((value) => checkText(value, 'organization name'))),
		},
		{
			id: 'environment',
			label: 'Environment',
			kind: 'choice',
			choices: () => environments,
		},
		{
			id: 'apiKey',
			label: 'API key',
			kind: 'secret',
			check: refuse((value) => checkSecret(value, 'key')),
		},
	],
	run(context, values) {
		const alias = values.alias?.trim();
		// `login --alias prod` replaces prod's key on purpose; a wizard named "add" must not do it silently.
		if (alias && context.store.getState().vault.accounts.some((a) => a.alias === alias)) {
			return Promise.reject(
				new UserError(
					`alias "${alias}" is already used by another account; pick another (to replace its key run authdeck login --with-token --alias ${alias})`,
				),
			);
		}

		return loginWithKey(context, {
			provider: values.provider ?? '',
			apiKey: values.apiKey ?? '',
			alias: values.alias?.trim() || undefined,
			email: values.email?.trim() || undefined,
			orgName: values.orgName?.trim() || undefined,
			environment: values.environment || undefined,
		});
	},
};

const signInFields: readonly Field[] = [
	{
		id: 'alias',
		label: 'Alias',
		kind: 'text',
		optional: true,
		placeholder: 'e.g. work (empty: from the email)',
		check: optional((value) => checkAlias(value.trim())),
	},
	{id: 'environment', label: 'Environment', kind: 'choice', choices: () => environments},
];

// The sign-in code (openid-client) loads only when a sign-in starts.
const signInInput = (values: Values, io: MethodIo | undefined) => ({
	provider: values.provider ?? '',
	alias: values.alias?.trim() || undefined,
	environment: values.environment || undefined,
	signal: io?.signal,
});

const browserMethod: AccountMethod = {
	id: 'browser',
	label: 'Sign in with the browser (PKCE)',
	kinds: ['oidc'],
	fields: signInFields,
	async run(context, values, io) {
		const {signInWithBrowser} = await import('../../services/sign-in.js');
		return signInWithBrowser(context, {
			...signInInput(values, io),
			say(line) {
				const url = /https?:\/\/\S+/.exec(line)?.[0];
				if (url) {
					io?.say(`Sign in in the browser (esc cancels). If none opened, visit: ${url}`);
				}
			},
		});
	},
};

const deviceMethod: AccountMethod = {
	id: 'device',
	label: 'Sign in with a device code (no browser here)',
	kinds: ['oidc'],
	fields: signInFields,
	async run(context, values, io) {
		const {signInWithDevice} = await import('../../services/sign-in.js');
		return signInWithDevice(context, {
			...signInInput(values, io),
			say: () => undefined,
			onPrompt(prompt) {
				io?.say(
					`Open ${prompt.verificationUri} and enter the code ${prompt.userCode}; waiting for approval (esc cancels)`,
				);
			},
		});
	},
};

/** Every way to add an account; the wizard offers those that serve the chosen provider's kind. */
export const accountMethods: readonly AccountMethod[] = [browserMethod, deviceMethod, apiKeyMethod];

export function findMethod(id: string | undefined): AccountMethod | undefined {
	return accountMethods.find((method) => method.id === id);
}

function methodsFor(state: State, providerId: string | undefined): readonly AccountMethod[] {
	const provider = providerId ? findProvider(state.vault, providerId) : undefined;
	return provider ? accountMethods.filter((method) => method.kinds.includes(provider.kind)) : [];
}

/** The questions of the add-account wizard so far: provider, method, then the method's own. */
export function accountFields(state: State, values: Values): readonly Field[] {
	const head: Field[] = [
		{
			id: 'provider',
			label: 'Provider',
			kind: 'choice',
			choices: () =>
				allProviders(state.vault).map((provider) => ({
					label: `${provider.name} (${provider.id})`,
					value: provider.id,
				})),
		},
		{
			id: 'method',
			label: 'Method',
			kind: 'choice',
			choices: () =>
				methodsFor(state, values.provider).map((method) => ({
					label: method.label,
					value: method.id,
				})),
		},
	];
	return [...head, ...(findMethod(values.method)?.fields ?? [])];
}

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
			check: refuse((value) => checkUrl(value, 'token URL')),
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
