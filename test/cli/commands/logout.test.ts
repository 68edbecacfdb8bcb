import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {
	type BackendName,
	describeBackends,
	describeRun,
	login,
	oneErrorLine,
	plantedKey,
	requireBuild,
	runCli,
	type Seeded,
	stderrLines,
	TempVault,
	useSeededVault,
} from '../../helpers/cli.js';

describeBackends('logout', (backend: BackendName) => {
	let vault: TempVault;
	let seeded: Seeded;
	useSeededVault(backend, (fresh) => {
		({vault, seeded} = fresh);
	});

	/** Where a key can still be found: config-dir files and the keychain. */
	const traces = (key: string) => [
		...vault.filesContaining(key, vault.base),
		...(vault.keychainListing().includes(key) ? ['keychain'] : []),
	];

	test('forgets one account and deletes its secret from the backend; the other is untouched', async () => {
		const {prod, client, prodKey, clientKey} = seeded;
		assert.equal(vault.storedSecret(client.id) !== undefined, true);
		assert.equal((await vault.ok(['logout', 'client-a'])).stdout, 'Logged out of client-a\n');
		assert.equal(vault.storedSecret(client.id), undefined);
		assert.deepEqual(traces(clientKey), []);
		assert.deepEqual(
			vault.config().accounts.map((a) => a.alias),
			['prod'],
		);
		assert.equal(vault.config().current, prod.id, 'the previous account becomes current');
		assert.equal((await vault.ok(['token', '--show'])).stdout, `${prodKey}\n`);
	});

	test('without an account, logs out of the current one', async () => {
		await vault.ok(['logout', '--yes']);
		assert.deepEqual(
			vault.config().accounts.map((a) => a.alias),
			['prod'],
		);
		assert.equal(vault.storedSecret(seeded.client.id), undefined);
	});

	test('--all forgets every account and every secret', async () => {
		const gpuKey = plantedKey('');
		const gpu = await vault.login(gpuKey, ['--provider', 'vast', '--alias', 'gpu']);
		const result = await vault.ok(['logout', '--all', '--json', '--yes']);
		assert.deepEqual(
			JSON.parse(result.stdout)
				.map((r: {alias: string}) => r.alias)
				.sort(),
			['client-a', 'gpu', 'prod'],
		);
		assert.deepEqual(vault.config().accounts, []);
		assert.deepEqual(vault.config().active, {});
		for (const id of [seeded.prod.id, seeded.client.id, gpu.id]) {
			assert.equal(vault.storedSecret(id), undefined);
		}

		if (backend === 'file') {
			assert.deepEqual(vault.fileSecrets(), {});
		}

		for (const key of [seeded.prodKey, seeded.clientKey]) {
			assert.deepEqual(traces(key), []);
		}

		assert.deepEqual(traces(gpuKey), [], 'nor in the vastai key file');
		assert.equal((await vault.ok(['logout', '--all', '--yes'])).stdout, 'No accounts to log out\n');
	});

	test('refusals: an unknown account, an account and --all together', async () => {
		assert.match(
			oneErrorLine(await vault.run(['logout', 'ghost'])),
			/no account matches "ghost"; known accounts: client-a, prod/,
		);
		assert.match(
			oneErrorLine(await vault.run(['logout', 'prod', '--all'])),
			/give an account or --all, not both/,
		);
		assert.equal(vault.config().accounts.length, 2);
		assert.notEqual(vault.storedSecret(seeded.prod.id), undefined);
	});
});

describeBackends('logout with the vast preset', (backend: BackendName) => {
	let vault: TempVault;
	beforeEach(async () => {
		vault = await TempVault.create(backend);
	});
	afterEach(async () => {
		await vault.cleanup();
	});

	test('the vastai key file never keeps a forgotten key: it follows the next active account, then goes', async () => {
		const file = path.join(vault.xdgConfigHome, 'vastai', 'vast_api_key');
		await vault.ok(['config', 'set', 'sync-files', 'vast', 'on']);
		const one = plantedKey('');
		const two = plantedKey('');
		await vault.login(one, ['--provider', 'vast', '--alias', 'gpu-one']);
		await vault.login(two, ['--provider', 'vast', '--alias', 'gpu-two']);
		assert.equal(fs.readFileSync(file, 'utf8'), two);
		await vault.ok(['logout', 'gpu-two', '--yes']);
		assert.equal(fs.readFileSync(file, 'utf8'), one, 'the remaining vast account takes over');
		await vault.ok(['logout', '--all', '--yes']);
		assert.equal(fs.existsSync(file), false);
		assert.deepEqual(vault.filesContaining(one, vault.base), []);
		assert.deepEqual(vault.filesContaining(two, vault.base), []);
	});

	test("a key file holding the user's own key is left alone", async () => {
		const file = path.join(vault.xdgConfigHome, 'vastai', 'vast_api_key');
		await vault.ok(['config', 'set', 'sync-files', 'vast', 'on']);
		await vault.login(plantedKey(''), ['--provider', 'vast', '--alias', 'gpu']);
		fs.writeFileSync(file, 'users-own-key');
		await vault.ok(['logout', 'gpu', '--yes']);
		assert.equal(fs.readFileSync(file, 'utf8'), 'users-own-key');
	});
});

describe('logout with an encrypted secrets.json and a wrong or missing AUTHDECK_PASSPHRASE', () => {
	test('fails in one line and keeps the account and its encrypted secret', async () => {
		requireBuild();
		const vault = await TempVault.create('file', {env: {AUTHDECK_PASSPHRASE: 'right horse'}});
		try {
			const key = plantedKey('');
			const saved = await login(vault, key, ['--provider', 'vapi', '--email', 'p@example.com']);
			assert.equal(saved.code, 0, describeRun(saved));
			const secrets = fs.readFileSync(vault.secretsFile);
			for (const passphrase of ['wrong battery', undefined]) {
				const env = {...vault.env, AUTHDECK_PASSPHRASE: passphrase};
				const run = await runCli(['logout', '--yes'], {env});
				assert.notEqual(run.code, 0, describeRun(run));
				assert.equal(stderrLines(run).length, 1, describeRun(run));
				assert.match(run.stderr, /^authdeck: could not delete the secrets, so nothing was removed/);
				assert.equal(
					(JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as {accounts: unknown[]}).accounts
						.length,
					1,
					'the account is kept',
				);
				assert.ok(fs.readFileSync(vault.secretsFile).equals(secrets), 'secrets.json untouched');
			}

			const shown = await runCli(['token', '--show'], {env: vault.env});
			assert.equal(shown.stdout, `${key}\n`, 'the secret still opens with the right passphrase');
		} finally {
			await vault.cleanup();
		}
	});
});
