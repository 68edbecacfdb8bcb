/**
 * Type-ahead in the add-account wizard: keys that arrive in the same read as the Enter that moves
 * the wizard to its next question belong to that next question, never to the one just answered.
 * The built deck in a real pseudo-terminal; each `type` is one write, as a fast typist or ssh sends.
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';
import {status} from '../helpers/wait.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
});

test('keys after an Enter in the same write go to the next wizard field', async () => {
	const deck = spawnDeck({env: vault().env});
	try {
		await deck.waitForText('1 Accounts');
		deck.press('a');
		await deck.waitForText('Provider');
		deck.type('\r');
		await deck.waitForText('Method');
		// The Method choice, the alias and the email in ONE write: each lands in its own field.
		deck.type('\rmyalias\rjane@x.com');
		let screen = await deck.waitForText('› jane@x.com');
		assert.match(screen, /Alias: myalias/);
		assert.match(screen, /│ Email/);

		// The email's Enter, the organization and a DEL, again in one write.
		deck.type('\rAcme\u007F');
		screen = await deck.waitForText('› Acm');
		assert.match(screen, /Email: jane@x\.com/);
		assert.match(screen, /│ Organization/);
		deck.press('escape');
		await deck.waitForNoText('Add an account');
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
		assert.equal((await status(vault().env)).total, 3);
	} finally {
		deck.kill();
	}
});
