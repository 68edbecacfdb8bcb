/**
 * Every key that arrives is handled: the built deck in a real pseudo-terminal, keys written as a
 * terminal delivers them — several to one write (a fast typist, ssh, a held key), pastes bracketed
 * or not — each handled in order.
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';
import {lineWith, status, until} from '../helpers/wait.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
});

// First: the test after it removes gpu.
test('keys typed as the deck opens are handled, not echoed: down and enter switch', async () => {
	const deck = spawnDeck({env: vault().env, columns: 60, rows: 16});
	try {
		// The moment the deck takes the screen, before its first frame: a typist who did not wait.
		await deck.waitForOutput('\u001B[?1049h');
		deck.press('down', 'enter');
		await deck.waitForText(/switched to gpu \(vast\)/);
		await until(
			async () => (await status(vault().env)).current?.alias === 'gpu',
			'the switch is saved',
		);
		assert.ok(!deck.screenText().includes('^['), 'the arrow was not echoed');
		deck.press('k', 'enter');
		await deck.waitForText(/switched to prod \(vapi\)/);
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});

test('keys in one write: k+enter switches, j+enter switches back, d+alias+enter removes', async () => {
	const deck = spawnDeck({env: vault().env});
	try {
		await deck.waitForText('current: prod (vapi)');
		deck.type('k\r');
		await deck.waitForText('current: client-a (vapi)');
		await until(
			async () => (await status(vault().env)).current?.alias === 'client-a',
			'the switch is saved',
		);
		deck.type('j\r');
		await deck.waitForText('current: prod (vapi)');

		// gpu is the last row: G is not there yet in every build, so walk down to it.
		deck.type('jjjj');
		await deck.waitForText(/▸ .*gpu/);
		// gpu is a production account: d opens the type-to-confirm dialog, which takes the alias and
		// the enter that arrive in the same write.
		deck.type('dgpu\r');
		await deck.waitForNoText(/▸ .*gpu/);
		await until(async () => (await status(vault().env)).total === 2, 'gpu is removed on disk');
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});

test('the wizard: arrows, typed text with its enter, DELs, line editing, paste, resize', async () => {
	const deck = spawnDeck({env: vault().env});
	try {
		await deck.waitForText('1 Accounts');
		deck.press('a');
		let screen = await deck.waitForText('Provider');
		const selected = () => lineWith(deck.screenText(), '❯');
		assert.match(selected(), /\(api-key\)/);
		// Two Down arrows in one write move the list twice.
		deck.type('\u001B[B\u001B[B');
		await deck.waitForText(/❯ .*\(vantage\)/);
		deck.type('\u001B[A\u001B[A\r');
		await deck.waitForText('Method');
		deck.type('\r');
		await deck.waitForText(/│ Alias/);

		// Text and its Enter in one write: the text is kept, not "Alias: —".
		deck.type('ops-team\r');
		screen = await deck.waitForText(/│ Email/);
		assert.match(screen, /Alias: ops-team/);

		// Three DELs in one write delete three characters.
		deck.type('ops@example.orgxyz');
		await deck.waitForText('ops@example.orgxyz');
		deck.type('\u007F\u007F\u007F');
		screen = await deck.waitForNoText('orgxyz');
		assert.match(screen, /› ops@example\.org/);

		// An invalid value stays in its field with the error beside it.
		deck.type('\u0015not an email\r');
		screen = await deck.waitForText(/email/i);
		await until(async () => /› not an email/.test(deck.screenText()), 'the value stays');
		// ctrl+w deletes a word, ctrl+u clears; neither types a letter.
		deck.type('\u0017');
		await deck.waitForText(/› not an +│/);
		deck.type('\u0015ops@example.org\r');
		screen = await deck.waitForText(/│ Organization/);
		assert.match(screen, /Email: ops@example\.org/);

		// ctrl+a then text inserts at the start; ctrl+e, ctrl+k at the end does nothing.
		deck.type('Labs\u0001Acme \u0005\u000B');
		await deck.waitForText('› Acme Labs');
		deck.type('\u0015');
		await deck.waitForNoText('Acme Labs');
		// A bracketed paste with a trailing newline: the text goes in and the newline submits.
		deck.type('\u001B[200~Acme Labs\r\n\u001B[201~');
		screen = await deck.waitForText('Organization: Acme Labs');
		assert.ok(!deck.screenText().includes('[200~'), 'the paste markers are not typed');

		// A resize through "too small" and back keeps the open wizard and its answers.
		assert.match(screen, /│ Environment/);
		deck.resize(50, 12);
		await deck.waitForText('terminal too small (50x12)');
		deck.resize(100, 30);
		screen = await deck.waitForText('Organization: Acme Labs');
		assert.match(screen, /Alias: ops-team/);
		deck.type('\r');
		screen = await deck.waitForText(/│ API key/);
		assert.match(screen, /Environment: production/);

		// A masked input shows one * per character, never the text; an unbracketed paste too.
		deck.type('sk-test');
		await deck.waitForText(/› \*{7} +│/);
		assert.ok(!deck.screenText().includes('sk-test'));
		deck.press('escape');
		await deck.waitForNoText('Add an account');
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
		// Nothing was saved by the cancelled wizard.
		assert.equal((await status(vault().env)).total, 2);
	} finally {
		deck.kill();
	}
});
