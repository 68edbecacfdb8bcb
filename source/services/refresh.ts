import path from 'node:path';
import * as client from 'openid-client';
import {nextSecret, profileOf, tokenChanges} from '../auth/claims.js';
import {OfflineError, requestOptions} from '../auth/http.js';
import {connectProvider, explainOAuthError, oauthErrorCode, withoutSecrets} from '../auth/oidc.js';
import {findProvider} from '../auth/providers.js';
import {fetchServiceToken, keyOfSecret, secretOfKey} from '../auth/service-account.js';
import type {Account, AccountSecret} from '../domain.js';
import {formatRelative} from '../lib/duration.js';
import {UserError} from '../lib/errors.js';
import type {Context} from '../store/context.js';
import {findAccount} from '../store/selectors.js';
import {withLock} from '../vault/lock.js';
import {readAccountSecret} from '../vault/read-secret.js';
import {needsRefresh, type RefreshOptions, signInHint} from './refresh-due.js';

/** For callers that load this module only to refresh (fresh-token.ts): what an unreachable server throws. */
export {OfflineError};

const sameTokens = (a: AccountSecret | undefined, b: AccountSecret | undefined) =>
	a?.accessToken === b?.accessToken && a?.refreshToken === b?.refreshToken;

/** Reads the vault as saved (another process may have refreshed) and returns the account in it. */
async function reloadAccount(context: Context, accountId: string): Promise<Account> {
	const vault = context.metadata.read();
	await context.store.dispatch({type: 'vault-loaded', vault});
	const account = findAccount(vault, accountId);
	if (!account) {
		throw new UserError('the account was removed by another process');
	}

	return account;
}

async function exchange(
	context: Context,
	account: Account,
	secret: AccountSecret | undefined,
	options: RefreshOptions,
): Promise<{
	tokens: client.TokenEndpointResponse;
	claims?: Record<string, unknown>;
	extra?: Partial<AccountSecret>;
}> {
	if (account.method === 'service-account') {
		const key = keyOfSecret(secret);
		if (!key) {
			throw new UserError(
				`no service-account key is stored for "${account.alias}"; run: ${signInHint(account)}`,
			);
		}

		const {tokens, authMethod} = await fetchServiceToken(key, {
			...requestOptions({...context, account}),
			...options.fetch,
		});
		return {tokens, extra: secretOfKey({...key, authMethod})};
	}

	if (!secret?.refreshToken) {
		throw new UserError(
			`"${account.alias}" has no refresh token; sign in again: ${signInHint(account)}`,
		);
	}

	const provider = findProvider(context.store.getState().vault, account.providerId);
	if (!provider) {
		throw new UserError(`the provider "${account.providerId}" of "${account.alias}" is gone`);
	}

	const config = await connectProvider(provider, {
		...requestOptions({...context, account}),
		...options.fetch,
	});
	try {
		const tokens = await client.refreshTokenGrant(config, secret.refreshToken);
		return {tokens, claims: tokens.claims() as Record<string, unknown> | undefined};
	} catch (error) {
		if (oauthErrorCode(error) === 'invalid_grant') {
			// Only this account is marked; its tokens stay until the user signs in again or logs out.
			await context.store.dispatch({type: 'sign-in-required', accountId: account.id});
			throw new UserError(
				`the sign-in of "${account.alias}" has expired or was revoked; sign in again: ${signInHint(account)}`,
			);
		}

		throw withoutSecrets(explainOAuthError(error, `refreshing "${account.alias}"`), [
			secret.refreshToken,
			secret.accessToken,
		]);
	}
}

/**
 * Gets a new access token for an account and saves it. Serialised across processes by a lock per
 * account: inside it the secret is read again, and when another process refreshed meanwhile its
 * token is used, so a rotating refresh token is spent exactly once. The new tokens are saved before
 * anything uses them.
 */
export async function refreshAccount(
	context: Context,
	accountId: string,
	options: RefreshOptions = {},
): Promise<Account> {
	const before = findAccount(context.store.getState().vault, accountId);
	if (!before) {
		throw new UserError(`no account with id ${accountId}`);
	}

	if (before.method === 'api-key') {
		throw new UserError(`"${before.alias}" uses an API key: API keys do not expire or refresh`);
	}

	const requestedAt = options.requestedAt ?? Date.now();
	const snapshot = await readAccountSecret(context, accountId);
	const force = options.force ?? true;
	return withLock(path.join(context.paths.locks, `refresh-${accountId}`), async () => {
		const account = await reloadAccount(context, accountId);
		const current = await readAccountSecret(context, accountId);
		const window = context.store.getState().vault.settings.refreshWindow;
		const obtainedSince = Date.parse(current?.obtainedAt ?? '') >= requestedAt;
		if (
			!sameTokens(snapshot, current) ||
			obtainedSince ||
			(!force && !needsRefresh(account, window))
		) {
			// Another process refreshed while we waited for the lock: its tokens are good.
			return account;
		}

		const {tokens, claims, extra} = await exchange(context, account, current, options);
		const secret = {...nextSecret(current, tokens), ...extra};
		const profile = claims ? profileOf(claims, undefined) : undefined;
		await context.store.dispatch({
			type: 'tokens-updated',
			accountId,
			changes: {
				...tokenChanges(tokens, Date.now(), account.scopes),
				refreshable: account.method === 'service-account' || secret.refreshToken !== undefined,
				...(profile?.email ? {email: profile.email} : {}),
				...(profile?.name ? {name: profile.name} : {}),
				...(profile && profile.organizations.length > 0
					? {organizations: profile.organizations}
					: {}),
			},
			secret,
		});
		return findAccount(context.store.getState().vault, accountId) ?? account;
	});
}

export type RefreshResult = {
	alias: string;
	id: string;
	ok: boolean;
	tokenExpiresAt: string | null;
	error?: string;
};

/**
 * Accounts `refresh --all` refreshes at the same time: enough that a few hung providers cost one
 * deadline rather than one each, few enough not to open a burst of connections to one provider.
 */
export const refreshConcurrency = 4;

/**
 * `authdeck refresh --all`: every refreshable account, up to `refreshConcurrency` at once, one
 * failure never stopping the others. Each account still refreshes under its own lock, so a rotating
 * refresh token is spent once however many processes run; the results keep the vault's order.
 */
export async function refreshAll(
	context: Context,
	options: RefreshOptions = {},
): Promise<RefreshResult[]> {
	const accounts = context.store
		.getState()
		.vault.accounts.filter((account) => account.method !== 'api-key');
	const results: RefreshResult[] = new Array(accounts.length);
	const refreshOne = async (index: number) => {
		const account = accounts[index] as Account;
		try {
			const refreshed = await refreshAccount(context, account.id, options);
			results[index] = {
				alias: refreshed.alias,
				id: refreshed.id,
				ok: true,
				tokenExpiresAt: refreshed.tokenExpiresAt ?? null,
			};
		} catch (error) {
			results[index] = {
				alias: account.alias,
				id: account.id,
				ok: false,
				tokenExpiresAt: account.tokenExpiresAt ?? null,
				error: (error as Error).message,
			};
		}
	};

	let next = 0;
	const worker = async () => {
		while (next < accounts.length) {
			await refreshOne(next++);
		}
	};

	await Promise.all(Array.from({length: Math.min(refreshConcurrency, accounts.length)}, worker));
	return results;
}

/** One line per result, for the human form of `refresh`. */
export function formatRefresh(results: readonly RefreshResult[], now = Date.now()): string {
	if (results.length === 0) {
		return 'No accounts to refresh (API keys do not expire).\n';
	}

	return `${results
		.map((result) =>
			result.ok
				? `✓ ${result.alias}: token ${formatRelative(result.tokenExpiresAt ?? undefined, now)}`
				: `✗ ${result.alias}: ${result.error}`,
		)
		.join('\n')}\n`;
}
