/**
 * The token a command hands out (`token`, `env`, `exec`, `whoami`), refreshed first when it is due.
 * Apart from services/refresh.ts, which it loads only for a refresh: that module brings the OpenID
 * client and the network layer, ~0.5 ms of every `token` of an API key that never needs them. What
 * both need (when a token is due, how to sign in again) is services/refresh-due.ts.
 */
import type {Account} from '../domain.js';
import {UserError} from '../lib/errors.js';
import type {Context} from '../store/context.js';
import {readAccountSecret} from '../vault/read-secret.js';
import {needsRefresh, type RefreshOptions, signInHint} from './refresh-due.js';

/**
 * The account's token, refreshed first when it expires within the refresh window (automatic
 * refresh for commands that need a token). API keys are returned as they are.
 */
export async function freshToken(
	context: Context,
	account: Account,
	options: RefreshOptions = {},
): Promise<string> {
	let used = account;
	const window = context.store.getState().vault.settings.refreshWindow;
	if (account.method !== 'api-key' && (account.needsSignIn || needsRefresh(account, window))) {
		if (account.needsSignIn) {
			throw new UserError(`"${account.alias}" must sign in again: ${signInHint(account)}`);
		}

		const {OfflineError, refreshAccount} = await import('./refresh.js');
		try {
			used = await refreshAccount(context, account.id, {...options, force: false});
		} catch (error) {
			// Offline with a token that is still valid: hand it out rather than fail the command.
			if (!(error instanceof OfflineError) || needsRefresh(account, 0)) {
				throw error;
			}

			context.warn(`warning: ${error.message}; using the current token until it expires`);
		}
	}

	const secret = await readAccountSecret(context, used.id);
	const token = secret?.apiKey ?? secret?.accessToken;
	if (!token) {
		throw new UserError(
			`no secret is stored for "${used.alias}"; sign in again: ${signInHint(used)}`,
		);
	}

	return token;
}
