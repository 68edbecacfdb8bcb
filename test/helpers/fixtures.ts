/**
 * Every fixture of the tests in one place: states for the deck's component tests (no disk, no
 * secrets, times relative to now), sample logins, planted keys, multibyte strings, JWT-like tokens.
 */
import crypto from 'node:crypto';
import type {Account, Credential, Vault} from '../../source/domain.js';
import {defaultSettings, emptyVault} from '../../source/domain.js';
import type {State} from '../../source/store/state.js';
import {initialUi} from '../../source/store/state.js';

const minute = 60_000;
const day = 24 * 60 * minute;

export function isoIn(ms: number): string {
	return new Date(Date.now() + ms).toISOString();
}

function account(fields: Partial<Account> & Pick<Account, 'id' | 'alias' | 'providerId'>): Account {
	return {
		organizations: [],
		environment: 'production',
		method: 'api-key',
		scopes: [],
		refreshable: false,
		createdAt: isoIn(-day),
		...fields,
	};
}

export const fixtureAccounts: readonly Account[] = [
	account({
		id: 'acctprod01',
		alias: 'prod',
		providerId: 'vapi',
		email: 'john@company.com',
		organizations: [
			{id: 'org_abc123', name: 'Acme Corp', plan: 'enterprise'},
			{id: 'org_abc124', name: 'Acme Labs'},
		],
		activeOrgId: 'org_abc123',
		secretHint: 'sk-prod_****wxyz',
		keyCreatedAt: isoIn(-97 * day),
	}),
	account({
		id: 'acctclienta',
		alias: 'client-a',
		providerId: 'vapi',
		email: 'jane@agency.com',
		environment: 'staging',
		method: 'browser',
		refreshable: true,
		tokenExpiresAt: isoIn(42 * minute + 30_000),
	}),
	account({
		id: 'accthpcmain',
		alias: 'hpc-main',
		providerId: 'vantage',
		email: 'ops@acme.com',
		method: 'device',
		refreshable: true,
		tokenExpiresAt: isoIn(-3 * 60 * minute - 10_000),
	}),
	account({
		id: 'acctsoon01',
		alias: 'soon',
		providerId: 'vantage',
		email: 'soon@acme.com',
		method: 'browser',
		refreshable: true,
		tokenExpiresAt: isoIn(2 * minute + 30_000),
	}),
	account({
		id: 'acctgpu001',
		alias: 'gpu',
		providerId: 'vast',
		email: 'john@company.com',
		keyCreatedAt: isoIn(-12 * day),
		needsSignIn: false,
	}),
];

export const fixtureCredentials: readonly Credential[] = [
	{
		id: 'cred_aaaaaa1',
		name: 'Production API Auth',
		accountId: 'acctprod01',
		settings: {type: 'bearer', headerName: 'Authorization', bearerPrefix: true},
		usedBy: ['asst_123', 'asst_456'],
		secretHint: '****wxyz',
		createdAt: isoIn(-day),
	},
	{
		id: 'cred_aaaaaa2',
		name: 'Webhook signing',
		accountId: 'acctprod01',
		settings: {
			type: 'hmac',
			algorithm: 'sha256',
			signatureHeader: 'x-signature',
			payloadFormat: '{body}',
		},
		usedBy: [],
		secretHint: '****9f3a',
		createdAt: isoIn(-day),
	},
	{
		id: 'cred_aaaaaa3',
		name: 'Staging OAuth',
		accountId: 'acctclienta',
		settings: {type: 'oauth2', tokenUrl: 'https://auth.test/token', clientId: 'cid'},
		usedBy: [],
		createdAt: isoIn(-day),
	},
];

export function fixtureVault(overrides: Partial<Vault> = {}): Vault {
	return {
		...emptyVault,
		accounts: fixtureAccounts,
		credentials: fixtureCredentials,
		active: {vapi: 'acctprod01', vantage: 'accthpcmain', vast: 'acctgpu001'},
		current: 'acctprod01',
		previous: 'acctgpu001',
		settings: defaultSettings,
		...overrides,
	};
}

export function fixtureState(overrides: Partial<State['ui']> = {}, vault = fixtureVault()): State {
	return {
		vault,
		ui: {...initialUi, selectedAccountId: vault.current, ...overrides},
		storage: 'keychain',
	};
}

/** The fields that tell synthetic account `index` apart: id, alias and email. */
export function syntheticAccount(index: number): Pick<Account, 'id' | 'alias' | 'email'> {
	return {
		id: `acct${String(index).padStart(8, '0')}`,
		alias: `user-${String(index).padStart(5, '0')}`,
		email: `user${index}@example.com`,
	};
}

/** `count` API-key accounts, for the virtualisation tests. */
export function manyAccounts(count: number): Account[] {
	return Array.from({length: count}, (_, index) =>
		account({...syntheticAccount(index), providerId: 'vapi'}),
	);
}

/** Every secret a test plants, so that no two tests can mistake each other's keys. */
export function plantedKey(prefix = 'sk-prod_'): string {
	return `${prefix}${crypto.randomBytes(18).toString('hex')}`;
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

/** A JWT-shaped token of about `bytes` bytes: base64url header, payload and signature. */
export function jwtLike(bytes: number, seed = 'x'): string {
	const b64 = (value: string) => Buffer.from(value).toString('base64url');
	const header = b64(JSON.stringify({alg: 'RS256', typ: 'JWT', kid: seed}));
	let claims = '';
	let n = 0;
	while (claims.length < bytes * 0.7) {
		claims += `"claim${n}":"${seed}-${n}-ünïcödé",`;
		n++;
	}

	const payload = b64(`{${claims}"sub":"${seed}"}`);
	const signature = b64('s'.repeat(256));
	return `${header}.${payload}.${signature}`;
}

/** About 1 KB of text with 2-, 3- and 4-byte UTF-8 characters and a combining sequence. */
export const multibyte = 'é ü ß Ω ключ 鍵 🔑 👩‍💻 e\u0301 ٱلسَّلَامُ '.repeat(20);

/** A key that `login --with-token` accepts (one line, no spaces or format characters) with 2-, 3- and 4-byte characters. */
export const multibyteKey = `sk-ünï_${'ключ鍵🔑é'.repeat(40)}_end`;

/** The API key save-worker.ts saves for account `index` of `prefix`. */
export function secretFor(prefix: string, index: number): string {
	return `sk-test_${prefix}${index}_${'k'.repeat(40)}`;
}

/** The account id save-worker.ts uses for account `index` of `prefix` (ids are `[a-z0-9]{6,64}`). */
export function idFor(prefix: string, index: number): string {
	return `${prefix}x${String(index).padStart(6, '0')}`;
}
