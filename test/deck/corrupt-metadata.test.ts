/**
 * The metadata file becomes corrupt while the deck is open: the deck says so in its status line and
 * keeps saying it, refuses changes it cannot save, and never shows a switch as done that was not
 * saved. The built deck in a real pseudo-terminal; the file is overwritten as another program would.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {before, test} from 'node:test';
import {useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
});

const header = (screen: string) => screen.split('\n')[0] ?? '';

test('a config.json that turns corrupt: an error that stays, and a switch that is not shown as done', async () => {
	const deck = spawnDeck({env: vault().env});
	try {
		await deck.waitForText('current: prod (vapi)');
		fs.writeFileSync(vault().configFile, '{"version": 1, "accounts": [ garbage');
		let screen = await deck.waitForText(/config\.json/);
		assert.match(screen, /corrupt|cannot be read|invalid|not valid/i);

		// A switch key: the deck says it cannot save, and the header keeps the current account.
		deck.type('k\r');
		screen = await deck.waitForText(/cannot save|could not save|not saved/i);
		assert.match(header(screen), /current: prod \(vapi\)/);
		// Later frames too: no switch shown as done, and the error stays in the status line.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		screen = deck.screenText();
		assert.match(header(screen), /current: prod \(vapi\)/);
		assert.match(screen, /cannot save: .*config\.json/);
		assert.equal(
			fs.readFileSync(vault().configFile, 'utf8'),
			'{"version": 1, "accounts": [ garbage',
		);
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});
