/** Temporary vaults for the deck's tests: a directory, the env that points at it, sample accounts. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Account, Vault} from '../../source/domain.js';
import {emptyVault} from '../../source/domain.js';
import {loginWithKey} from '../../source/services/api-key-login.js';
import {type Context, type ContextOptions, openContext} from '../../source/store/context.js';

export type TempVault = {
	readonly dir: string;
	readonly env: NodeJS.ProcessEnv;
	open(options?: ContextOptions): Promise<Context>;
	/** The metadata as saved. */
	read(): Vault;
	remove(): void;
};

/** A vault whose secrets go to `storage`: the file by default, or the real keychain of the test run. */
export function tempVault(storage: 'file' | 'keychain' = 'file'): TempVault {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-deck-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		AUTHDECK_CONFIG_DIR: dir,
		AUTHDECK_STORAGE: storage,
		AUTHDECK_PASSPHRASE: '',
		HOME: dir,
		XDG_CONFIG_HOME: path.join(dir, 'xdg'),
		// The deck's compiled-code cache (source/lib/code-cache.ts) stays with the vault.
		XDG_CACHE_HOME: path.join(dir, 'cache'),
	};
	return {
		dir,
		env,
		open: (options: ContextOptions = {}) => openContext({env, warn: () => undefined, ...options}),
		read: () => JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as Vault,
		remove: () => fs.rmSync(dir, {recursive: true, force: true}),
	};
}

/** The three accounts of the end-to-end tests: two Vapi accounts and a Vast.ai one. */
export const sampleLogins = [
	{
		provider: 'vapi',
		alias: 'client-a',
		email: 'jane@agency.com',
		orgName: 'Agency Ltd',
		environment: 'staging',
		apiKey: 'sk-stg_aaaaaaaaaaaaaaaaaaaa1111',
	},
	{
		provider: 'vast',
		alias: 'gpu',
		email: 'john@company.com',
		orgName: 'Acme GPU',
		environment: 'production',
		apiKey: 'vastkey0000000000000000000gpu9',
	},
	{
		provider: 'vapi',
		alias: 'prod',
		email: 'john@company.com',
		orgName: 'Acme Corp',
		environment: 'production',
		apiKey: 'sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz',
	},
] as const;

/** Adds the sample accounts through the same code as `login --with-token`; the last one is current. */
export async function seedSample(vault: TempVault): Promise<Account[]> {
	const context = await vault.open();
	const accounts: Account[] = [];
	for (const login of sampleLogins) {
		accounts.push(await loginWithKey(context, login));
	}

	return accounts;
}

/** A vault of `count` synthetic accounts written straight to the metadata file (no secrets). */
export function writeManyAccounts(vault: TempVault, count: number): void {
	const providers = ['vapi', 'vantage', 'vast', 'api-key'];
	const at = new Date().toISOString();
	const accounts: Account[] = Array.from({length: count}, (_, index) => ({
		id: `acct${String(index).padStart(8, '0')}`,
		alias: `user-${String(index).padStart(5, '0')}`,
		providerId: providers[index % providers.length] as string,
		email: `user${index}@example.com`,
		organizations: [{id: `org_${index}`, name: `Org ${index}`}],
		activeOrgId: `org_${index}`,
		environment: index % 3 === 0 ? 'production' : 'staging',
		method: 'api-key',
		scopes: [],
		refreshable: false,
		secretHint: '****abcd',
		createdAt: at,
		keyCreatedAt: at,
	}));
	const data: Vault = {
		...emptyVault,
		accounts,
		active: {},
		current: accounts[0]?.id,
		settings: {...emptyVault.settings, storage: 'file'},
	};
	fs.writeFileSync(path.join(vault.dir, 'config.json'), JSON.stringify(data), {mode: 0o600});
}
