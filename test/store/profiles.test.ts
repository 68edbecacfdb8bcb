import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import type {Account, Vault} from '../../source/domain.js';
import {emptyVault} from '../../source/domain.js';
import {
	profileBaseUrl,
	profileInUse,
	profileNames,
	profileOrgId,
	profileSettings,
	profileView,
} from '../../source/store/profiles.js';
import {readProjectFile, resolveAccount} from '../../source/store/resolve-account.js';
import {checkVaultAction} from '../../source/store/vault-checks.js';
import {vaultReducer} from '../../source/store/vault-reducer.js';
import validateVault from '../../source/vault/vault-validator.js';
import {account, apply, saved, t1, t2} from '../helpers/vault-actions.js';

const prod = account({
	alias: 'prod',
	email: 'john@company.com',
	organizations: [
		{id: 'org_a', name: 'Acme'},
		{id: 'org_b', name: 'Acme Labs'},
	],
	activeOrgId: 'org_a',
});
const stg = account({alias: 'stg', email: 'john+stg@company.com', environment: 'staging'});
const gpu = account({alias: 'gpu', providerId: 'vast'});
const gpuStaging = account({alias: 'gpu-stg', providerId: 'vast', environment: 'staging'});

/** A vault from before profiles: prod and gpu active, gpu current. */
const before: Vault = apply(emptyVault, saved(stg), saved(gpuStaging), saved(prod), saved(gpu));

const used = (name: string) => ({type: 'profile-used', name}) as const;
const created = (name: string, from?: string) =>
	({type: 'profile-created', name, from, at: t2}) as const;
const switched = (acct: Account, profile?: string) =>
	({type: 'account-switched', accountId: acct.id, at: t2, profile}) as const;

describe('profiles in the vault', () => {
	test('a vault from before profiles is the default profile, with nothing lost', () => {
		assert.equal(profileInUse(before), 'default');
		assert.deepEqual(profileNames(before), ['default']);
		const view = profileView(before, 'default');
		assert.deepEqual(view?.active, {vapi: prod.id, vast: gpu.id});
		assert.equal(view?.current, gpu.id);
		assert.equal(view?.previous, prod.id);
		assert.equal(view?.inUse, true);
	});

	test('create starts empty; --from copies choices and overrides', () => {
		const vault = apply(before, created('staging'), created('copy', 'default'));
		assert.deepEqual(profileNames(vault), ['default', 'copy', 'staging']);
		assert.deepEqual(profileView(vault, 'staging')?.active, {});
		assert.deepEqual(profileView(vault, 'copy')?.active, before.active);
		assert.equal(profileView(vault, 'copy')?.current, gpu.id);
		assert.equal(profileInUse(vault), 'default', 'creating does not switch');
	});

	test('use switches every provider at once and back again, keeping each profile', () => {
		let vault = apply(before, created('staging'), used('staging'));
		assert.deepEqual(vault.active, {}, 'a new profile has no accounts chosen');
		assert.equal(vault.current, undefined);
		vault = apply(vault, switched(stg), switched(gpuStaging));
		assert.deepEqual(vault.active, {vapi: stg.id, vast: gpuStaging.id});
		vault = apply(vault, used('default'));
		assert.deepEqual(vault.active, {vapi: prod.id, vast: gpu.id});
		assert.equal(vault.current, gpu.id);
		assert.equal(vault.profile, undefined, 'default in use is the shape of an old vault');
		vault = apply(vault, used('staging'));
		assert.deepEqual(vault.active, {vapi: stg.id, vast: gpuStaging.id});
		assert.equal(vault.current, gpuStaging.id);
		assert.equal(vault.profile, 'staging');
		assert.ok(
			validateVault(JSON.parse(JSON.stringify(vault))),
			'the saved shape passes the schema',
		);
	});

	test('a switch in a profile not in use changes only that profile', () => {
		const vault = apply(before, created('staging'), switched(stg, 'staging'));
		assert.deepEqual(vault.active, before.active);
		assert.equal(vault.current, before.current);
		assert.deepEqual(profileView(vault, 'staging')?.active, {vapi: stg.id});
		assert.equal(profileView(vault, 'staging')?.current, stg.id);
	});

	test('removing an account forgets it in every profile', () => {
		let vault = apply(
			before,
			created('staging'),
			switched(stg, 'staging'),
			{
				type: 'profile-overrides-changed',
				name: 'staging',
				overrides: {organizations: {[stg.id]: 'org_x'}},
			},
			{type: 'account-removed', accountId: stg.id},
		);
		assert.deepEqual(profileView(vault, 'staging')?.active, {});
		assert.equal(profileView(vault, 'staging')?.current, undefined);
		assert.deepEqual(profileView(vault, 'staging')?.overrides.organizations, undefined);
		vault = apply(vault, used('staging'));
		assert.deepEqual(vault.active, {});
	});

	test('remove: not default, not an unknown one; the one in use leaves default in use', () => {
		const vault = apply(before, created('staging'), used('staging'));
		assert.match(
			String(checkVaultAction(vault, {type: 'profile-removed', name: 'default'})),
			/default profile cannot be removed/,
		);
		assert.match(
			String(checkVaultAction(vault, {type: 'profile-removed', name: 'nope'})),
			/no profile named "nope"; profiles: default, staging/,
		);
		const removed = apply(vault, {type: 'profile-removed', name: 'staging'});
		assert.equal(profileInUse(removed), 'default');
		assert.deepEqual(removed.active, before.active, "default's choices come back");
		assert.deepEqual(profileNames(removed), ['default']);
	});

	test('refused: a bad or taken name, an unknown --from, __proto__', () => {
		for (const name of ['Bad', '../x', '__proto__', '', 'a'.repeat(64)]) {
			assert.match(String(checkVaultAction(before, created(name))), /invalid profile name/);
		}

		assert.match(String(checkVaultAction(before, created('default'))), /already exists/);
		assert.match(String(checkVaultAction(before, created('x', 'nope'))), /no profile named/);
		assert.match(String(checkVaultAction(before, used('constructor'))), /no profile named/);
	});

	test('overrides: base URL per provider, organization per account, proxy', () => {
		let vault = apply(before, created('staging'), {
			type: 'profile-overrides-changed',
			name: 'staging',
			overrides: {
				baseUrls: {vapi: 'https://staging.vapi.example'},
				organizations: {[prod.id]: 'org_b'},
				proxy: 'http://proxy.example:3128',
			},
		});
		const view = profileView(vault, 'staging');
		assert.equal(profileBaseUrl(view, prod, 'https://api.vapi.ai'), 'https://staging.vapi.example');
		assert.equal(
			profileBaseUrl(view, gpu, 'https://console.vast.ai'),
			gpu.baseUrl ?? 'https://console.vast.ai',
		);
		assert.equal(profileOrgId(view, prod), 'org_b');
		assert.equal(profileOrgId(profileView(vault, 'default'), prod), 'org_a');
		assert.equal(profileSettings(vault, 'staging').proxy, 'http://proxy.example:3128');
		assert.equal(profileSettings(vault).proxy, undefined, 'the profile in use is default');
		vault = apply(vault, {
			type: 'profile-overrides-changed',
			name: 'staging',
			overrides: {baseUrls: {vapi: ''}, proxy: ''},
		});
		assert.equal(profileView(vault, 'staging')?.overrides.baseUrls, undefined);
		assert.equal(profileView(vault, 'staging')?.overrides.proxy, undefined);
		assert.equal(profileView(vault, 'staging')?.overrides.organizations?.[prod.id], 'org_b');
	});

	test('a login with a profile makes the account active there only', () => {
		const fresh = account({alias: 'fresh', providerId: 'vantage'});
		const vault = apply(before, created('staging'), {
			...saved(fresh, {at: t1}),
			profile: 'staging',
		});
		assert.equal(vault.active.vantage, undefined);
		assert.equal(profileView(vault, 'staging')?.active.vantage, fresh.id);
		assert.ok(vault.accounts.some((a) => a.id === fresh.id));
	});

	test('the reducer does not mutate its input', () => {
		const copy = JSON.parse(JSON.stringify(before));
		vaultReducer(before, created('x'));
		vaultReducer(before, used('default'));
		assert.deepEqual(JSON.parse(JSON.stringify(before)), copy);
	});
});

describe('which account and profile', () => {
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-profiles-'));
	after(() => fs.rmSync(base, {recursive: true, force: true}));
	const vault = apply(
		before,
		created('staging'),
		switched(stg, 'staging'),
		switched(gpuStaging, 'staging'),
	);
	const dir = (name: string, text?: string) => {
		const at = path.join(base, name);
		fs.mkdirSync(at, {recursive: true});
		if (text !== undefined) fs.writeFileSync(path.join(at, '.authdeck'), text);
		return at;
	};

	test('the active account of the profile: --profile > AUTHDECK_PROFILE > .authdeck > in use', () => {
		const bare = dir('bare');
		const pinned = dir('pinned', 'profile = staging\n');
		const byFlag = resolveAccount(vault, {
			profile: 'staging',
			env: {AUTHDECK_PROFILE: 'default'},
			cwd: bare,
			providerId: 'vapi',
		});
		assert.equal(byFlag.account.id, stg.id);
		assert.match(byFlag.reason, /of profile staging \(chosen by --profile\)/);
		const byEnv = resolveAccount(vault, {env: {AUTHDECK_PROFILE: 'staging'}, cwd: bare});
		assert.equal(byEnv.account.id, gpuStaging.id);
		assert.match(byEnv.reason, /AUTHDECK_PROFILE/);
		const byFile = resolveAccount(vault, {env: {}, cwd: pinned, providerId: 'vast'});
		assert.equal(byFile.account.id, gpuStaging.id);
		assert.match(byFile.reason, /pinned by .*\.authdeck/);
		const inUse = resolveAccount(vault, {env: {}, cwd: bare, providerId: 'vapi'});
		assert.equal(inUse.account.id, prod.id);
		assert.equal(inUse.reason, 'the active vapi account');
	});

	test('--account, AUTHDECK_ACCOUNT and a pinned account beat any profile', () => {
		const both = dir('both', 'profile = staging\naccount = prod\n');
		assert.equal(resolveAccount(vault, {env: {}, cwd: both}).account.id, prod.id);
		assert.equal(
			resolveAccount(vault, {profile: 'staging', env: {AUTHDECK_ACCOUNT: 'gpu'}, cwd: both}).account
				.id,
			gpu.id,
		);
		assert.deepEqual(readProjectFile(both), {
			file: path.join(both, '.authdeck'),
			alias: 'prod',
			profile: 'staging',
		});
	});

	test('an unknown profile is one line naming the profiles, and the file that named it', () => {
		assert.throws(
			() => resolveAccount(vault, {profile: 'nope', env: {}, cwd: dir('x')}),
			/no profile named "nope"; profiles: default, staging/,
		);
		const stale = dir('stale', 'profile = gone\n');
		assert.throws(
			() => resolveAccount(vault, {env: {}, cwd: stale}),
			(error: Error) =>
				error.message.startsWith(`${path.join(stale, '.authdeck')}: no profile named "gone"`),
		);
	});
});
