import assert from 'node:assert/strict';
import fs from 'node:fs';
import {describe, test} from 'node:test';
import {oneErrorLine, type Seeded, type TempVault, useSeededVault} from '../../helpers/cli.js';
import {spawnDeck} from '../../helpers/pty.js';

describe('confirmations before forgetting', () => {
	let vault: TempVault;
	let seeded: Seeded;
	useSeededVault('file', (fresh) => {
		({vault, seeded} = fresh);
	});

	const aliases = () =>
		vault
			.read()
			.accounts.map((account) => account.alias)
			.sort();

	test('without a terminal, a production account and --all need --yes', async () => {
		assert.equal(
			oneErrorLine(await vault.run(['logout', 'prod'])),
			'authdeck: logout of prod (production) needs confirmation: run it on a terminal, or add --yes',
		);
		assert.match(
			oneErrorLine(await vault.run(['logout', '--all'])),
			/^authdeck: logout --all needs confirmation: run it on a terminal, or add --yes$/,
		);
		assert.deepEqual(aliases(), ['client-a', 'prod']);
		// A staging account is not guarded: no question.
		await vault.ok(['logout', 'client-a']);
		await vault.ok(['logout', 'prod', '--yes']);
		assert.deepEqual(aliases(), []);
	});

	test('a protected account is guarded too', async () => {
		// No command sets it yet (the deck's work): written as that command would leave it.
		const stored = JSON.parse(fs.readFileSync(vault.configFile, 'utf8'));
		for (const account of stored.accounts) account.protected = account.alias === 'client-a';
		fs.writeFileSync(vault.configFile, JSON.stringify(stored));
		assert.match(
			oneErrorLine(await vault.run(['logout', 'client-a'])),
			/logout of client-a \(protected\) needs confirmation/,
		);
	});

	test('on a terminal: type the alias to log out of a production account', async () => {
		const wrong = spawnDeck({env: vault.env, args: ['logout', 'prod']});
		await wrong.waitForText('Type its alias to log out:');
		wrong.type('yes\r');
		assert.equal((await wrong.waitForExit()).exitCode, 1);
		assert.match(wrong.screenText(), /cancelled; nothing was changed/);
		assert.deepEqual(aliases(), ['client-a', 'prod']);

		const right = spawnDeck({env: vault.env, args: ['logout', 'prod']});
		await right.waitForText('prod is a production account. Type its alias to log out:');
		right.type('prod\r');
		assert.equal((await right.waitForExit()).exitCode, 0);
		assert.match(right.screenText(), /Logged out of prod/);
		assert.deepEqual(aliases(), ['client-a']);
	});

	test('on a terminal: logout --all asks y/N; Ctrl+C cancels', async () => {
		const cancelled = spawnDeck({env: vault.env, args: ['logout', '--all']});
		await cancelled.waitForText('Log out of all 2 accounts and delete their secrets? [y/N]');
		cancelled.press('ctrl+c');
		assert.equal((await cancelled.waitForExit()).exitCode, 1);
		assert.deepEqual(aliases(), ['client-a', 'prod']);

		const yes = spawnDeck({env: vault.env, args: ['logout', '--all']});
		await yes.waitForText('[y/N]');
		yes.type('y\r');
		assert.equal((await yes.waitForExit()).exitCode, 0);
		assert.deepEqual(aliases(), []);
	});

	test("credential remove of a production account's credential asks for the alias", async () => {
		await vault.ok(
			['credential', 'add', '--name', 'Hook', '--type', 'bearer', '--account', 'prod'],
			{
				input: 'secret-0123456789abcdef',
			},
		);
		assert.match(
			oneErrorLine(await vault.run(['credential', 'remove', 'Hook'])),
			/removing a credential of prod \(production\) needs confirmation/,
		);
		const asked = spawnDeck({env: vault.env, args: ['credential', 'remove', 'Hook']});
		await asked.waitForText('Type prod to remove it:');
		asked.type('prod\r');
		assert.equal((await asked.waitForExit()).exitCode, 0);
		assert.equal(vault.read().credentials.length, 0);
		assert.ok(seeded.prod.id);
	});
});
