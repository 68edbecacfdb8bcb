import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {
	type BackendName,
	describeBackends,
	oneErrorLine,
	type Seeded,
	type TempVault,
	useSeededVault,
} from '../../helpers/cli.js';

describeBackends('token', (backend: BackendName) => {
	let vault: TempVault;
	let seeded: Seeded;
	useSeededVault(backend, (fresh) => {
		({vault, seeded} = fresh);
	});

	test('masked by default; --show prints the raw key and nothing else', async () => {
		const {clientKey, prodKey} = seeded;
		const masked = await vault.ok(['token']);
		assert.equal(masked.stdout, `sk-client_****${clientKey.slice(-4)}\n`);
		assert.equal(masked.stderr, '');
		assert.equal((await vault.ok(['token', 'prod'])).stdout, 'sk-prod_****efgh\n');
		const raw = await vault.ok(['token', '--show', 'prod']);
		assert.equal(raw.stdout, `${prodKey}\n`);
		assert.equal(raw.stderr, '');
	});

	test('--json says whether the value is masked', async () => {
		const masked = JSON.parse((await vault.ok(['token', 'prod', '--json'])).stdout);
		assert.deepEqual(masked, {account: 'prod', token: 'sk-prod_****efgh', masked: true});
		const shown = JSON.parse((await vault.ok(['token', 'prod', '--json', '--show'])).stdout);
		assert.deepEqual(shown, {account: 'prod', token: seeded.prodKey, masked: false});
	});

	test('follows AUTHDECK_ACCOUNT and a .authdeck file in a parent directory', async () => {
		const env = await vault.ok(['token', '--show'], {env: {AUTHDECK_ACCOUNT: 'prod'}});
		assert.equal(env.stdout, `${seeded.prodKey}\n`);
		const nested = path.join(vault.cwd, 'repo', 'src');
		fs.mkdirSync(nested, {recursive: true});
		fs.writeFileSync(path.join(vault.cwd, 'repo', '.authdeck'), 'prod\n');
		const pinned = await vault.ok(['token', '--show'], {cwd: nested});
		assert.equal(pinned.stdout, `${seeded.prodKey}\n`);
	});

	test('an unknown account is one line naming the known ones', async () => {
		assert.match(
			oneErrorLine(await vault.run(['token', '--show', 'ghost'])),
			/no account matches "ghost"; known accounts: client-a, prod/,
		);
	});

	test('an account whose secret is missing from the backend says to sign in again', async () => {
		if (backend === 'file') {
			fs.writeFileSync(
				path.join(vault.configDir, 'secrets.json'),
				JSON.stringify({version: 1, entries: {}}),
			);
		} else {
			// Removed behind authdeck's back, as a user clearing their keyring would.
			execFileSync('secret-tool', [
				'clear',
				'service',
				'authdeck',
				'account',
				`account:${seeded.client.id}`,
			]);
			assert.equal(vault.storedSecret(seeded.client.id), undefined);
		}

		const line = oneErrorLine(await vault.run(['token', '--show', 'client-a']));
		assert.match(line, /no secret is stored for "client-a"; sign in again/);
	});
});
