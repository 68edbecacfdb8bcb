/**
 * Moving through 1,000 accounts in the real terminal: the current account is selected and in view
 * from the first frame, g/G and home/end go to the ends, ctrl+d/ctrl+u move half a page, and a
 * clipped panel says where the cursor is and how much is below (`251/1000 ↓ 740 more`).
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';
import {lineWith} from '../helpers/wait.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().writeManyAccounts(1000);
	// The current account deep in the list: the first frame must scroll to it.
	const saved = vault().read();
	vault().writeVault({...saved, current: saved.accounts[742]?.id});
});

/** The top border of the accounts panel, which carries its position hint. */
const accountsBorder = (screen: string) => lineWith(screen, '1 Accounts').slice(0, 41);

test('1,000 accounts: the current one in view at once; g/G, home/end, ctrl+d/ctrl+u; the position', async () => {
	const deck = spawnDeck({env: vault().env});
	try {
		let screen = await deck.waitForText('1 Accounts');
		assert.match(
			lineWith(screen, '▸'),
			/user-00742/,
			'the current account is selected and in view',
		);
		assert.match(accountsBorder(screen), /\d+\/1000 ↓ \d+ more/);

		deck.press('G');
		screen = await deck.waitForText(/1000\/1000 ─/);
		assert.ok(lineWith(screen, '▸'), 'the last row is in view');
		deck.press('g');
		screen = await deck.waitForText(/ 1\/1000 ↓ \d+ more/);
		assert.match(lineWith(screen, '▸'), /user-/);
		deck.press('ctrl+d');
		await deck.waitForText(/ 6\/1000 ↓/);
		deck.press('ctrl+u');
		await deck.waitForText(/ 1\/1000 ↓/);
		deck.press('end');
		await deck.waitForText(/1000\/1000 ─/);
		deck.press('home');
		await deck.waitForText(/ 1\/1000 ↓/);

		// The token expiry panel is clipped too, and says so once it has the focus and moves.
		deck.press('3', 'G');
		screen = await deck.waitForText(/3 Token expiry.*1000\/1000/);
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});
