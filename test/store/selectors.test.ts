// The selectors' caches (source/store/selectors.ts): the order kept across a switch is the order a
// fresh sort gives, and the selected account found through the place map is the one a search finds.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Account, Vault} from '../../source/domain.js';
import {placeOf, sortedAccounts} from '../../source/store/selectors.js';
import {fixtureVault, manyAccounts} from '../helpers/fixtures.js';

/** A fresh sort: the same accounts in a new list of new objects, so no cache applies. */
const freshSort = (vault: Vault) =>
	sortedAccounts({...vault, accounts: vault.accounts.map((account) => ({...account}))}).map(
		(account) => account.id,
	);

test('a switch keeps the sorted order; a change of alias or provider sorts again', () => {
	const base = fixtureVault();
	const vault: Vault = {...base, accounts: [...base.accounts, ...manyAccounts(300)].reverse()};
	const first = sortedAccounts(vault);
	const used = (index: number, change: Partial<Account>) => ({
		...vault,
		accounts: vault.accounts.map((account, at) =>
			at === index ? {...account, ...change} : account,
		),
	});

	const switched = used(7, {lastUsedAt: '2026-01-01T00:00:00.000Z', useCount: 4});
	const kept = sortedAccounts(switched);
	assert.deepEqual(
		kept.map((account) => account.id),
		first.map((account) => account.id),
	);
	assert.ok(
		kept.includes(switched.accounts[7] as Account),
		'the changed account is the new object',
	);

	sortedAccounts(vault);
	const renamed = used(7, {alias: 'aaa-first'});
	assert.deepEqual(
		sortedAccounts(renamed).map((account) => account.id),
		freshSort(renamed),
	);
});

test('an account is found at its place in a list', () => {
	const accounts = manyAccounts(50);
	for (const index of [0, 17, 49]) {
		assert.equal(placeOf(accounts, accounts[index]?.id), index);
	}

	assert.equal(placeOf(accounts, 'nobody'), -1);
	assert.equal(placeOf(accounts, undefined), -1);
});

test("accounts are in the providers' order, unknown providers last by id, each by alias", () => {
	const base = fixtureVault();
	const providers = ['vast', 'nobody-b', 'vapi', 'nobody-a', 'api-key', 'vantage'];
	const accounts = manyAccounts(60).map((account, at) => ({
		...account,
		providerId: providers[(at * 7) % providers.length] as string,
	}));
	const vault: Vault = {...base, accounts: [...base.accounts, ...accounts]};
	const known = ['api-key', 'vapi', 'vantage', 'vast', ...base.providers.map((p) => p.id)];
	const rank = (id: string) => (known.includes(id) ? known.indexOf(id) : known.length);
	const by = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	const expected = [...vault.accounts]
		.sort(
			(a, b) =>
				rank(a.providerId) - rank(b.providerId) ||
				by(a.providerId, b.providerId) ||
				by(a.alias, b.alias),
		)
		.map((account) => account.id);
	assert.deepEqual(freshSort(vault), expected);
	const ids = freshSort(vault).map((id) => vault.accounts.find((a) => a.id === id)?.providerId);
	assert.deepEqual([...new Set(ids)].slice(-2), ['nobody-a', 'nobody-b']);
});
