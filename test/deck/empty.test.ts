/** The deck on a vault with no account: what it says is true, and says what to do. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

test('no account yet: o and s say to press a, not that the account has no organizations', async () => {
	const deck = spawnDeck({env: vault().env});
	try {
		await deck.waitForText('no accounts yet: press a to add one');
		for (const key of ['o', 's']) {
			deck.press(key);
			const screen = await deck.waitForText('no account yet: press a to add one');
			assert.ok(!screen.includes('has no organizations'), screen);
			deck.press('escape');
			await deck.waitForNoText('no account yet: press a');
		}

		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});
