import fs from 'node:fs';
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
 * regular file is read. Nothing read here is written back: a command that changes the vault reads
 * it through MetadataFile.
 */
export function peekVault(env: NodeJS.ProcessEnv = process.env): Vault | undefined {
	let fd: number | undefined;
	try {
		const {config} = vaultPaths(env);
		fd = fs.openSync(config, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
		const stat = fs.fstatSync(fd);
		if (!stat.isFile() || stat.size > maximumBytes) return undefined;
		const stored: unknown = JSON.parse(fs.readFileSync(fd, 'utf8'));
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
			accounts: accounts.map((account) => ({
				...account,
				organizations: Array.isArray(account.organizations) ? account.organizations : [],
				environment: typeof account.environment === 'string' ? account.environment : '',
			})),
			credentials: Array.isArray(stored.credentials) ? stored.credentials : [],
			providers: Array.isArray(stored.providers) ? stored.providers : [],
			active: isRecord(stored.active) ? (stored.active as Vault['active']) : {},
			settings: {...defaultSettings, ...(isRecord(stored.settings) ? stored.settings : {})},
			version: 1,
		};
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}
