/**
 * When an account's token is due for a refresh, and how to sign it in again: shared by the refresh
 * itself (services/refresh.ts) and the commands that hand a token out (services/fresh-token.ts),
 * which load the refresh only when a token is due.
 */
import type {FetchOptions} from '../auth/http.js';
import type {Account} from '../domain.js';

export type RefreshOptions = {
	/**
	 * Refresh even when the token is still fresh (`authdeck refresh`); otherwise only inside the
	 * refresh window (automatic refresh).
	 * @default true
	 */
	readonly force?: boolean;
	/**
	 * When the refresh was asked for (ms since the epoch): tokens another process obtained since then
	 * are used instead of refreshing again. The CLI passes its start time, so two commands started
	 * together make one refresh even if one of them starts up slowly.
	 * @default Date.now()
	 */
	readonly requestedAt?: number;
	/** Test hooks for the HTTP layer. */
	readonly fetch?: FetchOptions;
};

/** Whether the account's token expires within `windowSeconds` (or has expired). */
export function needsRefresh(account: Account, windowSeconds: number, now = Date.now()): boolean {
	if (!account.tokenExpiresAt) {
		return false;
	}

	return Date.parse(account.tokenExpiresAt) - now <= windowSeconds * 1000;
}

/** The command that signs the account in again. */
export function signInHint(account: Account): string {
	return account.method === 'service-account'
		? `authdeck login --service-account FILE --provider ${account.providerId}`
		: `authdeck login --provider ${account.providerId} --alias ${account.alias}`;
}
