/**
 * Guardrails for production, in the real terminal: `config set-account ALIAS protected true`, the
 * header's badge and message on a switch to a guarded account, and removing one only once its alias
 * is typed (a y, or the alias typed wrong, does nothing).
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';
import {cli, lineWith, status} from '../helpers/wait.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
});

test('config set-account: protected true|false, anything else refused', async () => {
	const env = vault().env;
	assert.match(
		(await cli(env, ['config', 'set-account', 'client-a', 'protected', 'true'])).stdout,
		/client-a is protected: removing or revealing it asks for its alias/,
	);
	assert.equal(
		vault()
			.read()
			.accounts.find((a) => a.alias === 'client-a')?.protected,
		true,
	);
	await assert.rejects(cli(env, ['config', 'set-account', 'client-a', 'protected', 'maybe']), {
		stderr: 'authdeck: usage: authdeck config set-account <account> protected true|false\n',
	});
	await assert.rejects(cli(env, ['config', 'set-account', 'client-a', 'colour', 'true']), {
		stderr: "authdeck: unknown account setting 'colour'; account settings are: protected\n",
	});
	await assert.rejects(cli(env, ['config', 'set-account', 'nobody', 'protected', 'true']));
	assert.match(
		(await cli(env, ['config', 'set-account', 'prod', 'protected', 'false'])).stdout,
		/prod is no longer protected, but stays guarded as a production account/,
	);
});

test('a switch to a protected account says so; removing it asks for its alias to be typed', async () => {
	await cli(vault().env, ['config', 'set-account', 'client-a', 'protected', 'true']);
	const deck = spawnDeck({env: vault().env});
	try {
		let screen = await deck.waitForText('current: prod (vapi)');
		assert.match(lineWith(screen, 'current:'), /PROD/, 'the header shows the environment badge');
		deck.press('up');
		await deck.waitForText(/▸ +client-a/);
		deck.press('enter');
		screen = await deck.waitForText('current: client-a (vapi)');
		assert.match(lineWith(screen, 'current:'), /STG ⚑/);
		screen = await deck.waitForText('a protected account; commands now act on it');
		assert.match(screen, /switched to client-a \(vapi\)/);

		// d, then y and enter in one read, as a habit of y/N would type them: nothing is removed.
		deck.press('d');
		screen = await deck.waitForText('Remove client-a and delete its secrets?');
		assert.match(screen, /Type client-a to confirm/);
		deck.type('y\r');
		await deck.waitForText('that is not client-a');
		deck.press('escape');
		await deck.waitForNoText('Type client-a to confirm');
		assert.equal((await status(vault().env)).total, 3, 'nothing was removed');

		// The alias and enter in one write, as a paste: removed.
		deck.press('d');
		await deck.waitForText('Type client-a to confirm');
		deck.type('client-a\r');
		await deck.waitForText('Removed client-a');
		assert.equal((await status(vault().env)).total, 2);
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});
