import type {Account} from '../domain.js';
import type {Context} from '../store/context.js';

/**
 * Records that authdeck handed the account's key out (`token --show`, `env --show`, `exec`, a call
 * to the provider), for `status`'s "last used", the API key guide's "monitor usage". A failure to
 * record it is a warning: the key was handed out all the same.
 */
export async function recordUse(
	context: Context,
	account: Account,
	at = new Date(),
): Promise<void> {
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
