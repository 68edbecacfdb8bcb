/**
 * Secrets a team shares in a password store of its own (`pass://acme-shared/hooks/prod`), read
 * through the `pass` command with PASSWORD_STORE_DIR pointed at that store, bounded like every
 * pass call. A member who is not among its recipients gets one line naming whose keys it is
 * encrypted to (the store's `.gpg-id`).
 */
import {UserError} from '../lib/errors.js';
import {explainPassFailure} from './pass.js';
import {passTimeoutFrom, runPass} from './pass-run.js';

/** A parsed `pass://STORE/path` reference. */
export type SecretRef = {readonly store: string; readonly entry: string};

/** `pass://acme-shared/hooks/prod` as its store's name and the entry in it; throws on anything else. */
export function parseSecretRef(ref: string): SecretRef {
	const match = /^pass:\/\/([a-z0-9][a-z0-9._-]{0,62})\/([A-Za-z0-9._@/-]{1,400})$/.exec(ref);
	const entry = match?.[2] ?? '';
	if (!match || entry.split('/').some((part) => part === '' || part === '.' || part === '..')) {
		throw new UserError(
			`not a shared secret reference: ${ref.slice(0, 100)} (use pass://STORE/path)`,
		);
	}

	return {store: match[1] as string, entry};
}

/** The first line of the entry, as `pass -c` takes it: the secret, by pass's own convention. */
export async function readSharedSecret(
	dir: string,
	entry: string,
	env: NodeJS.ProcessEnv,
): Promise<string> {
	const storeEnv = {...env, PASSWORD_STORE_DIR: dir};
	const result = await runPass(['show', '--', entry], {
		env: storeEnv,
		timeout: passTimeoutFrom(env),
		what: `reading ${entry} from the shared store`,
	});
	if (result.code !== 0) {
		throw explainPassFailure(result.stderr, `reading ${entry}`, entry, dir, storeEnv);
	}

	const text = result.stdout.toString('utf8');
	return text.split('\n')[0] ?? '';
}
