/** The status line in the real terminal: a long message wraps, whole, instead of losing its end. */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
});

test('a long message wraps at 60 columns and its end is shown; the frame still fits', async () => {
	const deck = spawnDeck({env: vault().env, columns: 60, rows: 16});
	try {
		await deck.waitForText('1 Accounts');
		// A production account's switch says so at length: the end of it must be on screen. It is a
		// warning, which stays until esc, so no fade can hide it from the wait. (This wait once timed out
		// on a loaded machine: the keys came before Ink turned raw mode on, and the Enter was lost; the
		// deck now turns it on before its first frame, as keys.test.ts checks.)
		deck.press('down', 'enter');
		const screen = await deck.waitForText(/commands now\s+act on it/);
		const lines = screen.split('\n');
		assert.ok(lines.length <= 16, 'the frame fits the terminal');
		assert.match(lines[0] ?? '', /authdeck/, 'the header is still the first row');
		assert.match(screen, /switched to gpu \(vast\): a production/);
		// The last row is left free (see app.tsx); the footer is the one above it.
		assert.match(lines[14] ?? '', /q\/ctrl\+c quit/, 'the footer is still drawn');
		assert.match(lines[13] ?? '', /act on it/, 'the end of the message, on the row above');
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});
