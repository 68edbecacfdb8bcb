import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, test} from 'node:test';
import {
	type BackendName,
	describeBackends,
	oneErrorLine,
	plantedKey,
	type Seeded,
	TempVault,
	useSeededVault,
} from '../../helpers/cli.js';

describeBackends('switch', (backend: BackendName) => {
	let vault: TempVault;
	let seeded: Seeded;
	useSeededVault(backend, (fresh) => {
		({vault, seeded} = fresh);
	});

	test('by alias, email or id; the metadata and status follow', async () => {
		const {prod, client} = seeded;
		assert.equal((await vault.ok(['switch', 'prod'])).stdout, 'Switched to prod (vapi)\n');
		assert.equal(vault.config().active.vapi, prod.id);
		assert.equal(vault.config().current, prod.id);
		assert.equal(vault.config().previous, client.id);
		await vault.ok(['switch', 'JANE@agency.com']);
		assert.equal(vault.config().current, client.id);
		const json = await vault.ok(['switch', prod.id, '--json']);
		assert.equal(JSON.parse(json.stdout).alias, 'prod');
		assert.match((await vault.ok(['status'])).stdout, /^Active account: prod$/m);
	});

	test('`switch -` goes back to the previous account, and back again', async () => {
		assert.equal((await vault.ok(['switch', '-'])).stdout, 'Switched to prod (vapi)\n');
		assert.equal(vault.config().current, seeded.prod.id);
		assert.equal((await vault.ok(['switch', '-'])).stdout, 'Switched to client-a (vapi)\n');
		assert.equal(vault.config().current, seeded.client.id);
	});

	test('each provider keeps its active account; `-` crosses providers', async () => {
		const gpu = await vault.login(plantedKey(''), ['--provider', 'vast', '--alias', 'gpu']);
		assert.deepEqual(vault.config().active, {vapi: seeded.client.id, vast: gpu.id});
		await vault.ok(['switch', 'prod']);
		assert.deepEqual(vault.config().active, {vapi: seeded.prod.id, vast: gpu.id});
		await vault.ok(['switch', '-']);
		assert.equal(vault.config().current, gpu.id);
		assert.deepEqual(vault.config().active, {vapi: seeded.prod.id, vast: gpu.id});
	});

	test('an unknown account: one line naming the known aliases, nothing changed', async () => {
		const before = fs.readFileSync(path.join(vault.configDir, 'config.json'));
		const line = oneErrorLine(await vault.run(['switch', 'nope']));
		assert.equal(line, 'authdeck: no account matches "nope"; known accounts: client-a, prod');
		assert.deepEqual(fs.readFileSync(path.join(vault.configDir, 'config.json')), before);
	});

	test('an email shared by two accounts is ambiguous', async () => {
		await vault.login(plantedKey(''), ['--provider', 'vast', '--email', 'jane@agency.com']);
		assert.match(
			oneErrorLine(await vault.run(['switch', 'jane@agency.com'])),
			/matches 2 accounts \(client-a, jane\); use an alias/,
		);
	});

	test('without an account and without a terminal it names the argument instead of prompting', async () => {
		assert.match(
			oneErrorLine(await vault.run(['switch'])),
			/name the account: authdeck switch <alias\|email\|id>/,
		);
	});
});

describeBackends('switch with the vast preset', (backend: BackendName) => {
	let vault: TempVault;
	beforeEach(async () => {
		vault = await TempVault.create(backend);
	});
	afterEach(async () => {
		await vault.cleanup();
	});

	test('by default the key file is never written: it would hold the key in plaintext', async () => {
		const file = path.join(vault.xdgConfigHome, 'vastai', 'vast_api_key');
		const key = plantedKey('');
		await vault.login(key, ['--provider', 'vast', '--alias', 'gpu-one']);
		await vault.login(plantedKey(''), ['--provider', 'vast', '--alias', 'gpu-two']);
		await vault.ok(['switch', 'gpu-one']);
		assert.equal(fs.existsSync(file), false);
		assert.deepEqual(vault.filesContaining(key, vault.xdgConfigHome), []);
		assert.doesNotMatch((await vault.ok(['status'])).stdout, /sync-files/);
	});

	test('sync-files on: status says so, the file gets the active key at once; off: no longer written', async () => {
		const file = path.join(vault.xdgConfigHome, 'vastai', 'vast_api_key');
		const key = plantedKey('');
		await vault.login(key, ['--provider', 'vast', '--alias', 'gpu-one']);
		await vault.ok(['config', 'set', 'sync-files', 'vast', 'on']);
		assert.equal(fs.readFileSync(file, 'utf8'), key);
		assert.equal((await vault.ok(['config', 'get', 'sync-files'])).stdout, 'vast\n');
		assert.ok(
			(await vault.ok(['status'])).stderr.includes(
				`vast: the key is also written to ${file} for the vastai CLI (sync-files)`,
			),
		);
		await vault.ok(['config', 'set', 'sync-files', 'vast', 'off']);
		fs.rmSync(file);
		await vault.login(plantedKey(''), ['--provider', 'vast', '--alias', 'gpu-two']);
		await vault.ok(['switch', 'gpu-one']);
		assert.equal(fs.existsSync(file), false);
		assert.doesNotMatch((await vault.ok(['status'])).stderr, /sync-files/);
		for (const [args, message] of [
			[['vast'], /usage: authdeck config set sync-files <provider> on\|off/],
			[['vast', 'yes'], /usage/],
			[['vapi', 'on'], /provider vapi has no key file to sync; providers with one: vast/],
			[['__proto__', 'on'], /unknown provider "__proto__"/],
		] as Array<[string[], RegExp]>) {
			assert.match(
				oneErrorLine(await vault.run(['config', 'set', 'sync-files', ...args])),
				message,
			);
		}
	});

	test("the vastai CLI's key file follows the current vast account, 0600", async () => {
		const file = path.join(vault.xdgConfigHome, 'vastai', 'vast_api_key');
		await vault.ok(['config', 'set', 'sync-files', 'vast', 'on']);
		const one = plantedKey('');
		const two = plantedKey('');
		await vault.login(one, ['--provider', 'vast', '--alias', 'gpu-one']);
		assert.equal(fs.readFileSync(file, 'utf8'), one);
		await vault.login(two, ['--provider', 'vast', '--alias', 'gpu-two']);
		assert.equal(fs.readFileSync(file, 'utf8'), two);
		await vault.ok(['switch', 'gpu-one']);
		assert.equal(fs.readFileSync(file, 'utf8'), one);
		await vault.ok(['switch', '-']);
		assert.equal(fs.readFileSync(file, 'utf8'), two);
		assert.equal(fs.statSync(file).mode & 0o777, 0o600);
		// Switching to an account of another provider leaves the file alone.
		await vault.login(plantedKey(), ['--provider', 'vapi', '--alias', 'voice']);
		assert.equal(fs.readFileSync(file, 'utf8'), two);
	});
});
