/**
 * The deck end to end: the built binary in a real pseudo-terminal (100x30) on a temporary vault
 * with three accounts. Every step asserts the screen; the end asserts what was saved.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, test} from 'node:test';
import {useTempVault} from '../helpers/cli.js';
import {binary, spawnDeck} from '../helpers/pty.js';
import {lineWith, status, until} from '../helpers/wait.js';

/** The accounts panel: the left 41 columns of a 100-column screen. */
function accountsColumn(screen: string): string {
	return screen
		.split('\n')
		.map((line) => line.slice(0, 41))
		.join('\n');
}

/**
 * The last word on the alternate screen was leaving it, the cursor is shown again, and bracketed
 * paste, switched on at start, is off again (or the shell would see the markers around a paste).
 */
function leftAlternateScreen(raw: string): boolean {
	const left = raw.lastIndexOf('\u001B[?1049l');
	const pasteOn = raw.indexOf('\u001B[?2004h');
	return (
		pasteOn !== -1 &&
		raw.lastIndexOf('\u001B[?2004l') > raw.lastIndexOf('\u001B[?2004h') &&
		left > raw.lastIndexOf('\u001B[?1049h') &&
		raw.lastIndexOf('\u001B[?25h') > raw.lastIndexOf('\u001B[?25l')
	);
}
/** Opens the deck, waits for its first frame, quits with `q` and expects exit code 0. */
async function openAndQuit(env: NodeJS.ProcessEnv): Promise<void> {
	const deck = spawnDeck({env});
	try {
		await deck.waitForText('1 Accounts');
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
}

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	assert.ok(fs.existsSync(binary), `${binary} is missing: run npm run build first`);
	await vault().seedSample();
	// A short reveal timeout keeps the re-mask wait short; the default (10 s) is tested in effects.
	const context = await vault().open();
	await context.store.dispatch({type: 'settings-changed', settings: {revealTimeout: 2}});
});

test('move, switch, switch back, reveal, filter, remove, quit; all saved', async () => {
	const deck = spawnDeck({env: vault().env});
	try {
		let screen = await deck.waitForText('1 Accounts');
		assert.match(screen, /current: prod \(vapi\)/);
		assert.match(screen, /storage: file/);
		for (const alias of ['client-a', 'prod', 'gpu']) {
			assert.ok(screen.includes(alias), `${alias} is listed`);
		}

		assert.match(lineWith(screen, '▸'), /prod/, 'the current account is selected at start');
		// Secrets are masked: the prefix and the last four characters only.
		assert.match(screen, /sk-prod_\*\*\*\*wxyz/);
		assert.ok(!screen.includes('bbbbbbbb'), 'no raw secret on screen');
		assert.match(screen, /enter switch/, 'the footer lists the keys of the focused panel');

		// Move: up selects client-a (same provider, sorted by alias).
		deck.press('up');
		screen = await deck.waitForText(/▸ +client-a/);
		assert.match(screen, /2 Organization \(client-a\)/);
		assert.match(screen, /Agency Ltd/);

		// Switch: enter makes it current, and another process sees it at once.
		deck.press('enter');
		screen = await deck.waitForText('current: client-a (vapi)');
		await until(
			async () => (await status(vault().env)).current?.alias === 'client-a',
			'status to show client-a',
		);

		// Switch back with `-`.
		deck.press('-');
		await deck.waitForText('current: prod (vapi)');
		await until(
			async () => (await status(vault().env)).current?.alias === 'prod',
			'status to show prod',
		);

		// Reveal: prod is a production account, so its alias must be typed: y is not enough. Then the
		// raw key is shown, and masked again after the timeout.
		deck.press('down');
		await deck.waitForText(/▸ ★ prod/);
		deck.press('s');
		screen = await deck.waitForText('Show the secret of prod');
		assert.match(screen, /Type prod to confirm/);
		assert.ok(!screen.includes('bbbbbbbb'), 'nothing is shown before the confirmation');
		deck.press('y', 'enter');
		screen = await deck.waitForText('that is not prod');
		assert.ok(!screen.includes('bbbbbbbb'), 'a y and enter reveal nothing');
		deck.type('prod\r');
		screen = await deck.waitForText('sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz');
		assert.match(screen, /masked again in \d+s/);
		screen = await deck.waitForNoText('sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz');
		assert.match(screen, /1 Accounts/);

		// Filter as you type; esc clears.
		deck.press('/');
		await deck.waitForText('/ filter: _');
		deck.type('gp');
		deck.press('u');
		screen = await deck.waitForText('/ filter: gpu_  (1 of 3)');
		assert.ok(!accountsColumn(screen).includes('client-a'), 'filtered out of the accounts panel');
		assert.ok(!accountsColumn(screen).includes('prod'));
		assert.match(lineWith(screen, '▸'), /gpu/, 'the selection moves to a listed account');
		deck.press('escape');
		screen = await deck.waitForText('3 accounts  / filter');
		assert.ok(accountsColumn(screen).includes('client-a'), 'esc clears the filter');

		// Remove with a confirmation: `n` keeps it, `y` removes it.
		deck.press('up');
		deck.press('up');
		await deck.waitForText(/▸ +client-a/);
		deck.press('d');
		await deck.waitForText('Remove client-a and delete its secrets?');
		deck.press('n');
		await deck.waitForText(/▸ +client-a/);
		deck.press('d');
		await deck.waitForText('Remove client-a and delete its secrets?');
		deck.press('y');
		screen = await deck.waitForText('Removed client-a');
		assert.ok(!screen.includes('jane@agency.com'));

		// Quit: the terminal gets its screen back.
		deck.press('q');
		const {exitCode} = await deck.waitForExit();
		assert.equal(exitCode, 0);
		assert.ok(deck.raw().includes('\u001B[?1049h'), 'the deck used the alternate screen');
		assert.ok(leftAlternateScreen(deck.raw()), 'and left it on quit');
	} finally {
		deck.kill();
	}

	const saved = await status(vault().env);
	assert.equal(saved.total, 2);
	assert.equal(saved.current?.alias, 'prod');
	const secrets = fs.readFileSync(path.join(vault().configDir, 'secrets.json'), 'utf8');
	const vaultFile = vault().read();
	assert.ok(!vaultFile.accounts.some((account) => account.alias === 'client-a'));
	assert.ok(!secrets.includes('sk-stg_aaaa'), 'the removed account secret is deleted');
	assert.ok(secrets.includes('sk-prod_bbbb'), 'the other secrets are kept');
});

test('a switch made in another shell shows up in the open deck', async () => {
	const deck = spawnDeck({env: vault().env});
	try {
		await deck.waitForText('current: prod (vapi)');
		const {cli} = await import('../helpers/wait.js');
		await cli(vault().env, ['switch', 'gpu']);
		await deck.waitForText('current: gpu (vast)');
		await cli(vault().env, ['switch', 'prod']);
		await deck.waitForText('current: prod (vapi)');
		deck.press('ctrl+c');
		assert.equal((await deck.waitForExit()).exitCode, 0);
		assert.ok(leftAlternateScreen(deck.raw()), 'ctrl+c restores the terminal');
	} finally {
		deck.kill();
	}
});

test("the deck's compiled code is cached after a run and used by the next", async () => {
	const cacheDirectory = path.join(vault().xdgCacheHome, 'authdeck');
	const cacheFile = () => {
		// The commands keep caches of their own (cli-cjs-<command>-…) in the same directory.
		const [name, ...others] = fs.existsSync(cacheDirectory)
			? fs
					.readdirSync(cacheDirectory)
					.filter((entry) => entry.startsWith('deck-cjs-') && entry.endsWith('.v8cache'))
			: [];
		assert.deepEqual(others, [], 'one cache');
		return name === undefined ? undefined : path.join(cacheDirectory, name);
	};

	await openAndQuit(vault().env);
	const file = cacheFile();
	if (!file?.endsWith('.v8cache')) assert.fail(`the first run leaves a cache, not ${file}`);
	const written = fs.statSync(file).mtimeMs;
	await openAndQuit(vault().env);
	assert.equal(cacheFile(), file);
	assert.equal(fs.statSync(file).mtimeMs, written, 'the second run used it instead of writing one');
});

test('DEV=true, which asks Ink for React devtools, does not stop the deck', async () => {
	await openAndQuit({...vault().env, DEV: 'true'});
});

test('SIGTERM restores the terminal', async () => {
	const deck = spawnDeck({env: vault().env});
	try {
		await deck.waitForText('1 Accounts');
		deck.kill('SIGTERM');
		const {exitCode} = await deck.waitForExit();
		assert.equal(exitCode, 143);
		assert.ok(leftAlternateScreen(deck.raw()));
	} finally {
		deck.kill();
	}
});

test("a switch keeps the provider's key file in sync; a warning goes to the status line", async () => {
	const keyFile = path.join(vault().xdgConfigHome, 'vastai', 'vast_api_key');
	// The file holds the key in plaintext, so it is written only for a provider the user opted in.
	const context = await vault().open();
	await context.store.dispatch({type: 'settings-changed', settings: {syncFiles: {vast: true}}});
	const deck = spawnDeck({env: vault().env});
	try {
		await deck.waitForText('current: prod (vapi)');
		deck.press('down');
		await deck.waitForText(/▸ ✓ gpu/);
		deck.press('enter');
		await deck.waitForText('current: gpu (vast)');
		await until(() => fs.existsSync(keyFile) || undefined, 'the vast key file');
		assert.equal(fs.readFileSync(keyFile, 'utf8'), 'vastkey0000000000000000000gpu9');
		assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);

		// Now the key file cannot be written: the warning must not scribble over the deck.
		deck.press('-');
		await deck.waitForText('current: prod (vapi)');
		fs.rmSync(path.dirname(keyFile), {recursive: true});
		fs.writeFileSync(path.dirname(keyFile), 'not a directory');
		deck.press('enter');
		const screen = await deck.waitForText("could not update Vast.ai's key file");
		assert.match(screen.split('\n')[0] ?? '', /^ authdeck · storage: file/);
		assert.match(screen, /current: gpu \(vast\)/);
		assert.match(screen, /└─+┘└─+┘\n.*could not update/);
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
		fs.rmSync(path.dirname(keyFile), {force: true});
	}
});
