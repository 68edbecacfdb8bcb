import path from 'node:path';
import {nodeCrypto} from '../lib/builtins.js';
import {UserError} from '../lib/errors.js';
import {ensurePrivateFile} from './file-checks.js';
import {withLock} from './lock.js';
import type {Warn} from './metadata.js';
import {readPrivateFile, removeStaleTempFiles, writePrivateFile} from './private-file.js';
import type {SecretStore} from './secrets.js';
import {
	type Entries,
	formatError,
	isEntries,
	parseJson,
	parseSecretsFile,
	type SecretsFile,
} from './secrets-format.js';

// scrypt cost: N=2^15, r=8 takes ~50-100 ms and 32 MiB, once per run.
const scryptOptions = {N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024};

function deriveKey(passphrase: string, salt: Buffer): Buffer {
	return nodeCrypto().scryptSync(passphrase.normalize('NFC'), salt, 32, scryptOptions);
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
	// The config directory: a link may point to a file inside it, never out of it.
	const dir = path.dirname(file);
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
		const text = readPrivateFile(file, dir);
		if (text === undefined) {
			return {};
		}

		const parsed = parseSecretsFile(text, file);
		if ('entries' in parsed) {
			return {...parsed.entries};
		}

		if (!passphrase) {
			throw new UserError(`${file} is encrypted: set AUTHDECK_PASSPHRASE to read it`);
		}

		const {iv, tag, data} = parsed.sealed;
		let plain: Buffer;
		const fileSalt = Buffer.from(parsed.sealed.salt, 'base64');
		try {
			const decipher = nodeCrypto().createDecipheriv(
				'aes-256-gcm',
				keyFor(fileSalt),
				Buffer.from(iv, 'base64'),
			);
			decipher.setAuthTag(Buffer.from(tag, 'base64'));
			plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]);
		} catch {
			// AES-GCM's tag check fails alike for a changed byte and for a wrong key: say both.
			throw new UserError(
				`cannot decrypt ${file}: the file was changed or AUTHDECK_PASSPHRASE is wrong`,
			);
		}

		const entries = parseJson(plain.toString('utf8'));
		if (!isEntries(entries)) {
			throw new UserError(formatError(file));
		}

		salt = fileSalt;
		return entries;
	};

	const write = (entries: Entries) => {
		let content: SecretsFile;
		if (passphrase) {
			salt ??= nodeCrypto().randomBytes(16);
			const iv = nodeCrypto().randomBytes(12);
			const cipher = nodeCrypto().createCipheriv('aes-256-gcm', keyFor(salt), iv);
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

		writePrivateFile(file, dir, `${JSON.stringify(content, undefined, '\t')}\n`);
	};

	const change = (mutate: (entries: Entries) => boolean) =>
		withLock(file, () => {
			ensurePrivateFile(file, dir, options.warn ?? (() => undefined));
			// A write killed midway leaves a temp copy holding every secret: never let it outlive the run.
			removeStaleTempFiles(file, dir);
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
