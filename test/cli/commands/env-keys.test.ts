// Keys from the environment: a provider's key variable set in the shell is the key its tools send,
// so `token` hands it out and `status` and `token` say so on stderr; nothing is stored unless asked.
// Also: a login again to an existing account keeps what the user did not change.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {beforeEach, describe, test} from 'node:test';
import {oneErrorLine, plantedKey, useTempVault} from '../../helpers/cli.js';

describe('keys from the environment', () => {
	const vault = useTempVault('file');
	let gpuKey: string;
	beforeEach(async () => {
		gpuKey = plantedKey('');
		await vault().login(gpuKey, ['--provider', 'vast', '--alias', 'gpu']);
	});

	test('token uses VAST_API_KEY and says so; an account named on the command line beats it', async () => {
		const other = plantedKey('');
		const {stdout, stderr} = await vault().ok(['token', '--show'], {env: {VAST_API_KEY: other}});
		assert.equal(stdout, `${other}\n`);
		assert.equal(
			stderr,
			`API key: from VAST_API_KEY in the environment (****${other.slice(-4)}), not the stored account gpu; no stored account has this key\n`,
		);
		const json = JSON.parse(
			(await vault().ok(['token', '--json'], {env: {VAST_API_KEY: other}})).stdout,
		);
		assert.deepEqual(json, {
			account: 'gpu',
			token: `****${other.slice(-4)}`,
			masked: true,
			source: 'environment',
			variable: 'VAST_API_KEY',
		});
		const named = await vault().ok(['token', '--show', '--account', 'gpu'], {
			env: {VAST_API_KEY: other},
		});
		assert.equal(named.stdout, `${gpuKey}\n`);
	});

	test('says whether the variable holds a stored account key', async () => {
		const second = plantedKey('');
		await vault().login(second, ['--provider', 'vast', '--alias', 'gpu-2']);
		await vault().ok(['switch', 'gpu']);
		const same = await vault().ok(['token'], {env: {VAST_API_KEY: gpuKey}});
		assert.match(same.stderr, /\(\*\*\*\*[0-9a-f]{4}\), the same key as the stored account gpu\n$/);
		const theirs = await vault().ok(['status'], {env: {VAST_API_KEY: second}});
		assert.match(
			theirs.stderr,
			/^vast: API key: from VAST_API_KEY in the environment \(\*\*\*\*[0-9a-f]{4}\), not the stored account gpu; it is the key of the stored account gpu-2$/m,
		);
		assert.ok(!theirs.stdout.includes(second) && !theirs.stderr.includes(second));
		const json = JSON.parse(
			(await vault().ok(['status', '--json'], {env: {VAST_API_KEY: second}})).stdout,
		);
		assert.equal(json.environment.length, 1);
	});

	test('organization and profile variables are reported too', async () => {
		await vault().login(plantedKey('sk-p_'), [
			'--provider',
			'vapi',
			'--alias',
			'prod',
			'--org-id',
			'org_abc',
			'--org-name',
			'Acme',
		]);
		await vault().ok(['profile', 'create', 'staging', '--from', 'default']);
		const {stderr} = await vault().ok(['status'], {
			env: {VAPI_ORG_ID: 'org_other', AUTHDECK_PROFILE: 'staging'},
		});
		assert.match(
			stderr,
			/^Organization: from VAPI_ORG_ID in the environment \(org_other\), not prod's org_abc$/m,
		);
		assert.match(
			stderr,
			/^Profile: staging from AUTHDECK_PROFILE in the environment, not default/m,
		);
	});

	test('nothing is written from the environment unless login --from-env asks', async () => {
		const before = fs.readFileSync(vault().configFile, 'utf8');
		const other = plantedKey('');
		await vault().ok(['token'], {env: {VAST_API_KEY: other}});
		await vault().ok(['status'], {env: {VAST_API_KEY: other}});
		assert.equal(fs.readFileSync(vault().configFile, 'utf8'), before);
		const saved = await vault().ok(
			['login', '--with-token', '--from-env', 'VAST_API_KEY', '--alias', 'gpu-env', '--json'],
			{env: {VAST_API_KEY: other}},
		);
		assert.equal(
			JSON.parse(saved.stdout).provider,
			'vast',
			'the provider that declares the variable',
		);
		assert.equal((await vault().ok(['token', '--show', 'gpu-env'])).stdout, `${other}\n`);
		assert.match(
			oneErrorLine(await vault().run(['login', '--with-token', '--from-env', 'NOPE_KEY'])),
			/NOPE_KEY is not set in the environment/,
		);
	});
});

describe('logging in again', () => {
	const vault = useTempVault('file');

	test('keeps the name, organization and environment the user did not change', async () => {
		const first = await vault().login(plantedKey('sk-a_'), [
			'--provider',
			'vapi',
			'--alias',
			'prod',
			'--email',
			'john@company.com',
			'--name',
			'John Doe',
			'--org-id',
			'org_abc',
			'--org-name',
			'Acme',
			'--environment',
			'staging',
		]);
		const again = await vault().login(plantedKey('sk-b_'), [
			'--provider',
			'vapi',
			'--email',
			'john@company.com',
		]);
		assert.equal(again.id, first.id);
		assert.equal(again.alias, 'prod');
		assert.equal(again.name, 'John Doe');
		assert.equal(again.environment, 'staging');
		assert.deepEqual(again.organization, {id: 'org_abc', name: 'Acme'});
		const renamed = await vault().login(plantedKey('sk-c_'), [
			'--provider',
			'vapi',
			'--email',
			'john@company.com',
			'--name',
			'J. Doe',
			'--environment',
			'production',
		]);
		assert.equal(renamed.name, 'J. Doe');
		assert.equal(renamed.environment, 'production');
		assert.deepEqual(renamed.organization, {id: 'org_abc', name: 'Acme'});
	});
});
