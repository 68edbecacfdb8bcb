/**
 * Dialogs are drawn over the deck, not in place of it: a centred box over the panel grid, the
 * panels' titles and borders still in view around it, the box whole and its inside not mixed with
 * the rows under it; a wizard taller than the screen gives way (its earlier answers), never its
 * question, and a resize keeps it.
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
});

/** The dialog's box on screen: its rows, from corner to corner, checked whole and over the panels. */
function dialogBox(screen: string, columns: number, rows: number): string[] {
	const lines = screen.split('\n');
	const top = lines.findIndex((line) => /[╭╔]/.test(line));
	const bottom = lines.findIndex((line, at) => at > top && /[╰╚]/.test(line));
	assert.ok(top > 0 && bottom > top, `a dialog box is drawn:\n${screen}`);
	const left = lines[top]?.search(/[╭╔]/) ?? -1;
	const right = Math.max(lines[top]?.indexOf('╮') ?? -1, lines[top]?.indexOf('╗') ?? -1);
	// Over the grid, the panels in view around it: their titles above, their borders beside.
	assert.match(lines[1] ?? '', /^┌ 1 Accounts .*┌ 2 Organization/, `titles in view:\n${screen}`);
	assert.ok(top >= 2, 'the row of titles is not covered');
	assert.ok(bottom <= rows - 4, `the box ends above the grid's bottom border:\n${screen}`);
	assert.ok(left >= 2 && right <= columns - 3, `panel borders beside the box:\n${screen}`);
	const box = lines.slice(top, bottom + 1);
	for (const line of box) {
		assert.equal(line.length, columns, `the row is whole: "${line}"`);
		assert.match(line, /^│/, `the accounts panel's border is beside the box: "${line}"`);
		assert.match(line[left] ?? '', /[│║╭╰╔╚]/, `the box's left edge is whole: "${line}"`);
		assert.match(line[right] ?? '', /[│║╮╯╗╝]/, `the box's right edge is whole: "${line}"`);
	}

	return box.map((line) => line.slice(left + 1, right).trim());
}

for (const [columns, rows] of [
	[100, 30],
	[80, 24],
	[60, 16],
] as const) {
	test(`at ${columns}x${rows} the dialogs are drawn over the panels, which stay in view`, async () => {
		const deck = spawnDeck({env: vault().env, columns, rows});
		try {
			await deck.waitForText('4 Credentials');
			// The confirm dialog, on client-a (a staging account).
			deck.press('k', 'd');
			let box = dialogBox(await deck.waitForText('Confirm?'), columns, rows);
			assert.ok(box.includes('Remove client-a and delete its secrets?'), box.join('\n'));
			assert.ok(box.includes('Confirm? y/N'), 'nothing of the panels under it shows through');
			deck.press('n');
			await deck.waitForNoText('Confirm?');

			// The type-to-confirm dialog on prod, a production account.
			deck.press('j', 'd');
			box = dialogBox(await deck.waitForText('Type prod to confirm'), columns, rows);
			assert.ok(box.includes('prod is a production account.'), box.join('\n'));
			deck.press('escape');
			await deck.waitForNoText('to confirm');

			// The add-account wizard, walked to its later questions: it fits, the question whole.
			deck.press('a');
			await deck.waitForText('Provider');
			deck.type('\r');
			await deck.waitForText(/│ Method/);
			deck.type('\r');
			await deck.waitForText(/│ Alias/);
			deck.type('ops-team\r');
			await deck.waitForText(/│ Email/);
			deck.type('ops@example.org\r');
			await deck.waitForText(/│ Organization/);
			deck.type('Acme Labs\r');
			box = dialogBox(await deck.waitForText(/│ ❯ production/), columns, rows);
			assert.ok(box[1]?.startsWith('Add an account'), 'the title is the first row');
			assert.ok(box.includes('Environment'), `the question is whole:\n${box.join('\n')}`);
			assert.ok(box.includes('Organization: Acme Labs'), 'the last answer is in view');
			const cut = box.find((row) => /^↑ \d+ more answered above$/.test(row));
			if (columns === 60) {
				assert.ok(cut, `the earlier answers give way, and it says so:\n${box.join('\n')}`);
			} else {
				assert.ok(box.includes('Alias: ops-team'), 'every answer fits');
			}

			// A resize to the smallest size and back keeps the wizard where it was.
			deck.resize(60, 16);
			box = dialogBox(await deck.waitForText('↑'), 60, 16);
			assert.ok(box.includes('Environment'), box.join('\n'));
			deck.resize(columns, rows);
			await deck.waitForText(/│ ❯ production/);
			if (columns > 60) await deck.waitForText('Alias: ops-team');
			deck.press('escape');
			await deck.waitForNoText('Add an account');
			deck.press('q');
			assert.equal((await deck.waitForExit()).exitCode, 0);
		} finally {
			deck.kill();
		}
	});
}
