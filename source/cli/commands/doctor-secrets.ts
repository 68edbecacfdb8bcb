import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import type {StorageKind, Vault} from '../../domain.js';
import {openStore, requestedStorage, secretKeys} from '../../vault/backend.js';
import {keychainTimeout, probeKeychain} from '../../vault/keychain.js';
import {MetadataFile} from '../../vault/metadata.js';
import type {VaultPaths} from '../../vault/paths.js';
import {readPending} from '../../vault/pending.js';
import {recoverPending} from '../../vault/recover.js';
import {type SecretStore, storeName} from '../../vault/secrets.js';
import {isPlainOrAbsent} from './doctor-files.js';
import type {Finding} from './doctor-finding.js';
import {checkPass} from './doctor-pass.js';

const quiet = () => undefined;

/** The keys of an unencrypted `secrets.json`; undefined when it is absent, sealed or unreadable. */
function fileKeys(paths: VaultPaths): string[] | undefined {
	if (!isPlainOrAbsent(paths.secrets) || !fs.existsSync(paths.secrets)) return undefined;
	try {
		const parsed = JSON.parse(fs.readFileSync(paths.secrets, 'utf8')) as {entries?: unknown};
		return parsed.entries && typeof parsed.entries === 'object'
			? Object.keys(parsed.entries)
			: undefined;
	} catch {
		return undefined;
	}
}

/** Whether the default keyring collection is locked, asked over D-Bus; undefined when unknown. */
function keyringLocked(env: NodeJS.ProcessEnv): boolean | undefined {
	const answer = spawnSync(
		'gdbus',
		[
			'call',
			'--session',
			'--dest',
			'org.freedesktop.secrets',
			'--object-path',
			'/org/freedesktop/secrets/aliases/default',
			'--method',
			'org.freedesktop.DBus.Properties.Get',
			'org.freedesktop.Secret.Collection',
			'Locked',
		],
		{env, encoding: 'utf8', timeout: keychainTimeout, stdio: ['ignore', 'pipe', 'ignore']},
	);
	if (answer.status !== 0) return undefined;
	return answer.stdout.includes('true')
		? true
		: answer.stdout.includes('false')
			? false
			: undefined;
}

/** The keychain: does it answer within 3 s, and is it locked. Returns the store when it answers. */
async function checkKeychain(
	storage: StorageKind | undefined,
	env: NodeJS.ProcessEnv,
): Promise<{findings: Finding[]; store?: SecretStore}> {
	const needed = storage === 'keychain';
	const locked = process.platform === 'linux' ? keyringLocked(env) : undefined;
	if (locked) {
		return {
			findings: [
				{
					check: 'keychain',
					level: needed ? 'error' : 'ok',
					message: `the keyring is locked${needed ? ': secrets cannot be read' : ` (not used: storage is the ${storeName(storage ?? 'file')})`}`,
					fix: needed
						? 'unlock it: log in to your desktop session, or open "Passwords and Keys" (seahorse) and unlock "Login"'
						: undefined,
				},
			],
		};
	}

	const probe = await probeKeychain();
	if ('store' in probe) {
		return {
			findings: [{check: 'keychain', level: 'ok', message: 'the keychain answers'}],
			store: probe.store,
		};
	}

	return {
		findings: [
			{
				check: 'keychain',
				level: needed ? 'error' : 'ok',
				message: `${probe.reason}${needed ? '' : ` (not used: storage is the ${storeName(storage ?? 'file')})`}`,
				fix: needed
					? 'start or unlock the Secret Service (gnome-keyring), or move to the file: authdeck config set storage file'
					: undefined,
			},
		],
	};
}

/**
 * Secrets nobody names, secrets in two stores, accounts without their secret, and the journal of
 * a killed save. The keychain is never listed (keytar's findCredentials crashes on a locked
 * keyring): only the keys the metadata and the journal know of are looked up there.
 */
export async function checkSecrets(
	vault: Vault,
	metadataOk: boolean,
	paths: VaultPaths,
	env: NodeJS.ProcessEnv,
): Promise<{findings: Finding[]; keychain?: SecretStore; store?: SecretStore}> {
	const storage = requestedStorage(vault, env)?.kind;
	const findings: Finding[] = [];
	const {findings: keychainFindings, store: keychain} = await checkKeychain(storage, env);
	findings.push(...keychainFindings, ...checkPass(storage, env));
	if (!metadataOk) return {findings};

	try {
		const pending = readPending(paths);
		const count = pending.writes.length + (pending.migration ? 1 : 0);
		if (count > 0) {
			findings.push({
				check: 'secrets',
				level: 'warn',
				message: `${count} interrupted save${count === 1 ? '' : 's'} or move${pending.migration ? ` (a move from the ${pending.migration.from} to the ${pending.migration.to})` : ''} left in pending.json`,
				fix: 'authdeck doctor --fix (any authdeck command also finishes it)',
				repair: async () => {
					const {done, left} = await recoverPending(new MetadataFile(paths), paths, env, quiet);
					return (
						[...done, ...left.map((line) => `not done: ${line}`)].join('\n') ||
						'nothing was left to clean'
					);
				},
			});
		}
	} catch (error) {
		findings.push({check: 'secrets', level: 'error', message: (error as Error).message});
	}

	const known = new Set(secretKeys(vault));
	const inFile = fileKeys(paths) ?? [];
	const file = () => openStore('file', paths, env, quiet);
	const orphans = inFile.filter((key) => !known.has(key));
	if (orphans.length > 0) {
		findings.push({
			check: 'secrets',
			level: 'warn',
			message: `secrets.json holds ${orphans.length} secret${orphans.length === 1 ? '' : 's'} that no account or credential names (${orphans.slice(0, 3).join(', ')})`,
			fix: 'authdeck doctor --fix',
			repair: async () => {
				const store = await file();
				for (const key of orphans) await store.delete(key);
				return `removed ${orphans.length} orphan secret${orphans.length === 1 ? '' : 's'} from secrets.json`;
			},
		});
	}

	const store =
		storage === 'keychain'
			? keychain
			: storage === 'file'
				? await file().catch(() => undefined)
				: storage === 'pass'
					? await openStore('pass', paths, env, quiet).catch(() => undefined)
					: undefined;
	// With pass, the file is where a move from or back to the fallback leaves copies. Entries of the
	// pass store that this vault does not name are never listed: a shared store holds other members'.
	const other =
		storage === 'keychain' || storage === 'pass'
			? file().catch(() => undefined)
			: Promise.resolve(keychain);
	const twice: string[] = [];
	const missing: string[] = [];
	const onlyInOther: string[] = [];
	const second = await other;
	// true / false, or undefined when the store cannot say (locked, encrypted without the passphrase).
	const holds = (s: SecretStore, key: string) =>
		s.get(key).then(
			(value) => value !== undefined,
			() => undefined,
		);
	for (const key of known) {
		const here = store ? await holds(store, key) : undefined;
		const there = second
			? second.kind === 'file'
				? inFile.includes(key)
				: await holds(second, key)
			: false;
		if (here === true && there === true) twice.push(key);
		if (here === false && there === true) onlyInOther.push(key);
		if (here === false && there === false) missing.push(key);
	}

	if (twice.length > 0 && second) {
		findings.push({
			check: 'secrets',
			level: 'warn',
			message: `${twice.length} secret${twice.length === 1 ? ' is' : 's are'} also in the ${storeName(second.kind)}, which is not in use (storage: ${storage})`,
			fix: 'authdeck doctor --fix',
			repair: async () => {
				for (const key of twice) await second.delete(key);
				return `removed ${twice.length} second cop${twice.length === 1 ? 'y' : 'ies'} from the ${storeName(second.kind)}`;
			},
		});
	}

	if (onlyInOther.length > 0 && second) {
		findings.push({
			check: 'secrets',
			level: 'error',
			message: `${onlyInOther.length} secret${onlyInOther.length === 1 ? ' is' : 's are'} only in the ${storeName(second.kind)}, not in the ${storage ? storeName(storage) : 'store'} in use (${onlyInOther.slice(0, 3).join(', ')})`,
			fix: `move them: authdeck config set storage ${second.kind}, then authdeck config set storage ${storage}`,
		});
	}

	if (missing.length > 0) {
		findings.push({
			check: 'secrets',
			level: 'error',
			message: `${missing.length} account${missing.length === 1 ? ' or credential has' : 's or credentials have'} no secret stored (${missing.slice(0, 3).join(', ')})`,
			fix: 'sign in again: authdeck login (or remove it: authdeck logout <account>)',
		});
	}

	if (findings.every((finding) => finding.check !== 'secrets')) {
		findings.push({
			check: 'secrets',
			level: 'ok',
			message: `${known.size} secret${known.size === 1 ? '' : 's'} in the ${storage ? storeName(storage) : 'store'}, none left over${storage === 'file' && !fileKeys(paths) && fs.existsSync(paths.secrets) ? ' (secrets.json is encrypted: orphans in it are not listed)' : ''}`,
		});
	}

	return {findings, keychain, store};
}
