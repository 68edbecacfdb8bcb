import assert from 'node:assert/strict';
import {afterEach, beforeEach, test} from 'node:test';
import {
	type BackendName,
	describeBackends,
	oneErrorLine,
	plantedKey,
	type Seeded,
	seedAccounts,
	TempVault,
} from '../helpers/cli.js';

describeBackends('logout', (backend: BackendName) => {
	let vault: TempVault;
	let seeded: Seeded;
	beforeEach(async () => {
		vault = await TempVault.create(backend);
		seeded = await seedAccounts(vault);
	});
	afterEach(async () => {
		await vault.cleanup();
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
		await vault.ok(['logout']);
		assert.deepEqual(
			vault.config().accounts.map((a) => a.alias),
			['prod'],
		);
		assert.equal(vault.storedSecret(seeded.client.id), undefined);
	});

	test('--all forgets every account and every secret', async () => {
		const gpuKey = plantedKey('');
		const gpu = await vault.login(gpuKey, ['--provider', 'vast', '--alias', 'gpu']);
		const result = await vault.ok(['logout', '--all', '--json']);
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

		// The vast key file was the user's copy for the vastai CLI; its secret store entry is gone.
		assert.equal(vault.storedSecret(gpu.id), undefined);
		assert.equal((await vault.ok(['logout', '--all'])).stdout, 'No accounts to log out\n');
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
