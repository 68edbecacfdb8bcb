/**
 * The deck against the real Secret Service (gnome-keyring under with-keyring.sh), through the built
 * binary in a pseudo-terminal: every deck path that reads or writes a secret, and a keyring daemon
 * stopped under the open deck. The deck runs from V8's code cache (vm.Script), where the `import()`
 * that loaded keytar had no loader: these failed with "A dynamic import callback was not specified".
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import type {Account} from '../../source/domain.js';
import {TempVault} from '../helpers/cli.js';
import {keyringSkipReason, secretToolLookup} from '../helpers/keyring.js';
import {withKeyringStopped} from '../helpers/keyring-daemon.js';
import {binary, spawnDeck} from '../helpers/pty.js';
import {status} from '../helpers/wait.js';

const skip = keyringSkipReason();

const stored = (account: Account) =>
	secretToolLookup({service: 'authdeck', account: `account:${account.id}`});

describe('the deck with storage: keychain', {skip, timeout: 180_000}, () => {
	let vault: TempVault;
	let accounts: Account[];
	const byAlias = (alias: string) => accounts.find((a) => a.alias === alias) as Account;

	before(async () => {
		assert.ok(fs.existsSync(binary), `${binary} is missing: run npm run build first`);
		vault = await TempVault.create('keychain');
		accounts = await vault.seedSample();
		const context = await vault.open();
		// The vast key file is written only with sync-files on for vast (it holds the key in plaintext).
		await context.store.dispatch({
			type: 'settings-changed',
			settings: {revealTimeout: 2, syncFiles: {vast: true}},
		});
		assert.equal(
			fs.existsSync(path.join(vault.configDir, 'secrets.json')),
			false,
			'no secrets file',
		);
	});

	after(async () => {
		// What the tests left in the shared throwaway keyring.
		const {default: keytar} = await import('keytar');
		for (const account of accounts ?? []) {
			await keytar.deletePassword('authdeck', `account:${account.id}`).catch(() => false);
		}
		await vault?.cleanup();
	});

	test('reveal (s, y) reads the key from the keychain; remove (d, y) deletes it there', async () => {
		const deck = spawnDeck({env: vault.env});
		try {
			let screen = await deck.waitForText('1 Accounts');
			assert.match(screen, /storage: keychain/);
			deck.press('s');
			await deck.waitForText('Show the secret of prod');
			// prod is a production account: its alias is typed to confirm.
			deck.type('prod\r');
			screen = await deck.waitForText(/sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz|keychain unavailable/);
			assert.match(screen, /sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz/, screen);
			await deck.waitForNoText('sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz');

			deck.press('up');
			await deck.waitForText(/▸ +client-a/);
			deck.press('d');
			await deck.waitForText('Remove client-a and delete its secrets?');
			deck.press('y');
			screen = await deck.waitForText(/Removed client-a|could not|unavailable/);
			assert.match(screen, /Removed client-a/, screen);
			deck.press('q');
			assert.equal((await deck.waitForExit()).exitCode, 0);
		} finally {
			deck.kill();
		}

		assert.equal(stored(byAlias('client-a')), undefined, 'the removed key left the keychain');
		assert.deepEqual(JSON.parse(stored(byAlias('prod')) ?? 'null'), {
			apiKey: 'sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz',
		});
		assert.equal((await status(vault.env)).total, 2);
	});

	test('a switch writes the synced key file from the keychain', async () => {
		const keyFile = path.join(vault.xdgConfigHome, 'vastai', 'vast_api_key');
		const deck = spawnDeck({env: vault.env});
		try {
			await deck.waitForText('current: prod (vapi)');
			deck.press('down');
			await deck.waitForText(/▸ ✓ gpu/);
			deck.press('enter');
			await deck.waitForText('current: gpu (vast)');
			const deadline = Date.now() + 10_000;
			while (!fs.existsSync(keyFile) && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			assert.equal(fs.readFileSync(keyFile, 'utf8'), 'vastkey0000000000000000000gpu9');
			deck.press('-');
			await deck.waitForText('current: prod (vapi)');
			deck.press('q');
			assert.equal((await deck.waitForExit()).exitCode, 0);
		} finally {
			deck.kill();
		}
	});

	test('a keyring daemon stopped under the deck: it stays responsive, says the removal failed, keeps the account, quits at once', async () => {
		const deck = spawnDeck({env: vault.env});
		try {
			await deck.waitForText('current: prod (vapi)');
			await withKeyringStopped(async () => {
				deck.press('d');
				await deck.waitForText('Remove prod and delete its secrets?');
				// prod is a production account: its alias is typed to confirm.
				deck.type('prod\r');
				// The status line is cut at the screen's width: "keychain unavailable: reading a secret did …".
				const screen = await deck.waitForText(/could not delete the secrets|Removed prod/, 15_000);
				assert.match(
					screen,
					/could not delete the secrets, so nothing was removed: keychain unavailable/,
					screen,
				);
				assert.match(screen, /▸ ★ prod/, 'the account is still listed');

				// Still answering keys while the keychain hangs: the help overlay opens and closes.
				deck.press('?');
				await deck.waitForText(/Keys|keys/);
				deck.press('escape');
				// The panels stay drawn under the overlay: wait for the overlay itself to go.
				await deck.waitForNoText(/Keys of the/);

				// A reveal times out too, and says so.
				deck.press('s');
				await deck.waitForText('Show the secret of prod');
				deck.type('prod\r');
				await deck.waitForText(/^ keychain unavailable: reading a secret did not answer/m, 15_000);

				// Quitting does not wait for the calls that never answered.
				const started = Date.now();
				deck.press('q');
				assert.equal((await deck.waitForExit(10_000)).exitCode, 0);
				assert.ok(Date.now() - started < 5000, `quit took ${Date.now() - started} ms`);
			});
		} finally {
			deck.kill();
		}

		const saved = await status(vault.env);
		assert.equal(saved.total, 2, 'the account is kept');
		assert.ok(stored(byAlias('prod')), 'and so is its secret');
	});
});
