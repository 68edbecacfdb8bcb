// The deck's watcher asks whether the file it sees changed holds the vault the deck has
// (source/deck/follow-vault.ts): sameVault must say what comparing the two vaults' whole JSON
// said before, without stringifying the list items both vaults share.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Account, Vault} from '../../source/domain.js';
import {sameVault} from '../../source/vault/same-vault.js';
import {fixtureVault} from '../helpers/fixtures.js';

const copy = (vault: Vault): Vault => JSON.parse(JSON.stringify(vault)) as Vault;
const whole = (a: Vault, b: Vault) => JSON.stringify(a) === JSON.stringify(b);

test('a vault and its copy, every object new, are the same', () => {
	const vault = fixtureVault();
	assert.equal(sameVault(vault, vault), true);
	assert.equal(sameVault(vault, copy(vault)), true);
	assert.equal(sameVault(copy(vault), vault), true);
});

test('each kind of change is seen, as comparing the whole JSON saw it', () => {
	const vault = fixtureVault();
	const [first, second] = vault.accounts as [Account, Account];
	const changes: Array<[string, Vault]> = [
		[
			'an account renamed',
			{...vault, accounts: [{...first, alias: 'renamed'}, ...vault.accounts.slice(1)]},
		],
		[
			'an account added',
			{...vault, accounts: [...vault.accounts, {...first, id: 'acctnew0001', alias: 'new'}]},
		],
		['an account removed', {...vault, accounts: vault.accounts.slice(1)}],
		['two accounts swapped', {...vault, accounts: [second, first, ...vault.accounts.slice(2)]}],
		['a provider made active', {...vault, active: {...vault.active, vapi: second.id}}],
		['a setting changed', {...vault, settings: {...vault.settings, theme: 'high-contrast'}}],
		['the current account changed', {...vault, current: second.id}],
		['a credential removed', {...vault, credentials: vault.credentials.slice(1)}],
		['a field dropped', (({active: _, ...rest}) => rest as Vault)(vault)],
	];
	for (const [what, changed] of changes) {
		assert.equal(whole(vault, changed), false, `${what}: the fixture changes`);
		assert.equal(sameVault(vault, changed), false, what);
		assert.equal(sameVault(changed, vault), false, `${what}, the other way round`);
		assert.equal(sameVault(copy(vault), changed), false, `${what}, against a copy`);
	}
});

test('an item both vaults hold is not stringified, one replaced by its equal is', () => {
	const vault = fixtureVault();
	let stringified = 0;
	const counted = <T extends object>(item: T): T =>
		Object.defineProperty({...item}, 'toJSON', {
			value() {
				stringified++;
				const {toJSON: _, ...plain} = this as Record<string, unknown>;
				return plain;
			},
		});
	const shared = vault.accounts.map(counted);
	const mine = {...vault, accounts: shared};
	const theirs = {...vault, accounts: [...shared]};
	assert.equal(sameVault(mine, theirs), true);
	assert.equal(stringified, 0, 'no shared item was stringified');

	const [first] = shared as [Account];
	const replaced = {...vault, accounts: [counted(first), ...shared.slice(1)]};
	assert.equal(sameVault(mine, replaced), true, 'an equal item in its place is the same');
	assert.equal(stringified, 2, 'only the replaced item and its counterpart were stringified');
});
