/**
 * Every action says what it did in the status line, and every refusal why: the built deck in a real
 * terminal, walked through switches, a rename, a refresh, an organization, a profile, a credential's
 * rotation and removal, an account's removal. Information fades after a few seconds; warnings and
 * errors stay until esc.
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {stripVTControlCharacters} from 'node:util';
import {addCredential} from '../../source/services/credentials.js';
import {useTempVault} from '../helpers/cli.js';
import {type Deck, spawnDeck} from '../helpers/pty.js';
import {until} from '../helpers/wait.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	const [clientA] = await vault().seedSample();
	const context = await vault().open();
	await addCredential(context, {
		accountId: clientA?.id ?? '',
		name: 'Webhook signing',
		type: 'hmac',
		secret: 'whsec-0123456789abcdef9f3a',
	});
});

/** What the program wrote, without its escape sequences: the text of every frame, in order. */
const written = (raw: string) => stripVTControlCharacters(raw);

/**
 * Presses `keys` (names, or text typed as is) and waits for `message` in the status line. An information message fades after a
 * few seconds, and a loaded machine may read two frames at once: so the wait looks at everything
 * written since the keys, not only at the screen as it is now.
 */
async function says(deck: Deck, keys: readonly string[], message: string): Promise<void> {
	const since = deck.raw().length;
	deck.press(...keys);
	await until(
		() => written(deck.raw().slice(since)).includes(message) || deck.screenText().includes(message),
		`the status line to say "${message}"; the screen:\n${deck.screenText()}`,
	);
}

test('each action announces itself; warnings stay until esc', async () => {
	const deck = spawnDeck({env: vault().env, columns: 100, rows: 30});
	try {
		await deck.waitForText('current: prod (vapi)');
		await says(deck, ['k', 'enter'], 'switched to client-a (vapi)');
		await says(
			deck,
			['-'],
			'switched to prod (vapi): a production account; commands now act on it',
		);
		// A warning outlives the fade of information, and esc clears it.
		await new Promise((resolve) => setTimeout(resolve, 4500));
		assert.match(deck.screenText(), /commands now act on it/, 'the warning is still shown');
		deck.press('escape');
		await deck.waitForNoText('commands now act on it');

		deck.press('g', 'e');
		await deck.waitForText('New alias for client-a');
		await says(deck, ['ctrl+u', 'agency\r'], 'Renamed client-a to agency');
		await says(deck, ['r'], 'agency uses an API key: keys do not expire and cannot be refreshed');
		deck.press('o');
		await deck.waitForText('enter/o use org');
		await says(deck, ['enter'], "Agency Ltd is now agency's organization");

		deck.press('p');
		await deck.waitForText('Switch profile');
		await says(deck, ['enter'], 'using profile default; current account: prod (vapi)');
		deck.press('escape');
		await deck.waitForNoText('using profile');

		// The credential of agency: rotated, then removed.
		deck.press('4');
		await deck.waitForText('4 Credentials (agency)');
		deck.press('R');
		await deck.waitForText('New secret for Webhook signing');
		await says(
			deck,
			['whsec-fedcba98765432100000\r'],
			'Rotated Webhook signing; the previous secret still verifies for 24h',
		);
		deck.press('d');
		await deck.waitForText('Remove credential Webhook signing?');
		await says(deck, ['y'], 'Removed credential Webhook signing and its secret');
		// A key that cannot apply says why, and that stays too.
		await says(deck, ['R'], 'this account has no credentials');

		// esc alone, then 1: an ESC and a key in one read are alt+key.
		deck.press('escape');
		await deck.waitForNoText('this account has no credentials');
		deck.press('1');
		await deck.waitForText(/^ enter switch/m);
		deck.press('g', 'd');
		await deck.waitForText('Remove agency and delete its secrets?');
		await says(deck, ['y'], 'Removed agency and its secrets');
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});
