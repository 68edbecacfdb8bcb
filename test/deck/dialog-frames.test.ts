/**
 * Every frame the deck draws shows an open dialog where its own height places it (dialogTop), not
 * only the frame it settles on: a wizard's next question, taller or shorter than the last, never
 * stands for a frame at the previous question's row. The real binary in a pty, every whole frame
 * (between Ink's synchronized-update marks) looked at.
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {dialogTop} from '../../source/deck/components/dialog-layer.js';
import {useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
});

/**
 * Where the open dialog is in `screen` and where its height places it, as rows of the panel grid;
 * undefined when no dialog is drawn whole.
 */
function placement(screen: string): {top: number; placed: number; rows: number} | undefined {
	const lines = screen.split('\n');
	const gridTop = lines.findIndex((line) => line.startsWith('┌'));
	const gridBottom =
		lines.length - 1 - [...lines].reverse().findIndex((line) => line.startsWith('└'));
	const top = lines.findIndex((line) => line.includes('╭'));
	const bottom = lines.findIndex((line, at) => at > top && line.includes('╰'));
	if (gridTop === -1 || top === -1 || bottom === -1) return undefined;
	const height = gridBottom - gridTop + 1;
	// The rows on which a panel of the right column draws a horizontal border: its corner ends the line.
	const borders = lines
		.slice(gridTop + 1, gridBottom)
		.flatMap((line, at) => (/[┐┘]$/.test(line) ? [at + 1] : []));
	const rows = bottom - top + 1;
	return {top: top - gridTop, placed: dialogTop(rows, height, borders), rows};
}

for (const [columns, rows] of [
	[100, 30],
	[60, 16],
] as const) {
	test(`at ${columns}x${rows} no frame shows a wizard's question at another's row`, async () => {
		const deck = spawnDeck({env: vault().env, columns, rows});
		const misplaced: string[] = [];
		let seen = 0;
		const stop = deck.onFrame((screen) => {
			const where = placement(screen);
			if (!where) return;
			seen++;
			if (where.top !== where.placed) {
				misplaced.push(
					`a dialog of ${where.rows} rows at row ${where.top}, placed at ${where.placed}:\n${screen}`,
				);
			}
		});
		try {
			await deck.waitForText('4 Credentials');
			// The add-account wizard: each question has a height of its own.
			const steps: [string | RegExp, ...string[]][] = [
				['│ Provider', 'a'],
				[/│ Method/, 'enter'],
				[/│ Alias/, 'enter'],
				[/│ Email/, 'ops-team', 'enter'],
				[/│ Organization/, 'enter'],
				[/│ Environment/, 'enter'],
				[/│ Protected/, 'down', 'enter'],
				[/│ API key/, 'enter'],
			];
			for (const [text, ...keys] of steps) {
				deck.press(...keys);
				await deck.waitForText(text);
				// Past the throttle's trailing edge (17 ms at 60 frames a second), where a late frame fell.
				await new Promise((resolve) => setTimeout(resolve, 120));
			}

			deck.press('escape');
			await deck.waitForNoText('Add an account');
			stop();
			assert.ok(seen >= steps.length, `the wizard's frames were seen (${seen})`);
			assert.deepEqual(misplaced, []);
			deck.press('q');
			assert.equal((await deck.waitForExit()).exitCode, 0);
		} finally {
			stop();
			deck.kill();
		}
	});
}
