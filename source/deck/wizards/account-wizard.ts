/**
 * The add-account wizard, as data. A sign-in method is ONE entry of `accountMethods`: its id and
 * label, the provider kinds it serves, the fields it asks for, and `run`, which the effects call
 * with the values (components never call it). A new sign-in method joins by adding an entry here.
 */
import {allProviders, findProvider} from '../../auth/providers.js';
import type {Account, ProviderKind} from '../../domain.js';
import {checkAlias} from '../../lib/alias.js';
import {UserError} from '../../lib/errors.js';
import {checkEmail, checkSecret, checkText} from '../../lib/validate.js';
import {loginWithKey} from '../../services/api-key-login.js';
import type {Context} from '../../store/context.js';
import type {SignInPrompt, State} from '../../store/state.js';
import {type Choice, type Field, optional, refuse, type Values} from './fields.js';

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
	/** The address to open and the device code, drawn whole in the wizard. */
	readonly prompt?: (prompt: SignInPrompt) => void;
	/** Aborted when the wizard is closed (esc). */
	readonly signal?: AbortSignal;
};

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
					{field: 'alias'},
				),
			);
		}

		return loginWithKey(context, {
			provider: values.provider ?? '',
			apiKey: values.apiKey ?? '',
			alias: values.alias?.trim() || undefined,
			email: values.email?.trim() || undefined,
			orgName: values.orgName?.trim() || undefined,
			// Given by a catalogue's template, not asked (bindings/catalog-keys.ts).
			orgId: values.orgId?.trim() || undefined,
			baseUrl: values.baseUrl?.trim() || undefined,
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
	baseUrl: values.baseUrl?.trim() || undefined,
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
					io?.prompt?.({url});
					io?.say('waiting for the sign-in in the browser (esc cancels)');
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
				io?.prompt?.({url: prompt.verificationUri, code: prompt.userCode});
				io?.say('waiting for approval (esc cancels)');
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

/** Asked after a non-production environment: a production account is guarded anyway. */
const protectedField: Field = {
	id: 'protected',
	label: 'Protected (guarded like production)',
	kind: 'choice',
	choices: () => [
		{label: 'no', value: 'false'},
		{label: 'yes, guard it like production', value: 'true'},
	],
};

/** The method's questions, with `protected` after the environment unless that is production. */
function withProtected(fields: readonly Field[], values: Values): readonly Field[] {
	return fields.flatMap((field) =>
		field.id === 'environment' && values.environment !== 'production'
			? [field, protectedField]
			: [field],
	);
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
	return [...head, ...withProtected(findMethod(values.method)?.fields ?? [], values)];
}
