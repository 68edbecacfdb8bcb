import crypto from 'node:crypto';
import fs from 'node:fs';
import {writeFileSync} from 'atomically';
import {UserError} from './errors.js';
import {withLock} from './lock.js';
import {ensurePrivateFile, removeStaleTempFiles, type Warn} from './metadata.js';
import type {SecretStore} from './secrets.js';

type Entries = Record<string, string>;

/** `secrets.json`: plain entries, or entries sealed with a key derived from `AUTHDECK_PASSPHRASE`. */
type SecretsFile =
	| {readonly version: 1; readonly entries: Entries}
	| {
			readonly version: 1;
			readonly sealed: {
				readonly kdf: 'scrypt';
				readonly salt: string;
				readonly iv: string;
				readonly tag: string;
				readonly data: string;
			};
	  };

// scrypt cost: N=2^15, r=8 takes ~50-100 ms and 32 MiB, once per run.
const scryptOptions = {N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024};

function deriveKey(passphrase: string, salt: Buffer): Buffer {
	return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, scryptOptions);
}

/**
 * The file fallback for machines without a keychain: `secrets.json` beside the metadata, 0600,
 * written atomically under a cross-process lock. With `AUTHDECK_PASSPHRASE` set, the entries are
 * encrypted (scrypt + AES-256-GCM), so a copied file is useless without the passphrase.
 */
export function fileSecretStore(
	file: string,
	options: {passphrase?: string; warn?: Warn} = {},
): SecretStore {
	const {passphrase} = options;
	const keys = new Map<string, Buffer>();
	const keyFor = (salt: Buffer) => {
		const id = salt.toString('base64');
		let key = keys.get(id);
		if (!key) {
			key = deriveKey(passphrase as string, salt);
			keys.set(id, key);
		}

		return key;
	};

	// The salt is kept across writes so the key is derived once a run; every write has a fresh IV.
	let salt: Buffer | undefined;

	const read = (): Entries => {
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
				return {};
			}

			throw new UserError(`cannot read ${file}: ${(error as Error).message}`);
		}

		let parsed: SecretsFile;
		try {
			parsed = JSON.parse(text) as SecretsFile;
		} catch {
			throw new UserError(`${file} is not valid JSON; it was left untouched`);
		}

		if ('entries' in parsed) {
			return {...parsed.entries};
		}

		if (!('sealed' in parsed)) {
			throw new UserError(`${file} does not match the expected format; it was left untouched`);
		}

		if (!passphrase) {
			throw new UserError(`${file} is encrypted: set AUTHDECK_PASSPHRASE to read it`);
		}

		const {iv, tag, data} = parsed.sealed;
		try {
			const fileSalt = Buffer.from(parsed.sealed.salt, 'base64');
			const decipher = crypto.createDecipheriv(
				'aes-256-gcm',
				keyFor(fileSalt),
				Buffer.from(iv, 'base64'),
			);
			decipher.setAuthTag(Buffer.from(tag, 'base64'));
			const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]);
			salt = fileSalt;
			return JSON.parse(plain.toString('utf8')) as Entries;
		} catch {
			throw new UserError(`wrong AUTHDECK_PASSPHRASE: cannot decrypt ${file}`);
		}
	};

	const write = (entries: Entries) => {
		let content: SecretsFile;
		if (passphrase) {
			salt ??= crypto.randomBytes(16);
			const iv = crypto.randomBytes(12);
			const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(salt), iv);
			const data = Buffer.concat([cipher.update(JSON.stringify(entries), 'utf8'), cipher.final()]);
			content = {
				version: 1,
				sealed: {
					kdf: 'scrypt',
					salt: salt.toString('base64'),
					iv: iv.toString('base64'),
					tag: cipher.getAuthTag().toString('base64'),
					data: data.toString('base64'),
				},
			};
		} else {
			content = {version: 1, entries};
		}

		try {
			writeFileSync(file, `${JSON.stringify(content, undefined, '\t')}\n`, {mode: 0o600});
		} catch (error) {
			throw new UserError(`could not save ${file}: ${(error as Error).message}`);
		}
	};

	const change = (mutate: (entries: Entries) => boolean) =>
		withLock(file, () => {
			ensurePrivateFile(file, options.warn ?? (() => undefined));
			// A write killed midway leaves a temp copy holding every secret: never let it outlive the run.
			removeStaleTempFiles(file);
			const entries = read();
			const changed = mutate(entries);
			if (changed) {
				write(entries);
			}

			return changed;
		});

	return {
		kind: 'file',
		async get(key) {
			// Read from disk every time: another process may have rotated a token since.
			const entries = read();
			return Object.hasOwn(entries, key) ? entries[key] : undefined;
		},
		async set(key, value) {
			await change((entries) => {
				entries[key] = value;
				return true;
			});
		},
		async delete(key) {
			return change((entries) => {
				if (!Object.hasOwn(entries, key)) {
					return false;
				}

				delete entries[key];
				return true;
			});
		},
	};
}
