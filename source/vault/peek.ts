// Named imports: the shell's fast path (dist/fast-path.cjs) has no shared namespaces, and for a
// default import esbuild copies the whole module there, getter by getter (~0.3 ms each).
import {type BigIntStats, closeSync, constants, fstatSync, openSync, readFileSync} from 'node:fs';
import type {Vault} from '../domain.js';
import {defaultSettings, emptyVault} from '../domain.js';
import {vaultPaths} from './paths.js';

/** The most a metadata file is read for a peek: far beyond 10,000 accounts. */
const maximumBytes = 64 * 1024 * 1024;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The vault as the metadata file holds it now, read without a lock, without conf and without the
 * schema check: for `authdeck prompt` and completion, which run on every prompt or key and must
 * never block, print an error or take a lock. Undefined for a missing, unreadable or malformed file,
 * never an exception. Opened non-blocking, so a FIFO planted at the path returns at once; only a
 * regular file is read (openPeek). Nothing read here is written back: a command that changes the vault reads
 * it through MetadataFile.
 */
export function peekVault(env: NodeJS.ProcessEnv = process.env): Vault | undefined {
	let fd: number | undefined;
	try {
		fd = openPeek(env);
		return fd === undefined ? undefined : peekedVault(readFileSync(fd, 'utf8'));
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/**
 * The metadata file opened for a peek, or undefined when there is nothing there to read: opened
 * non-blocking, so a FIFO planted at the path returns at once, and only a regular file is kept.
 * The caller closes it. `stat` gets what fstat says of it.
 */
export function openPeek(
	env: NodeJS.ProcessEnv,
	stat?: (found: BigIntStats) => void,
): number | undefined {
	const {config} = vaultPaths(env);
	const fd = openSync(config, constants.O_RDONLY | constants.O_NONBLOCK);
	try {
		const found = fstatSync(fd, {bigint: true});
		if (found.isFile() && found.size <= maximumBytes) {
			stat?.(found);
			return fd;
		}
	} catch {}

	closeSync(fd);
	return undefined;
}

/**
 * An account parsed from the file, its lists made safe to walk. Changed in place, not copied: it is
 * this parse's own object, and a copy of each of 1,000 accounts cost a completion a millisecond.
 */
function safeToWalk(account: Vault['accounts'][number]): Vault['accounts'][number] {
	const loose = account as {organizations: unknown; environment: unknown};
	if (!Array.isArray(loose.organizations)) loose.organizations = [];
	if (typeof loose.environment !== 'string') loose.environment = '';
	return account;
}

/** The vault a peeked file's text holds, the lists made safe to walk; undefined if malformed. */
export function peekedVault(text: string): Vault | undefined {
	let stored: unknown;
	try {
		stored = JSON.parse(text);
	} catch {
		return undefined;
	}

	if (!isRecord(stored) || (stored.version !== undefined && stored.version !== 1)) {
		return undefined;
	}

	const accounts = Array.isArray(stored.accounts)
		? stored.accounts.filter(
				(account): account is Vault['accounts'][number] =>
					isRecord(account) &&
					typeof account.id === 'string' &&
					typeof account.alias === 'string' &&
					typeof account.providerId === 'string',
			)
		: [];
	return {
		...emptyVault,
		...(stored as Partial<Vault>),
		accounts: accounts.map(safeToWalk),
		credentials: Array.isArray(stored.credentials) ? stored.credentials : [],
		providers: Array.isArray(stored.providers) ? stored.providers : [],
		active: isRecord(stored.active) ? (stored.active as Vault['active']) : {},
		settings: {...defaultSettings, ...(isRecord(stored.settings) ? stored.settings : {})},
		version: 1,
	};
}
