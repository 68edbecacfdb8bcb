/**
 * The deck with storage: pass, on the real `pass` and `gpg`, through the built binary in a
 * pseudo-terminal: the header names the backend, reveal decrypts from the store, remove deletes there.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {after, before, describe, test} from 'node:test';
import type {Account} from '../../source/domain.js';
import {TempVault} from '../helpers/cli.js';
import {PassHome, passSkipReason} from '../helpers/pass-home.js';
import {binary, spawnDeck} from '../helpers/pty.js';

describe('the deck with storage: pass', {skip: passSkipReason(), timeout: 180_000}, () => {
	let base: TempVault;
	let vault: TempVault;
	let member: PassHome;
	let accounts: Account[];
	const entry = (alias: string) =>
		`authdeck/account/${(accounts.find((a) => a.alias === alias) as Account).id}`;

	before(async () => {
		assert.ok(fs.existsSync(binary), `${binary} is missing: run npm run build first`);
		base = await TempVault.create();
		member = PassHome.create(base.base, 'alice');
		vault = base.withEnv({...member.env, AUTHDECK_STORAGE: 'pass'});
		accounts = await vault.seedSample();
		const context = await vault.open();
		await context.store.dispatch({type: 'settings-changed', settings: {revealTimeout: 2}});
		assert.ok(!fs.existsSync(vault.secretsFile), 'no secrets file');
		assert.equal(member.entries().length, accounts.length);
	});

	after(async () => {
		member?.cleanup();
		await base?.cleanup();
	});

	test('reveal (s, alias typed) decrypts the key from pass; remove (d, y) deletes its entry', async () => {
		const deck = spawnDeck({env: vault.env});
		try {
			let screen = await deck.waitForText('1 Accounts');
			assert.match(screen, /storage: pass/);
			deck.press('s');
			await deck.waitForText('Show the secret of prod');
			// prod is a production account: its alias is typed to confirm.
			deck.type('prod\r');
			screen = await deck.waitForText(/sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz|password store|cannot/);
			assert.match(screen, /sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz/, screen);
			await deck.waitForNoText('sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz');

			deck.press('up');
			await deck.waitForText(/▸ +client-a/);
			deck.press('d');
			await deck.waitForText('Remove client-a and delete its secrets?');
			deck.press('y');
			screen = await deck.waitForText(/Removed client-a|could not|password store/);
			assert.match(screen, /Removed client-a/, screen);
			deck.press('q');
			assert.equal((await deck.waitForExit()).exitCode, 0);
		} finally {
			deck.kill();
		}

		assert.ok(!member.entries().includes(entry('client-a')), 'the removed key left the store');
		assert.deepEqual(JSON.parse(member.show(entry('prod'))), {
			apiKey: 'sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz',
		});
	});
});
