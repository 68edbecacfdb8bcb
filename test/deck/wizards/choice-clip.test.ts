/**
 * A wizard's or picker's list that shows fewer rows than it has says how much is out of view, with
 * the panels' hint (`3/9 ↓ 6 more`, and `↑ N more` once scrolled): the real binary in a pty at
 * 60x16, where the lists clip, and at 100x30, where they do not.
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {useTempVault} from '../../helpers/cli.js';
import {type Deck, spawnDeck} from '../../helpers/pty.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

/** Five providers of the user's own besides the four built in: nine to choose from. */
const custom = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
/** Profiles besides default: eleven in all. */
const profiles = Array.from({length: 10}, (_, at) => `team-${at}`);

before(async () => {
	await vault().seedSample();
	for (const name of custom) {
		await vault().ok(['provider', 'add', name, '--kind', 'api-key']);
	}

	for (const name of profiles) {
		await vault().ok(['profile', 'create', name]);
	}
});

/** The rows of the open dialog between its side borders, trimmed. */
function dialogRows(screen: string): string[] {
	const lines = screen.split('\n');
	const top = lines.findIndex((line) => line.includes('╭'));
	const bottom = lines.findIndex((line, at) => at > top && line.includes('╰'));
	assert.ok(top > 0 && bottom > top, `a dialog is open:\n${screen}`);
	return lines.slice(top + 1, bottom).map((line) => {
		const left = line.indexOf('│', 1);
		const right = line.lastIndexOf('│', line.length - 3);
		return line.slice(left + 1, right).trim();
	});
}

/** The choices on screen (the rows that start with the cursor or its indent, not the hint). */
const choiceRows = (rows: readonly string[], names: readonly string[]) =>
	rows.filter((row) => names.some((name) => row.replace(/^❯ /, '').includes(name)));

const settle = async (deck: Deck) => {
	await new Promise((resolve) => setTimeout(resolve, 300));
	return deck.screenText();
};

test('at 60x16 the provider list says how many providers are below, then above', async () => {
	const deck = spawnDeck({env: vault().env, columns: 60, rows: 16});
	try {
		await deck.waitForText('4 Credentials');
		deck.press('a');
		await deck.waitForText('│ Provider');
		let rows = dialogRows(await settle(deck));
		const providers = [
			'(api-key)',
			'(vapi)',
			'(vantage)',
			'(vast)',
			...custom.map((n) => `(${n})`),
		];
		const shown = choiceRows(rows, providers);
		assert.ok(shown.length >= 2 && shown.length < 9, `the list is clipped:\n${rows.join('\n')}`);
		assert.ok(
			rows.includes(`1/9 ↓ ${9 - shown.length} more`),
			`the hint counts the providers below:\n${rows.join('\n')}`,
		);

		// Up from the first wraps to the last: the window is at the end, the hint says what is above.
		deck.press('up');
		rows = dialogRows(await deck.waitForText('9/9 ↑'));
		assert.ok(rows.includes(`9/9 ↑ ${9 - shown.length} more`), rows.join('\n'));
		assert.match(rows.find((row) => row.startsWith('❯')) ?? '', /\(echo\)/);

		// Into the middle: both directions.
		for (let n = 0; n < shown.length; n++) deck.press('up');
		const middle = 9 - shown.length;
		rows = dialogRows(await deck.waitForText(new RegExp(`${middle}/9 ↑`)));
		const hint = rows.find((row) => row.startsWith(`${middle}/9`)) ?? '';
		const above = Number(/↑ (\d+) more/.exec(hint)?.[1]);
		const below = Number(/↓ (\d+) more/.exec(hint)?.[1]);
		assert.equal(above + below + choiceRows(rows, providers).length, 9, hint);
		assert.ok(above > 0 && below > 0, `scrolled into the middle: ${hint}`);

		// A list that fits says nothing: the method list of an API-key provider.
		// Back down past the last to the first (wrapping round): the window back at the top.
		for (let n = 0; n <= shown.length; n++) deck.press('down');
		await deck.waitForText(`1/9 ↓ ${9 - shown.length} more`);
		deck.type('\r');
		await deck.waitForText(/│ Method/);
		rows = dialogRows(await settle(deck));
		assert.ok(!rows.some((row) => /more/.test(row)), rows.join('\n'));
		deck.press('escape');
		await deck.waitForNoText('Add an account');

		// The profile picker: eleven profiles at 60x16.
		deck.press('p');
		rows = dialogRows(await deck.waitForText('Switch profile'));
		const names = ['default', ...profiles];
		const picked = choiceRows(rows, names);
		assert.ok(picked.length < 11, `the picker is clipped:\n${rows.join('\n')}`);
		assert.ok(rows.includes(`1/11 ↓ ${11 - picked.length} more`), rows.join('\n'));
		deck.press('up');
		rows = dialogRows(await deck.waitForText('11/11 ↑'));
		assert.ok(rows.includes(`11/11 ↑ ${11 - picked.length} more`), rows.join('\n'));
		assert.match(rows.find((row) => row.startsWith('❯')) ?? '', /team-9/);
		deck.press('escape');
		await deck.waitForNoText('Switch profile');
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});

test('at 100x30 every provider and profile fits and no hint is drawn', async () => {
	const deck = spawnDeck({env: vault().env, columns: 100, rows: 30});
	try {
		await deck.waitForText('4 Credentials');
		deck.press('a');
		await deck.waitForText('(echo)');
		let rows = dialogRows(await settle(deck));
		assert.equal(choiceRows(rows, custom).length, 5, rows.join('\n'));
		assert.ok(!rows.some((row) => /more/.test(row)), rows.join('\n'));
		deck.press('escape');
		await deck.waitForNoText('Add an account');
		deck.press('p');
		await deck.waitForText('team-9');
		rows = dialogRows(await settle(deck));
		assert.ok(!rows.some((row) => /more/.test(row)), rows.join('\n'));
		deck.press('escape');
		await deck.waitForNoText('Switch profile');
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});
