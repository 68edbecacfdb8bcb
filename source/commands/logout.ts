import {revokeTokens} from '../auth/revoke.js';
import type {Context} from '../context.js';
import type {Account} from '../store/state.js';

export type LogoutResult = {
	readonly alias: string;
	/** Warnings: the server could not be told, a secret could not be deleted. */
	readonly warnings: readonly string[];
};

/**
 * Forgets an account: its metadata, its secrets and its credentials. Signed-in accounts are revoked
 * at the provider first where the provider supports it; the local copy is forgotten in every case.
 */
export async function logoutAccount(context: Context, account: Account): Promise<LogoutResult> {
	// API keys have no revocation endpoint; signed-in accounts are revoked first (RFC 7009).
	const warnings = await revokeTokens(context, account.id);
	await context.store.dispatch({type: 'account-removed', accountId: account.id});
	return {alias: account.alias, warnings};
}
