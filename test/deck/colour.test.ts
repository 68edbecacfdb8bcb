/**
 * Colour in the real terminal: NO_COLOR (any non-empty value), FORCE_COLOR=0 and the monochrome
 * theme draw no SGR colour parameter at all, while selection stays visible (the ▸ marker, inverse);
 * the default and high-contrast themes draw in colour. Read from the raw bytes the deck wrote.
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';
import {cli, lineWith} from '../helpers/wait.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
});

/**
 * The colour parameters of every SGR sequence (`ESC [ ... m`) in `raw`: foreground and background
 * (30–39, 40–49, 90–97, 100–107), extended colours (38/48/58 with their 5;n or 2;r;g;b arguments)
 * and the underline colour reset (59). Bold (1), dim (2), inverse (7) and resets are not colours.
 */
const esc = String.fromCodePoint(0x1b);
const sgr = new RegExp(`${esc}\\[([0-9;:]*)m`, 'g');

function colourParameters(raw: string): string[] {
	const found: string[] = [];
	for (const match of raw.matchAll(sgr)) {
		const parts = (match[1] ?? '').split(/[;:]/).map(Number);
		for (let index = 0; index < parts.length; index++) {
			const code = parts[index] as number;
			if (code === 38 || code === 48 || code === 58) {
				found.push(String(code));
				index += parts[index + 1] === 5 ? 2 : 4;
			} else if (
				(code >= 30 && code <= 49) ||
				(code >= 90 && code <= 97) ||
				(code >= 100 && code <= 107) ||
				code === 59
			) {
				found.push(String(code));
			}
		}
	}

	return found;
}

test('colourParameters finds colours and skips the rest', () => {
	assert.deepEqual(colourParameters('\u001B[1m\u001B[7mx\u001B[27m\u001B[22m\u001B[0m'), []);
	assert.deepEqual(colourParameters('\u001B[36mx\u001B[39m\u001B[41m'), ['36', '39', '41']);
	assert.deepEqual(colourParameters('\u001B[1;38;5;196mx\u001B[48;2;1;2;3m'), ['38', '48']);
});

/** Opens the deck, walks through the screens that draw colour (help, filter, a dialog), quits. */
async function drive(env: NodeJS.ProcessEnv): Promise<string> {
	const deck = spawnDeck({env});
	try {
		const screen = await deck.waitForText('1 Accounts');
		assert.match(lineWith(screen, '▸'), /prod/, 'the selection is marked without colour too');
		deck.press('?');
		await deck.waitForText('esc to close');
		deck.press('escape');
		await deck.waitForNoText('esc to close');
		deck.press('/');
		await deck.waitForText('/ filter: _');
		deck.type('zzz');
		await deck.waitForText('no account matches');
		// esc after a filter that matched nothing: back on prod, whose removal asks for its alias.
		deck.press('escape', 'escape', 'd');
		await deck.waitForText('Type prod to confirm');
		deck.press('escape');
		await deck.waitForNoText('Type prod to confirm');
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
		return deck.raw();
	} finally {
		deck.kill();
	}
}

test('the default theme draws in colour', async () => {
	const raw = await drive(vault().env);
	assert.ok(colourParameters(raw).length > 0, 'colours are drawn by default');
});

for (const [name, extra] of [
	['NO_COLOR=1', {NO_COLOR: '1'}],
	['NO_COLOR=yes', {NO_COLOR: 'yes'}],
	['FORCE_COLOR=0', {FORCE_COLOR: '0'}],
] as const) {
	test(`${name}: no SGR colour parameter in anything the deck writes`, async () => {
		const raw = await drive({...vault().env, ...extra});
		assert.deepEqual(colourParameters(raw), []);
		if (name.startsWith('NO_COLOR')) {
			// Bold and inverse are not colours: the focused selection is still drawn inverse.
			assert.ok(raw.includes('\u001B[7m'), 'the selection is drawn inverse');
		}
	});
}

test('config set theme: monochrome draws no colour, high-contrast does; a bad name is refused', async () => {
	await cli(vault().env, ['config', 'set', 'theme', 'monochrome']);
	assert.equal((await cli(vault().env, ['config', 'get', 'theme'])).stdout.trim(), 'monochrome');
	assert.deepEqual(colourParameters(await drive(vault().env)), []);

	await cli(vault().env, ['config', 'set', 'theme', 'high-contrast']);
	assert.ok(colourParameters(await drive(vault().env)).includes('96'), 'bright cyan is drawn');

	await assert.rejects(cli(vault().env, ['config', 'set', 'theme', 'rainbow']), {
		stderr: 'authdeck: theme must be one of: default, high-contrast, monochrome\n',
	});
	await cli(vault().env, ['config', 'set', 'theme', 'default']);
});
