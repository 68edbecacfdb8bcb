import assert from 'node:assert/strict';
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

describeBackends('alias', (backend: BackendName) => {
	let vault: TempVault;
	let seeded: Seeded;
	useSeededVault(backend, (fresh) => {
		({vault, seeded} = fresh);
	});

	test('renames; the account keeps its id and secret and answers to the new alias', async () => {
		assert.equal(
			(await vault.ok(['alias', 'client-a', 'client-b'])).stdout,
			'Renamed to client-b\n',
		);
		const renamed = vault.config().accounts.find((a) => a.id === seeded.client.id);
		assert.equal(renamed?.alias, 'client-b');
		assert.equal((await vault.ok(['token', '--show', 'client-b'])).stdout, `${seeded.clientKey}\n`);
		assert.match(oneErrorLine(await vault.run(['switch', 'client-a'])), /no account matches/);
		await vault.ok(['alias', 'john@company.com', 'main']);
		assert.equal((await vault.ok(['switch', 'main'])).stdout, 'Switched to main (vapi)\n');
	});

	test('hostile aliases are refused with what an alias may be (row 3), nothing changed', async () => {
		const before = fs.readFileSync(path.join(vault.configDir, 'config.json'));
		for (const alias of [
			'../../x',
			'..',
			'a/b',
			'a\\b',
			'a'.repeat(300),
			'Prod',
			'\u0430lias',
			'\uFF41\uFF42\uFF43',
			'-rf',
			'',
		]) {
			const line = oneErrorLine(await vault.run(['alias', 'prod', '--', alias]));
			assert.equal(
				line,
				'authdeck: invalid alias: an alias is 1-63 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter or digit',
				JSON.stringify(alias),
			);
		}

		assert.deepEqual(fs.readFileSync(path.join(vault.configDir, 'config.json')), before);
		// Nothing named after an alias anywhere: only the vault's folders, the commands' code cache and
		// the prompt's answer, which the login's write kept.
		assert.deepEqual(fs.readdirSync(vault.base).sort(), ['cache', 'config', 'home', 'work', 'xdg']);
		assert.deepEqual(
			fs
				.readdirSync(path.join(vault.base, 'cache', 'authdeck'))
				.filter((f) => !/^cli-cjs-|^prompt\.json$/.test(f)),
			[],
		);
	});

	test('the alias of another account is refused; an unknown account names the known ones', async () => {
		assert.match(
			oneErrorLine(await vault.run(['alias', 'prod', 'client-a'])),
			/alias "client-a" is already used by another account/,
		);
		assert.match(
			oneErrorLine(await vault.run(['alias', 'ghost', 'x'])),
			/no account matches "ghost"; known accounts: client-a, prod/,
		);
		assert.match(
			oneErrorLine(await vault.run(['alias', 'prod'])),
			/missing required argument 'new-alias'/,
		);
	});
});
