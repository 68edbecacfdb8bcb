/**
 * A dialog keeps its own border whole, apart from the panels': neither its top nor its bottom border
 * lies on a row where a panel draws a horizontal border, so no panel border runs on from one of its
 * corners (`╯─┘`, `╮─┐`) and none of its corners is covered. The real binary in a pty, at 100x30,
 * 80x24 and 60x16, through every kind of dialog: confirm, type-to-confirm, prompt (and its error),
 * the wizards question by question, the help, the profile picker and the edit form.
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {dialogTop} from '../../source/deck/components/dialog-layer.js';
import {useTempVault} from '../helpers/cli.js';
import {type Deck, spawnDeck} from '../helpers/pty.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
	// A long name: the edit form's title wraps onto a second row.
	await vault().ok(
		['credential', 'add', '--name', 'stripe-webhook-signing-production', '--type', 'bearer'],
		{input: 'tok_abcdefgh12345678\n'},
	);
});

/** The screen once it has stopped changing (a dialog is placed once it has been measured). */
async function settled(deck: Deck): Promise<string> {
	let last = deck.screenText();
	for (let quiet = 0; quiet < 3; ) {
		await new Promise((resolve) => setTimeout(resolve, 100));
		const now = deck.screenText();
		quiet = now === last ? quiet + 1 : 0;
		last = now;
	}

	return last;
}

/** Checks the open dialog's box against the panels around it; returns its rows' text. */
function checkDialog(what: string, screen: string): string[] {
	const lines = screen.split('\n');
	const top = lines.findIndex((line) => /[╭╔]/.test(line));
	const bottom = lines.findIndex((line, at) => at > top && /[╰╚]/.test(line));
	const gridBottom =
		lines.length - 1 - [...lines].reverse().findIndex((line) => line.startsWith('└'));
	assert.ok(top > 0 && bottom > top, `${what}: a dialog box is drawn:\n${screen}`);
	const left = lines[top]?.search(/[╭╔]/) ?? -1;
	const right = lines[top]?.search(/[╮╗]/) ?? -1;
	assert.ok(top >= 2, `${what}: the row of the panels' titles is not covered:\n${screen}`);
	assert.ok(bottom < gridBottom, `${what}: the grid's bottom border is not covered:\n${screen}`);
	for (const at of [top, bottom]) {
		const line = lines[at] ?? '';
		const outside = `${line.slice(0, left)}${line.slice(right + 1)}`;
		assert.doesNotMatch(
			outside,
			/[─┌┐└┘]/,
			`${what}: the dialog's ${at === top ? 'top' : 'bottom'} border meets no panel border: "${line}"\n${screen}`,
		);
		assert.match(line[left] ?? '', at === top ? /[╭╔]/ : /[╰╚]/, `${what}: "${line}"`);
		assert.match(line[right] ?? '', at === top ? /[╮╗]/ : /[╯╝]/, `${what}: "${line}"`);
	}

	const box = lines.slice(top, bottom + 1);
	for (const line of box) {
		assert.match(line, /^│/, `${what}: the accounts panel's border beside the box: "${line}"`);
		assert.match(line, /[│┐┘]$/, `${what}: the right panels' border beside the box: "${line}"`);
		assert.match(line[left] ?? '', /[│║╭╰╔╚]/, `${what}: the box's left edge is whole: "${line}"`);
		assert.match(
			line[right] ?? '',
			/[│║╮╯╗╝]/,
			`${what}: the box's right edge is whole: "${line}"`,
		);
	}

	return box.map((line) => line.slice(left + 1, right).trim());
}

/** Presses, waits for `text`, and checks the dialog once it is placed. */
async function dialogAfter(deck: Deck, what: string, text: string | RegExp, ...keys: string[]) {
	// Key names (`enter`, `ctrl+u`) or the text they type.
	deck.press(...keys);

	await deck.waitForText(text);
	return checkDialog(what, await settled(deck));
}

const close = async (deck: Deck, gone: string | RegExp, key = 'escape') => {
	deck.press(key);
	await deck.waitForNoText(gone);
};

test('a dialog starts on the row nearest the centre whose edges meet no panel border', () => {
	// 100x30: a grid 26 rows tall, the right column's borders on rows 5, 6, 15 and 16.
	const borders = [5, 6, 15, 16];
	assert.equal(dialogTop(5, 26, borders), 10, 'centred when its edges are clear');
	// Centred, a box 7 tall would start on 9 and end on 15, a border: it moves by one.
	const top = dialogTop(7, 26, borders);
	assert.ok(![0, 25, ...borders].includes(top) && ![0, 25, ...borders].includes(top + 6));
	assert.equal(Math.abs(top - 9), 1);
	// Never on the titles' row or the bottom border, however tall.
	assert.equal(dialogTop(24, 26, borders), 1);
	assert.equal(dialogTop(40, 26, borders), 1);
});

for (const [columns, rows] of [
	[100, 30],
	[80, 24],
	[60, 16],
] as const) {
	test(`at ${columns}x${rows} no dialog's border merges with a panel's`, async () => {
		const deck = spawnDeck({env: vault().env, columns, rows});
		try {
			await deck.waitForText('4 Credentials');
			await dialogAfter(deck, 'confirm', 'Confirm?', 'k', 'd');
			await close(deck, 'Confirm?', 'n');
			await dialogAfter(deck, 'type-confirm', 'to confirm', 'j', 'd');
			await dialogAfter(deck, 'type-confirm, wrong', 'that is not prod', 'x', 'enter');
			await close(deck, 'to confirm');
			await dialogAfter(deck, 'alias prompt', 'New alias for prod', 'e');
			await dialogAfter(
				deck,
				'alias prompt, refused',
				'invalid alias',
				'ctrl+u',
				'bad alias!!',
				'enter',
			);
			await close(deck, 'New alias');
			await dialogAfter(deck, 'help', 'Keys of the panels', '?');
			await close(deck, 'Keys of the panels');
			await dialogAfter(deck, 'profiles', 'Switch profile', 'p');
			await close(deck, 'Switch profile');

			// The add-account wizard, question by question.
			await dialogAfter(deck, 'wizard: provider', '│ Provider', 'a');
			await dialogAfter(deck, 'wizard: method', /│ Method/, 'enter');
			await dialogAfter(deck, 'wizard: alias', /│ Alias/, 'enter');
			await dialogAfter(deck, 'wizard: email', /│ Email/, 'ops-team', 'enter');
			await dialogAfter(deck, 'wizard: organization', /│ Organization/, 'enter');
			await dialogAfter(deck, 'wizard: environment', /│ Environment/, 'enter');
			await dialogAfter(deck, 'wizard: protected', /│ Protected/, 'down', 'enter');
			await dialogAfter(deck, 'wizard: key', /│ API key/, 'enter');
			await close(deck, 'Add an account');

			// The credentials panel's dialogs: the edit form (its title wraps), rotate, add.
			deck.press('4');
			await deck.waitForText('stripe-');
			await dialogAfter(deck, 'edit form', 'Edit credential', 'e');
			await close(deck, 'Edit credential');
			await dialogAfter(deck, 'rotate prompt', 'New secret for', 'R');
			await close(deck, 'New secret for');
			await dialogAfter(deck, 'credential wizard: type', '│ Type', 'a');
			await dialogAfter(deck, 'credential wizard: name', /│ Name/, 'enter');
			await dialogAfter(deck, 'credential wizard: header', /│ Header/, 'hook', 'enter');
			await close(deck, 'Add a credential');
			deck.press('q');
			assert.equal((await deck.waitForExit()).exitCode, 0);
		} finally {
			deck.kill();
		}
	});
}
