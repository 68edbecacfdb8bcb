import {UserError} from '../lib/errors.js';
import type {BrokeredKeytar, Keytar} from './keychain-broker.js';
import {keyringLocked, lockedMessage} from './keyring-lock.js';
import type {SecretStore} from './secrets.js';

/** The service name under which every authdeck secret is stored in the OS keychain. */
export const keychainService = 'authdeck';

/** Every keychain call is bounded: a hung D-Bus must never hang authdeck. */
export const keychainTimeout = 3000;

/** The exit code of a command that failed because the keychain did not answer, is locked or cannot load. */
export const keychainExitCode = 3;

/** The keychain could not be used: exits with {@link keychainExitCode}. */
export class KeychainError extends UserError {
	override name = 'KeychainError';

	constructor(message: string) {
		super(message, {exitCode: keychainExitCode});
	}
}

export type KeytarLoad =
	| {readonly keytar: BrokeredKeytar}
	| {readonly keytar?: undefined; readonly reason: string};

let loading: Promise<KeytarLoad> | undefined;

/**
 * Ends the process with `code`. Keychain calls run in a child process (./keychain-broker.ts), so
 * nothing of keytar's holds this one: it ends at once with its own exit code, even after a keychain
 * call that never answered.
 */
export function exitProcess(code: number): never {
	process.exit(code);
}

/**
 * keytar is an optional native dependency: started on first use in its child process, with why it
 * cannot be used when it is missing or fails to load. The broker (node:child_process, node:readline)
 * is imported here, on first use, so that a command on file storage never loads it; in a bundle the
 * import is a function of the bundle, not a file.
 */
export function loadKeytar(): Promise<KeytarLoad> {
	loading ??= (async () => {
		const {brokeredKeytar, resolveKeytar} = await import('./keychain-broker.js');
		const found = resolveKeytar();
		if ('reason' in found) {
			return {reason: `keytar is not installed (${found.reason})`};
		}

		const keytar = brokeredKeytar(found.path);
		try {
			await keytar.ready();
			return {keytar};
		} catch (error) {
			keytar.abandon();
			return {reason: `keytar failed to load (${(error as Error).message.split('\n')[0]})`};
		}
	})();
	return loading;
}

/**
 * keytar for a store opened on the keychain: a read asks the Secret Service directly over the
 * session bus (./secret-service.ts), in this process, and keytar's helper process is started only
 * for a write, a delete, or a read the direct client cannot make (no bus address, another platform,
 * an answer it does not understand). A read then costs the keychain's own time instead of a second
 * Node start. Bounded as every call is, by keychainStore's timeout: `abandon` closes the socket.
 */
export function keychainKeytar(env: NodeJS.ProcessEnv): BrokeredKeytar {
	let broker: BrokeredKeytar | undefined;
	// Every read's open connection: a call abandoned at its timeout closes them all.
	const buses = new Set<{close(): void}>();
	// Counts the calls abandoned at their timeout: a read cut short must not go on to start the helper
	// (which would hold the process), while a later call may still use it.
	let abandons = 0;
	const helper = async () => {
		const loaded = await loadKeytar();
		if (!loaded.keytar) {
			throw new KeychainError(
				`keychain unavailable: ${loaded.reason}; to use the file instead run: authdeck config set storage file`,
			);
		}

		broker = loaded.keytar;
		return broker;
	};

	return {
		ready: async () => {
			await helper();
		},
		async getPassword(service, account) {
			const started = abandons;
			const {readSecretDirect} = await import('./secret-service.js');
			let opened: {close(): void} | undefined;
			const read = await readSecretDirect(service, account, env, (bus) => {
				opened = bus;
				buses.add(bus);
			}).finally(() => {
				if (opened) buses.delete(opened);
			});
			if (read.kind === 'found') return read.value;
			// As keytar answers: nothing there (a locked keyring is told apart by keychainStore).
			if (read.kind === 'absent' || read.kind === 'locked') return null;
			if (abandons !== started)
				throw new KeychainError('keychain unavailable: the read was abandoned');
			return (await helper()).getPassword(service, account);
		},
		async setPassword(service, account, password) {
			await (await helper()).setPassword(service, account, password);
		},
		async deletePassword(service, account) {
			return (await helper()).deletePassword(service, account);
		},
		abandon() {
			abandons++;
			for (const bus of buses) bus.close();
			buses.clear();
			broker?.abandon();
		},
	};
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
				reject(
					new KeychainError(`keychain unavailable: ${what} did not answer within ${ms / 1000} s`),
				),
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

	const reason = (error as Error).message.split('\n')[0] ?? '';
	// gnome-keyring refuses a write to a locked collection with this; lookups and deletes say nothing.
	if (/\blocked\b/i.test(reason)) {
		return new KeychainError(lockedMessage);
	}

	return new KeychainError(`keychain unavailable: ${what} failed (${reason})`);
}

/**
 * Secrets in the OS keychain through keytar (libsecret on Linux). Never calls keytar's
 * `findCredentials`: it crashes the process on a locked Linux keyring, and the metadata already
 * knows every id.
 */
export function keychainStore(keytar: Keytar, timeout = keychainTimeout): SecretStore {
	const call = async <T>(what: string, run: () => Promise<T>) => {
		try {
			return await withTimeout(run(), what, timeout);
		} catch (error) {
			// A call that did not answer holds the helper process: end it, the next call starts another.
			if (error instanceof KeychainError && /did not answer/.test(error.message)) {
				(keytar as Partial<BrokeredKeytar>).abandon?.();
			}

			throw explain(error, what);
		}
	};

	/** A locked collection answers "nothing there" to lookups and deletes: say it is locked instead. */
	const unlessLocked = async () => {
		if ((await keyringLocked(timeout)) === true) {
			throw new KeychainError(lockedMessage);
		}
	};

	return {
		kind: 'keychain',
		async get(key) {
			const value = await call('reading a secret', () => keytar.getPassword(keychainService, key));
			if (value === null) {
				await unlessLocked();
				return undefined;
			}

			return value;
		},
		async set(key, value) {
			await call('saving a secret', () => keytar.setPassword(keychainService, key, value));
		},
		async delete(key) {
			const deleted = await call('deleting a secret', () =>
				keytar.deletePassword(keychainService, key),
			);
			if (!deleted) {
				await unlessLocked();
			}

			return deleted;
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
