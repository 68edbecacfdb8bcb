/**
 * The `?` overlay in the real terminal at 80x24 and 60x16: scrolled from top to bottom (j on the
 * panels' page, pagedown on the dialogs' page), every binding's keys and description are shown,
 * grouped, every line of the frame is whole (nothing overprinted), and no line is skipped.
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {
	type Binding,
	keyLabel,
	modeBindings,
	panelBindings,
} from '../../source/deck/bindings/index.js';
import {useTempVault} from '../helpers/cli.js';
import {type Deck, spawnDeck} from '../helpers/pty.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
});

const indicator = /│ (\d+)-(\d+)\/(\d+)/;

/**
 * The rows inside the overlay's frame, checked whole: `│ ... │` from the frame's left corner to its
 * right one, on rows as wide as the terminal. The frame is drawn over the panels, whose title row
 * stays in view above it.
 */
function frameRows(screen: string, columns: number): string[] {
	const lines = screen.split('\n');
	const top = lines.findIndex((line) => line.includes('╭'));
	const bottom = lines.findIndex((line, index) => index > top && line.includes('╰'));
	assert.ok(top > 0 && bottom > top, `the frame is drawn whole:\n${screen}`);
	assert.match(lines[top - 1] ?? '', /┌ 1 Accounts .*┌ 2 Organization/, 'the panels are around it');
	const left = lines[top]?.indexOf('╭') ?? -1;
	const right = lines[top]?.indexOf('╮') ?? -1;
	assert.ok(left >= 0 && right > left, `the frame's top is whole:\n${screen}`);
	const rows = lines.slice(top + 1, bottom);
	for (const row of rows) {
		assert.equal(row.length, columns, `a row of the screen is whole: "${row}"\n${screen}`);
		const inside = row.slice(left, right + 1);
		assert.ok(inside.startsWith('│') && inside.endsWith('│'), `no overprint: "${row}"\n${screen}`);
	}

	return rows.map((row) => row.slice(left + 2, right).trimEnd());
}

/** Scrolls the open page from top to bottom with `key`, collecting each line by its number. */
async function readPage(deck: Deck, columns: number, key: string): Promise<string[]> {
	const seen = new Map<number, string>();
	let screen = deck.screenText();
	for (let presses = 0; presses < 200; presses++) {
		const rows = frameRows(screen, columns);
		const [, start, end, total] = (indicator.exec(screen) ?? []).map(Number);
		assert.ok(start && end && total, `the position is shown:\n${screen}`);
		// The rows after the title, up to the position line.
		const shown = rows.slice(1, 1 + (end - start + 1));
		for (const [index, row] of shown.entries()) {
			seen.set(start + index, row);
		}
		if (end === total) {
			assert.match(screen, /\d+\/\d+ {2}end/);
			assert.equal(seen.size, total, 'no line was skipped while scrolling');
			return [...seen.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
		}

		assert.match(screen, new RegExp(`↓ ${total - end} more`));
		deck.press(key);
		screen = await deck.waitForNoText(`│ ${start}-${end}/${total}`);
	}

	throw new Error('the end of the key list was never reached');
}

/** Every binding has a line that starts with its keys and goes on with its description's start. */
function assertListed(lines: readonly string[], bindings: readonly Binding[]): void {
	const text = lines.join('\n');
	for (const binding of bindings) {
		const keys = keyLabel(binding);
		const start = binding.description.split(' ').slice(0, 2).join(' ');
		const line = lines.find((row) => row.startsWith(`${keys} `) || row === keys);
		assert.ok(line !== undefined, `the keys "${keys}" are listed:\n${text}`);
		assert.ok(text.includes(start), `"${binding.description}" is listed:\n${text}`);
	}
}

for (const [columns, rows] of [
	[80, 24],
	[60, 16],
] as const) {
	test(`? at ${columns}x${rows}: every key, grouped, scrollable, nothing cut or overprinted`, async () => {
		const deck = spawnDeck({env: vault().env, columns, rows});
		try {
			await deck.waitForText('1 Accounts');
			deck.press('?');
			await deck.waitForText('Keys of the panels');
			const panels = await readPage(deck, columns, 'j');
			assertListed(panels, panelBindings);
			assert.ok(panels.includes('everywhere'), 'the global keys have their heading');
			assert.ok(panels.includes('accounts'), 'the accounts panel keys have theirs');

			// g goes back to the top; tab turns to the dialogs' page, read with pagedown.
			deck.press('g');
			await deck.waitForText(/│ 1-\d+\//);
			deck.press('tab');
			await deck.waitForText('Keys of the dialogs and the filter');
			await deck.waitForText(/│ 1-\d+\//);
			const dialogs = await readPage(deck, columns, 'pagedown');
			assertListed(dialogs, modeBindings);
			assert.ok(dialogs.includes('type-to-confirm dialog'));

			deck.press('escape');
			// The panels stay drawn under the overlay: wait for the overlay itself to go.
			await deck.waitForNoText('Keys of the');
			deck.press('q');
			assert.equal((await deck.waitForExit()).exitCode, 0);
		} finally {
			deck.kill();
		}
	});
}
