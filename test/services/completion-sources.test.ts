// Whether a write changed any name completion offers (source/services/completion-sources.ts): when
// it did not, a writer carries the kept answers to the file it wrote, so one wrong "same" would
// offer a name that is gone. Each kind of value is changed once, and must be told.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Account, Vault} from '../../source/domain.js';
import {sameCandidates, valuesOf} from '../../source/services/completion-sources.js';
import {fixtureVault} from '../helpers/fixtures.js';

const before = fixtureVault();

/** `before` with the account at `index` replaced by `change` of it, as a reducer replaces one. */
function withAccount(index: number, change: (account: Account) => Account): Vault {
	const accounts = [...before.accounts];
	accounts[index] = change(accounts[index] as Account);
	return {...before, accounts};
}

describe('sameCandidates', () => {
	test('a switch changes no name: the active and current accounts, a use recorded', () => {
		const switched = {
			...withAccount(1, (account) => ({...account, lastUsedAt: new Date().toISOString()})),
			active: {...before.active, vapi: 'acctclienta'},
			current: 'acctclienta',
			previous: before.current,
		};
		assert.equal(sameCandidates(before, switched), true);
		// The same text in new objects, as parsed from another read: still the same.
		assert.equal(sameCandidates(before, JSON.parse(JSON.stringify(before)) as Vault), true);
	});

	const changes: Array<[string, () => Vault]> = [
		['an alias', () => withAccount(0, (a) => ({...a, alias: 'renamed'}))],
		['an email', () => withAccount(0, (a) => ({...a, email: 'new@company.com'}))],
		['an email removed', () => withAccount(0, (a) => ({...a, email: undefined}))],
		['a provider of an account', () => withAccount(0, (a) => ({...a, providerId: 'vast'}))],
		[
			"an organization's name",
			() =>
				withAccount(0, (a) => ({
					...a,
					organizations: a.organizations.map((o, i) => (i === 0 ? {...o, name: 'Acme Inc'} : o)),
				})),
		],
		[
			'an account added',
			() => ({
				...before,
				accounts: [
					...before.accounts,
					{...(before.accounts[0] as Account), id: 'acctnew', alias: 'new'},
				],
			}),
		],
		['an account removed', () => ({...before, accounts: before.accounts.slice(1)})],
		[
			'two accounts in another order',
			() => ({...before, accounts: [...before.accounts].reverse()}),
		],
		[
			"a credential's name",
			() => ({
				...before,
				credentials: before.credentials.map((c, i) => (i === 0 ? {...c, name: 'Renamed hook'} : c)),
			}),
		],
		['a profile added', () => ({...before, profiles: {staging: {}}})],
		[
			'a provider added',
			() => ({
				...before,
				providers: [{id: 'acme', name: 'Acme API', kind: 'api-key', envVars: ['ACME_API_KEY']}],
			}),
		],
	];
	for (const [what, make] of changes) {
		test(`tells ${what}`, () => {
			const after = make();
			assert.equal(sameCandidates(before, after), false);
			// The change is one completion shows: some kind's candidates differ.
			const kinds = ['accounts', 'orgs', 'profiles', 'providers', 'credentials'] as const;
			assert.ok(
				kinds.some(
					(kind) =>
						JSON.stringify(valuesOf(kind, before, '')) !==
						JSON.stringify(valuesOf(kind, after, '')),
				),
			);
		});
	}
});
