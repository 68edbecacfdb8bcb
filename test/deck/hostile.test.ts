/**
 * Security row 1 in a real terminal: escape sequences planted in an account's email and
 * organization are drawn inert. The screen is not cleared, the title is not set, the clipboard is
 * not written (no OSC 52 reaches the terminal) and no bidi override reorders the text.
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {MetadataFile} from '../../source/vault/metadata.js';
import {vaultPaths} from '../../source/vault/paths.js';
import {useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';
import {cli} from '../helpers/wait.js';

const hostileEmail = 'evil\u001B[2J\u001B[H\u001B]0;pwned\u0007@corp.com';
const hostileOrg = 'Org\u001B]52;c;aGVsbG8=\u0007\u009B31m\u202Eevil\u200B\r';
const hostileName = 'Name\u001B]8;;https://x.test\u0007link\u001B]8;;\u0007\u001B';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
	// Planted straight into the metadata, as a hostile IdP claim or a tampered file would.
	const metadata = new MetadataFile(vaultPaths(vault().env));
	await metadata.update((saved) => ({
		...saved,
		accounts: saved.accounts.map((account) =>
			account.alias === 'prod'
				? {
						...account,
						email: hostileEmail,
						name: hostileName,
						organizations: [{id: 'org_evil', name: hostileOrg, plan: '\u001B[5mblink'}],
						activeOrgId: 'org_evil',
					}
				: account,
		),
	}));
});

test('hostile account fields cannot drive the terminal', async () => {
	const deck = spawnDeck({env: vault().env});
	try {
		let screen = await deck.waitForText('1 Accounts');
		screen = await deck.waitForText('Org?]52;c;aGVsbG8=');
		assert.match(screen.split('\n')[0] ?? '', /^ authdeck · storage: file/, 'the header is intact');
		assert.match(screen, /evil\?\[2J\?\[H\?\]0/, 'the email is drawn with ? for controls');
		assert.match(screen, /Org\?\]52;c;aGVsbG8=\?\?3/);
		assert.match(screen, /\?\[5mblink/);

		// Every panel and dialog that shows the account: help, the alias prompt, the confirm dialog.
		deck.press('e');
		screen = await deck.waitForText('New alias for prod');
		deck.press('escape');
		await deck.waitForNoText('New alias for prod');
		deck.press('3');
		await deck.waitForText(/^ e alias {2}o org/m);
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);

		const raw = deck.raw();
		assert.deepEqual(deck.titles, [], 'the terminal title was never set');
		assert.ok(
			!raw.includes('\u001B]'),
			'no OSC sequence (title, clipboard, hyperlink) was written',
		);
		assert.ok(!raw.includes('\u0007'), 'no BEL');
		assert.ok(!raw.includes('\u009B'), 'no C1 CSI');
		assert.ok(!raw.includes('\u202E'), 'no bidi override');
		assert.ok(!raw.includes('\u200B'), 'no zero-width character');
		assert.ok(!raw.includes('\u001B[5m'), 'no planted SGR');
		assert.equal(
			raw.split('\u001B[2J').length - 1,
			1,
			'the screen is cleared once, on entering the deck',
		);
	} finally {
		deck.kill();
	}
});

test('status --json escapes the same fields', async () => {
	const {stdout} = await cli(vault().env, ['status', '--json']);
	const unsafe = [...stdout].filter((char) => {
		const code = char.codePointAt(0) ?? 0;
		return (code < 0x20 && char !== '\n') || (code >= 0x7f && code <= 0x9f) || code === 0x202e;
	});
	assert.deepEqual(unsafe, []);
	assert.ok(stdout.includes('\\u001b]0;pwned') || stdout.includes('\\u001B]0;pwned'));
});
