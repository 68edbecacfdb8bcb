import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Account, Credential, Vault} from '../../source/domain.js';
import {emptyVault} from '../../source/domain.js';
import {checkVaultAction} from '../../source/store/vault-checks.js';
import {vaultReducer} from '../../source/store/vault-reducer.js';
import {account, apply, saved, t0, t1, t2, t3} from '../helpers/vault-actions.js';

const byId = (vault: Vault, id: string) => vault.accounts.find((a) => a.id === id);

describe('account-saved', () => {
	test('adds a new account, makes it active for its provider and current', () => {
		const prod = account({alias: 'prod', email: 'john@company.com'});
		const vault = apply(emptyVault, saved(prod));
		assert.deepEqual(
			vault.accounts.map((a) => a.id),
			[prod.id],
		);
		assert.equal(vault.active.vapi, prod.id);
		assert.equal(vault.current, prod.id);
		assert.equal(vault.previous, undefined);
		assert.equal(byId(vault, prod.id)?.lastUsedAt, t1);
		assert.equal(emptyVault.accounts.length, 0, 'the reducer must not mutate its input');
	});

	test('the same provider and email (any case) updates the account instead of duplicating it', () => {
		const first = account({
			alias: 'prod',
			email: 'John@Company.com',
			organizations: [{id: 'org_1', name: 'Acme'}],
			activeOrgId: 'org_1',
			createdAt: t0,
		});
		const again = account({
			alias: 'john',
			email: 'john@company.com',
			environment: 'staging',
			secretHint: 'sk-new_****wxyz',
			createdAt: t2,
		});
		const vault = apply(emptyVault, saved(first), saved(again, {aliasGiven: false, at: t2}));
		assert.equal(vault.accounts.length, 1);
		const updated = vault.accounts[0] as Account;
		assert.equal(updated.id, first.id, 'the id is stable');
		assert.equal(updated.alias, 'prod', 'a derived alias does not rename the existing account');
		assert.equal(updated.createdAt, t0, 'createdAt is kept');
		assert.equal(updated.environment, 'staging');
		assert.equal(updated.secretHint, 'sk-new_****wxyz');
		assert.equal(vault.current, first.id);
	});

	test('an alias given on the second login renames the matched account', () => {
		const first = account({alias: 'prod', email: 'a@b.c'});
		const again = account({alias: 'main', email: 'a@b.c'});
		const vault = apply(emptyVault, saved(first), saved(again));
		assert.deepEqual(
			vault.accounts.map((a) => [a.id, a.alias]),
			[[first.id, 'main']],
		);
	});

	test('an alias given that names an account of the same provider updates that account', () => {
		const first = account({alias: 'prod'});
		const again = account({alias: 'prod', environment: 'staging'});
		const vault = apply(emptyVault, saved(first), saved(again));
		assert.equal(vault.accounts.length, 1);
		assert.equal(vault.accounts[0]?.environment, 'staging');
	});

	test("an alias given does not take over an account that is someone else's", () => {
		const jane = account({alias: 'client-a', email: 'jane@agency.com'});
		const bob = account({alias: 'bob', email: 'bob@agency.com'});
		const vault = apply(emptyVault, saved(jane), saved(bob));
		// A new email under jane's alias: refused, not jane's account (and key) overwritten.
		const stranger = saved(account({alias: 'client-a', email: 'new@x.io'}));
		assert.match(
			checkVaultAction(vault, stranger)?.message ?? '',
			/alias "client-a" is already used/,
		);
		assert.equal(vaultReducer(vault, stranger), vault);
		// Bob's email under jane's alias: bob's account is the match, and the alias is jane's.
		const clash = saved(account({alias: 'client-a', email: 'bob@agency.com'}));
		assert.match(checkVaultAction(vault, clash)?.message ?? '', /alias "client-a" is already used/);
		// Without an email the alias names the account: a key rotation.
		const rotated = apply(vault, saved(account({alias: 'client-a', environment: 'staging'})));
		assert.equal(rotated.accounts.length, 2);
		assert.equal(rotated.accounts.find((a) => a.id === jane.id)?.environment, 'staging');
	});

	test('the same email with another provider is another account', () => {
		const vapi = account({alias: 'one', email: 'a@b.c', providerId: 'vapi'});
		const vast = account({alias: 'two', email: 'a@b.c', providerId: 'vast'});
		const vault = apply(emptyVault, saved(vapi), saved(vast));
		assert.equal(vault.accounts.length, 2);
	});

	test('a derived alias is slugified and made unique', () => {
		const a = account({alias: 'John.Doe', email: 'john.doe@a.com'});
		const b = account({alias: 'John.Doe', email: 'john.doe@b.com'});
		const c = account({alias: 'John.Doe', email: 'john.doe@c.com'});
		const d = account({alias: '!!!', email: 'x@d.com'});
		const vault = apply(
			emptyVault,
			saved(a, {aliasGiven: false}),
			saved(b, {aliasGiven: false}),
			saved(c, {aliasGiven: false}),
			saved(d, {aliasGiven: false}),
		);
		assert.deepEqual(
			vault.accounts.map((x) => x.alias),
			['john.doe', 'john.doe-2', 'john.doe-3', 'account'],
		);
	});

	test('each provider keeps its own active account; the last save is current', () => {
		const vapi = account({alias: 'v', providerId: 'vapi'});
		const vast = account({alias: 'g', providerId: 'vast'});
		const vault = apply(emptyVault, saved(vapi, {at: t1}), saved(vast, {at: t2}));
		assert.deepEqual(vault.active, {vapi: vapi.id, vast: vast.id});
		assert.equal(vault.current, vast.id);
		assert.equal(vault.previous, vapi.id);
	});

	test('the first organization becomes the active one when none is given', () => {
		const acct = account({
			organizations: [
				{id: 'org_a', name: 'A'},
				{id: 'org_b', name: 'B'},
			],
		});
		const vault = apply(emptyVault, saved(acct));
		assert.equal(vault.accounts[0]?.activeOrgId, 'org_a');
	});

	test('refused: unknown provider, an invalid alias, an alias of another account', () => {
		const vault = apply(emptyVault, saved(account({alias: 'taken', providerId: 'vast'})));
		assert.match(
			checkVaultAction(vault, saved(account({providerId: 'nope'})))?.message ?? '',
			/unknown provider "nope"/,
		);
		assert.match(
			checkVaultAction(vault, saved(account({alias: '../x'})))?.message ?? '',
			/invalid alias: an alias is 1-63 characters/,
		);
		const clash = saved(account({alias: 'taken', providerId: 'vapi'}));
		assert.match(checkVaultAction(vault, clash)?.message ?? '', /alias "taken" is already used/);
		// A form shows each refusal beside the field it names.
		assert.equal(checkVaultAction(vault, clash)?.field, 'alias');
		assert.equal(checkVaultAction(vault, saved(account({alias: '../x'})))?.field, 'alias');
		assert.equal(checkVaultAction(vault, saved(account({providerId: 'nope'})))?.field, 'provider');
		assert.equal(vaultReducer(vault, clash), vault, 'a refused action leaves the vault as it is');
	});
});

describe('switching', () => {
	const a = account({alias: 'a', providerId: 'vapi'});
	const b = account({alias: 'b', providerId: 'vapi'});
	const c = account({alias: 'c', providerId: 'vast'});
	const base = apply(emptyVault, saved(a), saved(b), saved(c));

	test('account-switched makes it active for its provider and current; the old current is previous', () => {
		const vault = apply(base, {type: 'account-switched', accountId: a.id, at: t3});
		assert.deepEqual(vault.active, {vapi: a.id, vast: c.id});
		assert.equal(vault.current, a.id);
		assert.equal(vault.previous, c.id);
		assert.equal(byId(vault, a.id)?.lastUsedAt, t3);
	});

	test('switching to the current account keeps the previous one', () => {
		const vault = apply(base, {type: 'account-switched', accountId: c.id, at: t3});
		assert.equal(vault.current, c.id);
		assert.equal(vault.previous, b.id);
	});

	test('switched-back goes to the previous account and back again', () => {
		const once = apply(base, {type: 'switched-back', at: t3});
		assert.equal(once.current, b.id);
		assert.equal(once.previous, c.id);
		assert.equal(once.active.vapi, b.id);
		const twice = apply(once, {type: 'switched-back', at: t3});
		assert.equal(twice.current, c.id);
		assert.equal(twice.previous, b.id);
	});

	test('refused: switching to an unknown id; switching back with no previous account', () => {
		assert.match(
			checkVaultAction(base, {type: 'account-switched', accountId: 'missing1', at: t3})?.message ??
				'',
			/no account with id missing1/,
		);
		const single = apply(emptyVault, saved(account({alias: 'solo'})));
		assert.match(
			checkVaultAction(single, {type: 'switched-back', at: t3})?.message ?? '',
			/no previous account/,
		);
		assert.equal(vaultReducer(single, {type: 'switched-back', at: t3}), single);
	});
});

describe('account-renamed', () => {
	const a = account({alias: 'a'});
	const b = account({alias: 'b'});
	const base = apply(emptyVault, saved(a), saved(b));

	test('renames', () => {
		const vault = apply(base, {type: 'account-renamed', accountId: a.id, alias: 'client-a'});
		assert.equal(byId(vault, a.id)?.alias, 'client-a');
	});

	test('refused: the alias of another account, an invalid alias, an unknown account', () => {
		assert.match(
			checkVaultAction(base, {type: 'account-renamed', accountId: a.id, alias: 'b'})?.message ?? '',
			/already used/,
		);
		assert.equal(
			checkVaultAction(base, {type: 'account-renamed', accountId: a.id, alias: 'a'}),
			undefined,
			'keeping its own alias is allowed',
		);
		assert.match(
			checkVaultAction(base, {type: 'account-renamed', accountId: a.id, alias: 'A'})?.message ?? '',
			/invalid alias/,
		);
		assert.match(
			checkVaultAction(base, {type: 'account-renamed', accountId: 'zzzzzz', alias: 'x'})?.message ??
				'',
			/no account with id zzzzzz/,
		);
	});
});

describe('account-removed', () => {
	test('the provider falls back to its most recently used remaining account', () => {
		const old = account({alias: 'old', providerId: 'vapi'});
		const recent = account({alias: 'recent', providerId: 'vapi'});
		const gone = account({alias: 'gone', providerId: 'vapi'});
		const base = apply(
			emptyVault,
			saved(old, {at: t0}),
			saved(recent, {at: t2}),
			saved(gone, {at: t3}),
		);
		const vault = apply(base, {type: 'account-removed', accountId: gone.id});
		assert.equal(vault.active.vapi, recent.id);
		assert.deepEqual(
			vault.accounts.map((a) => a.alias),
			['old', 'recent'],
		);
	});

	test('removing the last account of a provider drops its active entry', () => {
		const only = account({alias: 'only', providerId: 'vast'});
		const vapi = account({alias: 'v', providerId: 'vapi'});
		const base = apply(emptyVault, saved(only), saved(vapi));
		const vault = apply(base, {type: 'account-removed', accountId: only.id});
		assert.deepEqual(vault.active, {vapi: vapi.id});
		assert.equal(vault.current, vapi.id);
		assert.equal(vault.previous, undefined, 'the removed account is no longer previous');
	});

	test('removing the current account makes the previous one current', () => {
		const a = account({alias: 'a', providerId: 'vapi'});
		const b = account({alias: 'b', providerId: 'vast'});
		const base = apply(emptyVault, saved(a), saved(b));
		const vault = apply(base, {type: 'account-removed', accountId: b.id});
		assert.equal(vault.current, a.id);
		assert.equal(vault.previous, undefined);
		assert.deepEqual(vault.active, {vapi: a.id});
	});

	test('removing the current account without a previous one falls back to its provider', () => {
		const a = account({alias: 'a', providerId: 'vapi'});
		const x = account({alias: 'x', providerId: 'vast'});
		const b = account({alias: 'b', providerId: 'vapi'});
		const base = apply(emptyVault, saved(a, {at: t1}), saved(x, {at: t2}), saved(b, {at: t3}));
		const noPrevious = apply(base, {type: 'account-removed', accountId: x.id});
		assert.equal(noPrevious.current, b.id);
		assert.equal(noPrevious.previous, undefined);
		const fallBack = apply(noPrevious, {type: 'account-removed', accountId: b.id});
		assert.equal(fallBack.active.vapi, a.id);
		assert.equal(fallBack.current, a.id, "the provider's next account becomes current");
		const last = apply(fallBack, {type: 'account-removed', accountId: a.id});
		assert.equal(last.current, undefined);
		assert.deepEqual(last.active, {});
		assert.deepEqual(last.accounts, []);
	});

	test("removes the account's credentials", () => {
		const a = account({alias: 'a'});
		const b = account({alias: 'b'});
		const credential = (id: string, accountId: string): Credential => ({
			id,
			name: id,
			accountId,
			settings: {type: 'bearer', headerName: 'Authorization', bearerPrefix: true},
			usedBy: [],
			createdAt: t0,
		});
		const base = apply(
			emptyVault,
			saved(a),
			saved(b),
			{type: 'credential-added', credential: credential('cred_aaaaaa', a.id), secret: {value: 'x'}},
			{type: 'credential-added', credential: credential('cred_bbbbbb', b.id), secret: {value: 'y'}},
		);
		const vault = apply(base, {type: 'account-removed', accountId: a.id});
		assert.deepEqual(
			vault.credentials.map((c) => c.id),
			['cred_bbbbbb'],
		);
		assert.match(
			checkVaultAction(vault, {type: 'account-removed', accountId: a.id})?.message ?? '',
			/no account with id/,
		);
		assert.match(
			checkVaultAction(vault, {type: 'credential-removed', credentialId: 'cred_aaaaaa'})?.message ??
				'',
			/no credential with id cred_aaaaaa/,
		);
		assert.match(
			checkVaultAction(vault, {
				type: 'credential-added',
				credential: credential('cred_cccccc', a.id),
				secret: {value: 'z'},
			})?.message ?? '',
			/no account with id/,
		);
		const removed = apply(vault, {type: 'credential-removed', credentialId: 'cred_bbbbbb'});
		assert.deepEqual(removed.credentials, []);
	});
});

describe('organizations, tokens, settings and providers', () => {
	const orgs = [
		{id: 'org_a', name: 'A'},
		{id: 'org_b', name: 'B'},
	];
	const a = account({alias: 'a', organizations: orgs, method: 'browser', refreshable: true});
	const base = apply(emptyVault, saved(a));

	test('organization-switched: only to an organization of the account', () => {
		const vault = apply(base, {type: 'organization-switched', accountId: a.id, orgId: 'org_b'});
		assert.equal(byId(vault, a.id)?.activeOrgId, 'org_b');
		assert.match(
			checkVaultAction(base, {type: 'organization-switched', accountId: a.id, orgId: 'org_z'})
				?.message ?? '',
			/account "a" has no organization org_z/,
		);
	});

	test('sign-in-required marks the account; tokens-updated clears the mark and fixes the active org', () => {
		const marked = apply(base, {type: 'sign-in-required', accountId: a.id});
		assert.equal(byId(marked, a.id)?.needsSignIn, true);
		const refreshed = apply(marked, {
			type: 'tokens-updated',
			accountId: a.id,
			changes: {tokenExpiresAt: t3, organizations: [{id: 'org_c', name: 'C'}]},
		});
		const updated = byId(refreshed, a.id);
		assert.equal(updated?.needsSignIn, undefined);
		assert.equal(updated?.tokenExpiresAt, t3);
		assert.equal(updated?.activeOrgId, 'org_c');
	});

	test('settings-changed merges', () => {
		const vault = apply(base, {type: 'settings-changed', settings: {storage: 'file'}});
		assert.deepEqual(vault.settings, {...emptyVault.settings, storage: 'file'});
	});

	test('providers: a user provider is added and removed; built-ins and providers in use are refused', () => {
		const custom = {id: 'acme', name: 'Acme', kind: 'api-key' as const, envVars: ['ACME_KEY']};
		const vault = apply(base, {type: 'provider-added', provider: custom});
		assert.deepEqual(vault.providers, [custom]);
		assert.match(
			checkVaultAction(vault, {type: 'provider-added', provider: {...custom, id: 'vapi'}})
				?.message ?? '',
			/built-in provider/,
		);
		assert.match(
			checkVaultAction(vault, {type: 'provider-removed', providerId: 'vapi'})?.message ?? '',
			/built-in provider and cannot be removed/,
		);
		assert.match(
			checkVaultAction(vault, {type: 'provider-removed', providerId: 'nope'})?.message ?? '',
			/unknown provider "nope"/,
		);
		const used = apply(vault, saved(account({alias: 'acme-1', providerId: 'acme'})));
		assert.match(
			checkVaultAction(used, {type: 'provider-removed', providerId: 'acme'})?.message ?? '',
			/still has accounts/,
		);
		assert.deepEqual(apply(vault, {type: 'provider-removed', providerId: 'acme'}).providers, []);
	});
});
