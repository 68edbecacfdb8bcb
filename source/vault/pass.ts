import fs from 'node:fs';
import path from 'node:path';
import {homeDirectory, nodeChildProcess} from '../lib/builtins.js';
import {UserError} from '../lib/errors.js';
import {notInstalled, PassError, passTimeoutFrom, runPass} from './pass-run.js';
import type {SecretStore} from './secrets.js';

/** The folder of the password store that holds authdeck's entries. */
export const passFolder = 'authdeck';

/** The password store's directory: `PASSWORD_STORE_DIR`, else `~/.password-store`, as `pass` reads it. */
export function passStoreDir(env: NodeJS.ProcessEnv): string {
	return env.PASSWORD_STORE_DIR || path.join(homeDirectory(env), '.password-store');
}

/** `account:<id>` is `authdeck/account/<id>` in the store; nothing else reaches a path. */
export function passEntry(key: string): string {
	const match = /^(account|credential):([\w-]{1,80})$/.exec(key);
	if (match) return `${passFolder}/${match[1]}/${match[2]}`;
	if (/^[\w-]{1,80}$/.test(key)) return `${passFolder}/${key}`;
	throw new UserError(`not a secret key: ${key}`);
}

/** The `.gpg-id` that decides an entry's recipients: the nearest one above it, as `pass` finds it. */
export function gpgIdFile(dir: string, entry: string): string | undefined {
	let current = path.dirname(path.join(dir, entry));
	for (;;) {
		const file = path.join(current, '.gpg-id');
		if (fs.existsSync(file)) return file;
		if (current === dir || path.dirname(current) === current) return undefined;
		current = path.dirname(current);
	}
}

/** The key ids in a `.gpg-id` file, one a line (comments dropped). */
export function recipients(file: string): string[] {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.map((line) => line.replace(/#.*/, '').trim())
		.filter(Boolean);
}

/**
 * The fingerprints of the secret keys in the GPG keyring that belong to `ids`; undefined when gpg
 * is not installed. Bounded like every pass call.
 */
export function ownSecretKeys(
	ids: readonly string[],
	env: NodeJS.ProcessEnv,
	timeout = passTimeoutFrom(env),
): string[] | undefined {
	if (ids.length === 0) return [];
	const listed = nodeChildProcess().spawnSync(
		'gpg',
		['--batch', '--with-colons', '--list-secret-keys', ...ids],
		{
			env,
			encoding: 'utf8',
			timeout,
			stdio: ['ignore', 'pipe', 'ignore'],
		},
	);
	if ((listed.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
	return (listed.stdout ?? '')
		.split('\n')
		.filter((line) => line.startsWith('fpr:'))
		.map((line) => line.split(':')[9] as string);
}

export function notInitialised(dir: string): PassError {
	return new PassError(
		`the password store at ${dir} is not initialised: run pass init <your-gpg-key-id> (or set PASSWORD_STORE_DIR to your store)`,
	);
}

/** The one line a failed `pass` call is turned into: what gpg said, with the store's recipients. */
export function explainPassFailure(
	stderr: string,
	what: string,
	entry: string,
	dir: string,
	env: NodeJS.ProcessEnv,
): PassError {
	const idFile = gpgIdFile(dir, entry);
	const ids = idFile ? recipients(idFile) : [];
	const whose = `${ids.join(', ') || 'nobody'} (from ${idFile ?? `${dir}/.gpg-id`})`;
	if (/You must run:\s*pass init/.test(stderr)) {
		return notInitialised(dir);
	}

	if (/decryption failed: No secret key/i.test(stderr)) {
		// gpg says "No secret key" too when it has the key but no pinentry could ask for its passphrase.
		const mine = ownSecretKeys(ids, env) ?? [];
		if (mine.length > 0) {
			return new PassError(
				`cannot decrypt ${entry}: your key ${mine[0]} is one of its recipients, but gpg could not use it (was its passphrase asked for where nobody could type it?); unlock it first: run pass show ${entry} in this terminal`,
			);
		}

		return new PassError(
			`cannot decrypt ${entry}: it is encrypted to ${whose}, and no secret key for it is in your GPG keyring (GNUPGHOME); ask a member who can read it to add your key (pass init with every member's key)`,
		);
	}

	const skipped = [...stderr.matchAll(/gpg: ([^:\n]+): skipped: No public key/g)].map((m) => m[1]);
	if (skipped.length > 0 || /encryption failed: No public key/i.test(stderr)) {
		return new PassError(
			`cannot encrypt ${entry} to ${whose}: no public key for ${skipped.join(', ') || 'them'} in your GPG keyring; import it (gpg --import) or run pass init with your own key`,
		);
	}

	const lines = stderr
		.split('\n')
		.map((text) => text.trim())
		.filter((text) => text && !/^Enter contents of/.test(text));
	// gpg's own reason, when it gave one, says more than pass's last word ("Password encryption aborted.").
	const line = lines.find((text) => text.startsWith('gpg:')) ?? lines.at(-1) ?? 'no reason given';
	return new PassError(`the password store failed while ${what} (${line})`);
}

/**
 * Secrets in the standard Unix password store, through the `pass` command: one GPG-encrypted entry
 * per key under `authdeck/`, in `PASSWORD_STORE_DIR` (else `~/.password-store`). A store kept in
 * git commits every change, as `pass` always does. Every call is bounded (pass-run.ts).
 */
export function passStore(env: NodeJS.ProcessEnv): SecretStore {
	const dir = passStoreDir(env);
	const timeout = passTimeoutFrom(env);
	const file = (entry: string) => path.join(dir, `${entry}.gpg`);
	// Checked first: `pass insert` on a store without `.gpg-id` makes folders before it refuses.
	const initialised = (entry: string) => {
		if (!gpgIdFile(dir, entry)) throw notInitialised(dir);
	};

	const call = async (args: string[], what: string, entry: string, input?: string) => {
		const result = await runPass(args, {env, input, timeout, what});
		if (result.code === 0) return result.stdout;
		// Removed by another process since it was looked for.
		if (/is not in the password store/.test(result.stderr)) return undefined;
		throw explainPassFailure(result.stderr, what, entry, dir, env);
	};

	return {
		kind: 'pass',
		async get(key) {
			const entry = passEntry(key);
			initialised(entry);
			// Not there is not an error: asked without starting gpg.
			if (!fs.existsSync(file(entry))) return undefined;
			const out = await call(['show', entry], 'reading a secret', entry);
			return out?.toString('utf8');
		},
		async set(key, value) {
			const entry = passEntry(key);
			initialised(entry);
			await call(['insert', '--multiline', '--force', entry], 'saving a secret', entry, value);
		},
		async delete(key) {
			const entry = passEntry(key);
			if (!fs.existsSync(file(entry))) return false;
			return (await call(['rm', '--force', entry], 'deleting a secret', entry)) !== undefined;
		},
	};
}

/** Whether `pass` is on PATH, asked without running it. */
export function passOnPath(env: NodeJS.ProcessEnv): boolean {
	return (env.PATH ?? '')
		.split(path.delimiter)
		.filter(Boolean)
		.some((folder) => {
			try {
				fs.accessSync(path.join(folder, 'pass'), fs.constants.X_OK);
				return true;
			} catch {
				return false;
			}
		});
}

/** Opens the pass store by name: `pass` must be on PATH and the store initialised, or it says why. */
export function openPassStore(env: NodeJS.ProcessEnv): SecretStore {
	if (!passOnPath(env)) {
		throw new PassError(notInstalled);
	}

	const dir = passStoreDir(env);
	if (!gpgIdFile(dir, passEntry('probe'))) throw notInitialised(dir);
	return passStore(env);
}
