import {UserError} from './errors.js';
import type {SecretStore} from './secrets.js';

/** The service name under which every authdeck secret is stored in the OS keychain. */
export const keychainService = 'authdeck';

/** Every keychain call is bounded: a hung D-Bus must never hang authdeck. */
export const keychainTimeout = 3000;

type Keytar = {
	getPassword(service: string, account: string): Promise<string | null>;
	setPassword(service: string, account: string, password: string): Promise<void>;
	deletePassword(service: string, account: string): Promise<boolean>;
};

export type KeytarLoad =
	| {readonly keytar: Keytar}
	| {readonly keytar?: undefined; readonly reason: string};

let loading: Promise<KeytarLoad> | undefined;

// Calls made and not answered yet, including ones that timed out: see exitProcess.
let unanswered = 0;

/**
 * Ends the process with `code`. A keychain call that timed out still holds one of libuv's threads,
 * blocked in libsecret until D-Bus gives up (25 s or more), and `process.exit` joins those threads
 * before it ends the process. A run that failed with such a call outstanding ends itself with
 * SIGKILL instead (exit status 137, still a failure), after its output is written: writes to
 * files, pipes and terminals are synchronous on Linux, so nothing printed is lost. A run that
 * succeeded (the probe timed out and the file was used) keeps its exit status 0 and waits.
 */
export function exitProcess(code: number): never {
	if (unanswered > 0 && code !== 0) {
		process.kill(process.pid, 'SIGKILL');
	}

	process.exit(code);
}

/** keytar is an optional native dependency: load it on first use and say why when it is missing. */
export function loadKeytar(): Promise<KeytarLoad> {
	loading ??= import('keytar').then(
		(module) => ({keytar: ((module as {default?: Keytar}).default ?? module) as Keytar}),
		(error: unknown) => ({
			reason: `keytar is not installed or failed to load (${(error as Error).message.split('\n')[0]})`,
		}),
	);
	return loading;
}

export async function withTimeout<T>(
	promise: Promise<T>,
	what: string,
	ms = keychainTimeout,
): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() =>
				reject(new UserError(`keychain unavailable: ${what} did not answer within ${ms / 1000} s`)),
			ms,
		);
		// A hung call must not keep the process alive once everything else is done.
		timer.unref();
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

function explain(error: unknown, what: string): Error {
	if (error instanceof UserError) {
		return error;
	}

	return new UserError(
		`keychain unavailable: ${what} failed (${(error as Error).message.split('\n')[0]})`,
	);
}

/**
 * Secrets in the OS keychain through keytar (libsecret on Linux). Never calls keytar's
 * `findCredentials`: it crashes the process on a locked Linux keyring, and the metadata already
 * knows every id.
 */
export function keychainStore(keytar: Keytar, timeout = keychainTimeout): SecretStore {
	const call = async <T>(what: string, run: () => Promise<T>) => {
		unanswered++;
		const answer = run().finally(() => {
			unanswered--;
		});
		try {
			return await withTimeout(answer, what, timeout);
		} catch (error) {
			throw explain(error, what);
		}
	};

	return {
		kind: 'keychain',
		async get(key) {
			return (
				(await call('reading a secret', () => keytar.getPassword(keychainService, key))) ??
				undefined
			);
		},
		async set(key, value) {
			await call('saving a secret', () => keytar.setPassword(keychainService, key, value));
		},
		async delete(key) {
			return call('deleting a secret', () => keytar.deletePassword(keychainService, key));
		},
	};
}

/** Asks the keychain one harmless question; returns why it cannot be used, or undefined when it answers. */
export async function probeKeychain(
	timeout = keychainTimeout,
): Promise<{store: SecretStore} | {reason: string}> {
	const loaded = await loadKeytar();
	if (!loaded.keytar) {
		return {reason: loaded.reason};
	}

	const store = keychainStore(loaded.keytar, timeout);
	try {
		await store.get('probe');
		return {store};
	} catch (error) {
		return {reason: (error as Error).message};
	}
}
