// Profiles through the built binary: both spellings, several providers flipped at once, --profile,
// AUTHDECK_PROFILE and `.authdeck`, overrides exported by env, and a vault from before profiles.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {beforeEach, describe, test} from 'node:test';
import {oneErrorLine, plantedKey, seedAccounts, useTempVault} from '../../helpers/cli.js';

type ProfileJson = {
	name: string;
	inUse: boolean;
	active: Record<string, string>;
	current: string | null;
	overrides: {baseUrls: Record<string, string>; organizations: Record<string, string>};
};

describe('profiles', () => {
	const vault = useTempVault('file');
	let gpuKey: string;
	let gpuStgKey: string;

	// prod and client-a (vapi), gpu and gpu-stg (vast); default uses prod and gpu.
	beforeEach(async () => {
		await seedAccounts(vault());
		gpuStgKey = plantedKey('');
		gpuKey = plantedKey('');
		await vault().login(gpuStgKey, ['--provider', 'vast', '--alias', 'gpu-stg']);
		await vault().login(gpuKey, ['--provider', 'vast', '--alias', 'gpu']);
		await vault().ok(['switch', 'prod']);
	});

	const list = async () =>
		JSON.parse((await vault().ok(['profile', 'list', '--json'])).stdout) as ProfileJson[];

	test('a vault from before profiles is the default profile, with nothing lost', async () => {
		const before = fs.readFileSync(vault().configFile, 'utf8');
		assert.ok(!before.includes('"profiles"'), 'the seeded file has the old shape');
		const [only, ...rest] = await list();
		assert.deepEqual(rest, []);
		assert.deepEqual(
			{name: only?.name, inUse: only?.inUse, active: only?.active, current: only?.current},
			{name: 'default', inUse: true, active: {vapi: 'prod', vast: 'gpu'}, current: 'prod'},
		);
		assert.equal(fs.readFileSync(vault().configFile, 'utf8'), before, 'reading wrote nothing');
		assert.match((await vault().ok(['status'])).stdout, /^Active account: prod$/m);
	});

	test('both spellings; `profile use` switches every provider at once, and back', async () => {
		await vault().ok(['profile', 'create', 'staging']);
		await vault().ok(['config', 'create-profile', 'copy', '--from', 'default']);
		await vault().ok(['switch', '--profile', 'staging', 'client-a']);
		await vault().ok(['switch', '--profile', 'staging', 'gpu-stg']);
		assert.match(
			(await vault().ok(['status'])).stdout,
			/^Active account: prod$/m,
			'default untouched',
		);
		const used = await vault().ok(['config', 'use-profile', 'staging']);
		assert.equal(used.stdout, 'Using profile staging (vapi: client-a, vast: gpu-stg)\n');
		const status = (await vault().ok(['status'])).stdout;
		assert.match(status, /Vapi \(vapi\)\nActive account: client-a\n/);
		assert.match(status, /Vast\.ai \(vast\)\nActive account: gpu-stg\n/);
		assert.match(status, /^Profile: staging, the profile in use$/m);
		assert.equal((await vault().ok(['token'])).stdout.trim().slice(-4), gpuStgKey.slice(-4));
		const listed = (await vault().ok(['config', 'list-profiles'])).stdout;
		assert.match(listed, /^\* staging +vapi: client-a, vast: gpu-stg$/m);
		assert.match(listed, /^ {2}copy +vapi: prod, vast: gpu$/m);
		await vault().ok(['profile', 'use', 'default']);
		assert.match((await vault().ok(['status'])).stdout, /Vast\.ai \(vast\)\nActive account: gpu\n/);
	});

	test('profile use rewrites a synced provider file with the profile key', async () => {
		await vault().ok(['config', 'set', 'sync-files', 'vast', 'on']);
		const file = path.join(vault().xdgConfigHome, 'vastai', 'vast_api_key');
		assert.equal(fs.readFileSync(file, 'utf8').trim(), gpuKey);
		await vault().ok(['profile', 'create', 'staging', '--from', 'default']);
		await vault().ok(['switch', '--profile', 'staging', 'gpu-stg']);
		assert.equal(
			fs.readFileSync(file, 'utf8').trim(),
			gpuKey,
			'a profile not in use changes no file',
		);
		await vault().ok(['profile', 'use', 'staging']);
		assert.equal(fs.readFileSync(file, 'utf8').trim(), gpuStgKey);
	});

	test('--profile > AUTHDECK_PROFILE > .authdeck > the profile in use; status says which', async () => {
		await vault().ok(['profile', 'create', 'staging']);
		await vault().ok(['switch', '--profile', 'staging', 'client-a']);
		const alias = async (args: string[], env = {}, cwd?: string) =>
			JSON.parse((await vault().ok(['status', '--json', ...args], {env, cwd})).stdout).current
				.alias;
		assert.equal(await alias([]), 'prod');
		assert.equal(await alias(['--profile', 'staging']), 'client-a');
		assert.equal(await alias([], {AUTHDECK_PROFILE: 'staging'}), 'client-a');
		assert.equal(await alias(['--profile', 'default'], {AUTHDECK_PROFILE: 'staging'}), 'prod');
		fs.writeFileSync(path.join(vault().cwd, '.authdeck'), 'profile = staging\n');
		assert.equal(await alias([]), 'client-a');
		const explained = (await vault().ok(['status'])).stdout;
		assert.match(explained, /^Profile: staging, pinned by .*\.authdeck$/m);
		assert.equal(await alias(['--account', 'prod']), 'prod', '--account beats every profile');
		assert.equal(await alias([], {AUTHDECK_ACCOUNT: 'gpu'}), 'gpu');
		const token = await vault().ok(['token', '--profile', 'default', '--account', 'gpu']);
		assert.equal(token.stdout.trim().slice(-4), gpuKey.slice(-4));
	});

	test('remove: never default, the one in use only with --yes; unknown names are one line', async () => {
		await vault().ok(['profile', 'create', 'staging']);
		assert.match(
			oneErrorLine(await vault().run(['profile', 'remove', 'default'])),
			/cannot be removed/,
		);
		await vault().ok(['profile', 'use', 'staging']);
		assert.match(oneErrorLine(await vault().run(['profile', 'remove', 'staging'])), /--yes/);
		assert.equal(
			(await vault().ok(['profile', 'remove', 'staging', '--yes'])).stdout,
			'Removed profile staging; using profile default\n',
		);
		assert.match((await vault().ok(['status'])).stdout, /^Active account: prod$/m);
		assert.equal(
			oneErrorLine(await vault().run(['token', '--profile', 'nope'])),
			'authdeck: no profile named "nope"; profiles: default',
		);
		assert.match(
			oneErrorLine(await vault().run(['profile', 'create', 'Bad/Name'])),
			/invalid profile name/,
		);
	});

	test('overrides: organization per account and base URL per provider reach env', async () => {
		await vault().login(plantedKey('sk-ops_'), [
			'--provider',
			'vantage',
			'--alias',
			'hpc',
			'--org-id',
			'acme-hpc',
			'--org-name',
			'Acme HPC',
		]);
		await vault().ok(['profile', 'create', 'staging', '--from', 'default']);
		await vault().ok([
			'config',
			'set',
			'--profile',
			'staging',
			'base-url',
			'vantage',
			'https://staging.vantage.example',
		]);
		const env = async (args: string[]) =>
			(await vault().ok(['env', '--account', 'hpc', ...args])).stdout;
		assert.match(await env([]), /^# VANTAGE_ORG=acme-hpc$/m);
		assert.match(
			await env([]),
			/^# VANTAGE_API_URL=https:\/\/api\.vantage\.omnivector\.solutions$/m,
		);
		assert.match(
			await env(['--profile', 'staging']),
			/^# VANTAGE_API_URL=https:\/\/staging\.vantage\.example$/m,
		);
		const shown = await env(['--profile', 'staging', '--show']);
		assert.match(shown, /^export VANTAGE_API_URL='?https:\/\/staging\.vantage\.example'?$/m);
		assert.match(
			(await vault().ok(['env', '--account', 'prod', '--org', 'Acme Corp'])).stdout,
			/^# VAPI_ORG_ID=org_abc123$/m,
		);
		assert.match(
			oneErrorLine(await vault().run(['token', '--account', 'prod', '--org', 'nope'])),
			/has no organization "nope"/,
		);
		const data = JSON.parse((await vault().ok(['profile', 'show', 'staging', '--json'])).stdout);
		assert.deepEqual(data.overrides.baseUrls, {vantage: 'https://staging.vantage.example'});
	});

	test('login --profile makes the new account active in that profile only', async () => {
		await vault().ok(['profile', 'create', 'staging']);
		const added = await vault().login(plantedKey('sk-s_'), [
			'--provider',
			'vantage',
			'--alias',
			'hpc-stg',
			'--profile',
			'staging',
		]);
		assert.equal(added.alias, 'hpc-stg');
		assert.equal(vault().config().active.vantage, undefined, 'the profile in use is untouched');
		const staging = (await list()).find((p) => p.name === 'staging');
		assert.deepEqual(staging?.active, {vantage: 'hpc-stg'});
	});
});

describe('a config.json from before profiles', () => {
	const vault = useTempVault('file');

	test('opens as the default profile; a profile used and left gives every choice back', async () => {
		const old = {
			version: 1,
			accounts: [
				{
					id: 'oldacct0001',
					alias: 'legacy',
					providerId: 'vapi',
					email: 'old@example.com',
					organizations: [{id: 'org_old', name: 'Old Co'}],
					activeOrgId: 'org_old',
					environment: 'production',
					method: 'api-key',
					scopes: [],
					refreshable: false,
					createdAt: '2025-01-01T00:00:00.000Z',
				},
				{
					id: 'oldacct0002',
					alias: 'legacy-gpu',
					providerId: 'vast',
					organizations: [],
					environment: 'production',
					method: 'api-key',
					scopes: [],
					refreshable: false,
					createdAt: '2025-01-01T00:00:00.000Z',
				},
			],
			credentials: [],
			providers: [],
			active: {vapi: 'oldacct0001', vast: 'oldacct0002'},
			current: 'oldacct0002',
			previous: 'oldacct0001',
			settings: {revealTimeout: 10, refreshWindow: 300, requestTimeout: 15, storage: 'file'},
		};
		fs.mkdirSync(vault().configDir, {recursive: true, mode: 0o700});
		fs.writeFileSync(vault().configFile, JSON.stringify(old, undefined, '\t'), {mode: 0o600});
		const [only] = JSON.parse((await vault().ok(['profile', 'list', '--json'])).stdout);
		assert.deepEqual(only.active, {vapi: 'legacy', vast: 'legacy-gpu'});
		assert.equal(only.current, 'legacy-gpu');
		await vault().ok(['profile', 'create', 'empty']);
		await vault().ok(['profile', 'use', 'empty']);
		assert.match(oneErrorLine(await vault().run(['env'])), /no account selected of profile empty/);
		await vault().ok(['profile', 'use', 'default']);
		const saved = JSON.parse(fs.readFileSync(vault().configFile, 'utf8'));
		assert.deepEqual(saved.accounts, old.accounts, 'every account as it was');
		assert.deepEqual(
			{active: saved.active, current: saved.current, previous: saved.previous},
			{active: old.active, current: old.current, previous: old.previous},
		);
		assert.equal(saved.profile, undefined);
		assert.equal((await vault().ok(['switch', '-'])).stdout, 'Switched to legacy (vapi)\n');
	});
});
