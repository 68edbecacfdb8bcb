import type {AccountSecret} from '../domain.js';
import {UserError} from '../lib/errors.js';
import type {SecretSource} from './backend.js';
import {accountKey} from './secrets.js';

/** Reads one JSON entry of the secret store; undefined when there is none. */
export async function readSecretEntry<T>(
	source: SecretSource,
	key: string,
	damaged: string,
): Promise<T | undefined> {
	const {store} = await source.backend();
	const raw = await store.get(key);
	if (raw === undefined) {
		return undefined;
	}

	try {
		return JSON.parse(raw) as T;
	} catch {
		throw new UserError(damaged);
	}
}

/** Reads an account's secrets from the backend; undefined when there are none. */
export async function readAccountSecret(
	source: SecretSource,
	accountId: string,
): Promise<AccountSecret | undefined> {
	return readSecretEntry<AccountSecret>(
		source,
		accountKey(accountId),
		`the stored secret of account ${accountId} is damaged; sign in again`,
	);
}

/** The secret a tool sends: the API key, else the access token. */
export function primarySecret(secret: AccountSecret | undefined): string | undefined {
	return secret?.apiKey ?? secret?.accessToken;
}
