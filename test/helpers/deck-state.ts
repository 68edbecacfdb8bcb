/** Fixture states for the deck's component tests: no disk, no secrets, times relative to now. */

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

/** `count` API-key accounts, for the virtualisation tests. */
export function manyAccounts(count: number): Account[] {
	return Array.from({length: count}, (_, index) =>
		account({
			id: `acct${String(index).padStart(8, '0')}`,
			alias: `user-${String(index).padStart(5, '0')}`,
			providerId: 'vapi',
			email: `user${index}@example.com`,
		}),
	);
}
