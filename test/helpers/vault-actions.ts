/** Accounts and vault actions for the reducer tests: fixed times, fresh ids, checked application. */
import assert from 'node:assert/strict';
import type {Account, Vault} from '../../source/domain.js';
import type {VaultAction} from '../../source/store/actions.js';
import {checkVaultAction} from '../../source/store/vault-checks.js';
import {vaultReducer} from '../../source/store/vault-reducer.js';

export const t0 = '2025-01-01T00:00:00.000Z';
export const t1 = '2025-01-02T00:00:00.000Z';
export const t2 = '2025-01-03T00:00:00.000Z';
export const t3 = '2025-01-04T00:00:00.000Z';

let counter = 0;

/** An API-key account with a fresh id; every field can be overridden. */
export function account(overrides: Partial<Account> = {}): Account {
	counter += 1;
	return {
		id: `acct${String(counter).padStart(6, '0')}`,
		alias: `account-${counter}`,
		providerId: 'vapi',
		organizations: [],
		environment: 'production',
		method: 'api-key',
		scopes: [],
		refreshable: false,
		createdAt: t0,
		...overrides,
	};
}

/** The action that saves an account, its alias given unless told otherwise. */
export function saved(
	acct: Account,
	options: {aliasGiven?: boolean; at?: string} = {},
): Extract<VaultAction, {type: 'account-saved'}> {
	return {
		type: 'account-saved',
		account: acct,
		aliasGiven: options.aliasGiven ?? true,
		secret: {apiKey: 'sk-test_secret-value-1234'},
		at: options.at ?? t1,
	};
}

/** Applies actions in order, failing the test if any of them is refused. */
export function apply(vault: Vault, ...actions: VaultAction[]): Vault {
	let next = vault;
	for (const action of actions) {
		const problem = checkVaultAction(next, action);
		assert.equal(problem, undefined, `${action.type} was refused: ${problem}`);
		next = vaultReducer(next, action);
	}

	return next;
}
