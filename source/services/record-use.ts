import type {Account} from '../domain.js';
import {parseTimestamp} from '../lib/duration.js';
import type {Context} from '../store/context.js';

/**
 * Uses closer together than this are recorded once, as relatime records reads: "last used" is
 * shown to the minute, and a script that asks for a key in a loop need not lock, write and fsync
 * the vault each time (6 ms of a `token --show`).
 */
export const useResolutionMs = 60_000;

/**
 * Records that authdeck handed the account's key out (`token --show`, `env --show`, `exec`, a call
 * to the provider), for `status`'s "last used", the API key guide's "monitor usage": unless a use
 * was recorded less than a minute before. A failure to record it is a warning: the key was handed
 * out all the same.
 */
export async function recordUse(
	context: Context,
	account: Account,
	at = new Date(),
): Promise<void> {
	const last = parseTimestamp(account.lastUsedAt);
	const since = last === undefined ? undefined : at.getTime() - last;
	// A time ahead of the clock (set on another machine) is replaced, not trusted for a minute.
	if (since !== undefined && since >= 0 && since < useResolutionMs) return;
	try {
		await context.store.dispatch({
			type: 'tokens-updated',
			accountId: account.id,
			changes: {lastUsedAt: at.toISOString()},
		});
	} catch (error) {
		context.warn(
			`warning: could not record when "${account.alias}" was used: ${(error as Error).message}`,
		);
	}
}
