import {findProvider} from '../auth/providers.js';
import type {Account, Organization} from '../domain.js';
import {checkAlias, slugify} from '../lib/alias.js';
import {UserError} from '../lib/errors.js';
import {randomId} from '../lib/ids.js';
import {maskSecret} from '../lib/mask.js';
import {checkEmail, checkEnvironment, checkSecret, checkText, checkUrl} from '../lib/validate.js';
import type {Context} from '../store/context.js';
import {savedAccount} from './saved-account.js';

/** What `login --with-token` and the deck's API-key method take. */
export type KeyLoginInput = {
	readonly provider: string;
	/** The API key itself; read from stdin by the CLI, never from argv. */
	readonly apiKey: string;
	readonly alias?: string;
	readonly email?: string;
	readonly name?: string;
	readonly orgName?: string;
	readonly orgId?: string;
	/** @default 'production' */
	readonly environment?: string;
	readonly baseUrl?: string;
	/** The profile in which the account becomes the active one (`--profile`); absent: the one in use. */
	readonly profile?: string;
};

/** Validates the input; throws a UserError naming the first problem and the input field it is about. */
function buildKeyAccount(context: Context, input: KeyLoginInput, now: Date) {
	const {vault} = context.store.getState();
	const provider = findProvider(vault, input.provider);
	if (!provider) {
		const known = [...vault.providers.map((p) => p.id), 'api-key', 'vapi', 'vantage', 'vast'];
		throw new UserError(
			`unknown provider "${input.provider}"; known providers: ${[...new Set(known)].join(', ')}`,
			{field: 'provider'},
		);
	}

	const apiKey = checkSecret(input.apiKey, 'key', 'apiKey');
	const email = input.email ? checkEmail(input.email) : undefined;
	if (input.alias !== undefined) {
		const problem = checkAlias(input.alias);
		if (problem) {
			throw new UserError(problem, {field: 'alias'});
		}
	}

	const orgName = input.orgName
		? checkText(input.orgName, 'organization name', 'orgName')
		: undefined;
	const orgId = input.orgId ? checkText(input.orgId, 'organization id', 'orgId') : undefined;
	const organizations: Organization[] =
		orgName || orgId
			? [{id: orgId ?? slugify(orgName as string), name: orgName ?? orgId ?? ''}]
			: [];
	const at = now.toISOString();
	const account: Account = {
		id: randomId(),
		alias: input.alias ?? email?.split('@')[0] ?? orgName ?? provider.id,
		providerId: provider.id,
		email,
		name: input.name ? checkText(input.name, 'name', 'name') : undefined,
		organizations,
		activeOrgId: organizations[0]?.id,
		environment: checkEnvironment(input.environment ?? 'production'),
		baseUrl: input.baseUrl ? checkUrl(input.baseUrl, 'base URL', 'baseUrl') : provider.baseUrl,
		method: 'api-key',
		scopes: [],
		refreshable: false,
		secretHint: maskSecret(apiKey),
		createdAt: at,
		lastUsedAt: at,
		keyCreatedAt: at,
	};
	return {account, apiKey, at};
}

/**
 * Saves an API-key account: a new one, or the existing account of the same provider and email
 * (updated, not duplicated). It becomes the provider's active account and the current one.
 */
export async function loginWithKey(context: Context, input: KeyLoginInput): Promise<Account> {
	const {account, apiKey, at} = buildKeyAccount(context, input, new Date());
	await context.store.dispatch({
		type: 'account-saved',
		account,
		aliasGiven: input.alias !== undefined,
		// A new key for an existing account keeps what it already knows unless given again.
		defaults: [
			...(input.environment === undefined ? (['environment'] as const) : []),
			...(input.baseUrl === undefined ? (['baseUrl'] as const) : []),
		],
		secret: {apiKey},
		at,
		profile: input.profile,
	});
	return savedAccount(context, input.profile);
}
