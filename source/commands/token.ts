import type {Context} from '../context.js';
import type {AccountSecret} from '../store/actions.js';
import {UserError} from '../vault/errors.js';
import {accountKey} from '../vault/secrets.js';

/** Reads an account's secrets from the backend; undefined when there are none. */
export async function readAccountSecret(
	context: Context,
	accountId: string,
): Promise<AccountSecret | undefined> {
	const {store} = await context.backend();
	const raw = await store.get(accountKey(accountId));
	if (raw === undefined) {
		return undefined;
	}

	try {
		return JSON.parse(raw) as AccountSecret;
	} catch {
		throw new UserError(`the stored secret of account ${accountId} is damaged; sign in again`);
	}
}

/** The secret a tool sends: the API key, else the access token. */
export function primarySecret(secret: AccountSecret | undefined): string | undefined {
	return secret?.apiKey ?? secret?.accessToken;
}
