import type * as client from 'openid-client';
import {nextSecret, type Profile, tokenChanges} from '../auth/claims.js';
import type {FetchOptions} from '../auth/http.js';
import type {Account, AccountSecret, Method, Provider} from '../domain.js';
import {checkAlias} from '../lib/alias.js';
import {UserError} from '../lib/errors.js';
import {randomId} from '../lib/ids.js';
import {checkEnvironment, checkUrl} from '../lib/validate.js';
import type {Context} from '../store/context.js';
import {savedAccount} from './saved-account.js';

/** What every sign-in takes besides the provider. */
export type SignInInput = {
	/** The provider id (`authdeck provider add`). */
	readonly provider: string;
	readonly alias?: string;
	/** @default 'production' */
	readonly environment?: string;
	readonly baseUrl?: string;
	/** Lines for the user: the URL, the device code. Never a token. */
	readonly say: (line: string) => void;
	/** Cancels a wait for the browser or the device approval (the deck's esc). */
	readonly signal?: AbortSignal;
	readonly fetch?: FetchOptions;
	/** The profile in which the account becomes the active one (`--profile`); absent: the one in use. */
	readonly profile?: string;
};

/** Refuses an invalid alias before any network request. */
export function checkInput(input: SignInInput): void {
	if (input.alias !== undefined) {
		const problem = checkAlias(input.alias);
		if (problem) {
			throw new UserError(problem, {field: 'alias'});
		}
	}
}

/**
 * The account a sign-in is for, before it exists: the one its alias names, else the environment it
 * will have (production unless given). The network layer refuses insecure-skip-verify for a
 * guarded one before anything is sent.
 */
export function signInTarget(
	context: Context,
	input: Pick<SignInInput, 'alias' | 'environment'>,
): Pick<Account, 'alias' | 'environment' | 'protected'> {
	const existing = input.alias
		? context.store.getState().vault.accounts.find((account) => account.alias === input.alias)
		: undefined;
	return (
		existing ?? {
			alias: input.alias ?? '',
			environment: checkEnvironment(input.environment ?? 'production'),
		}
	);
}

/** Builds the account for a token response and saves it with its tokens, through the store. */
export async function saveSignIn(
	context: Context,
	input: SignInInput,
	provider: Provider,
	method: Method,
	tokens: client.TokenEndpointResponse,
	profile: Profile,
	extra: Partial<AccountSecret> = {},
): Promise<Account> {
	const at = new Date().toISOString();
	const secret: AccountSecret = {...nextSecret(undefined, tokens), ...extra};
	const changes = tokenChanges(tokens, Date.now(), provider.scopes ?? []);
	const account: Account = {
		id: randomId(),
		alias: input.alias ?? profile.email?.split('@')[0] ?? profile.name ?? provider.id,
		providerId: provider.id,
		email: profile.email,
		name: profile.name,
		subject: profile.subject,
		organizations: profile.organizations,
		activeOrgId: profile.activeOrgId,
		environment: checkEnvironment(input.environment ?? 'production'),
		baseUrl: input.baseUrl ? checkUrl(input.baseUrl, 'base URL', 'baseUrl') : provider.baseUrl,
		method,
		...changes,
		refreshable: method === 'service-account' || Boolean(secret.refreshToken),
		createdAt: at,
		lastUsedAt: at,
	};
	await context.store.dispatch({
		type: 'account-saved',
		account,
		aliasGiven: input.alias !== undefined,
		// A re-login keeps the environment and base URL the account has unless new ones are given.
		defaults: [
			...(input.environment === undefined ? (['environment'] as const) : []),
			...(input.baseUrl === undefined ? (['baseUrl'] as const) : []),
		],
		secret,
		at,
		profile: input.profile,
	});
	return savedAccount(context, input.profile);
}
