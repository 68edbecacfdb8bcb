/** The deck follows terminal resizes, says when the terminal is too small, and refuses a non-TTY. */
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {before, test} from 'node:test';
import {promisify} from 'node:util';
import {useTempVault} from '../helpers/cli.js';
import {binary, spawnDeck, terminalEnv} from '../helpers/pty.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
});

const widths = (screen: string) => screen.split('\n').map((line) => line.length);

test('redraws on resize and says when the terminal is too small', async () => {
	const deck = spawnDeck({env: vault().env, columns: 100, rows: 30});
	try {
		let screen = await deck.waitForText('1 Accounts');
		assert.equal(Math.max(...widths(screen)), 100);

		deck.resize(70, 20);
		screen = await deck.waitForText(/^┌ 1 Accounts ─*┐┌ 2 Organization.*┐$/m);
		const border = screen.split('\n').find((line) => line.startsWith('┌ 1 Accounts')) ?? '';
		assert.equal(border.length, 70, 'the panels fill the new width');
		assert.ok(Math.max(...widths(screen)) <= 70);
		assert.ok(screen.split('\n').length === 20);
		assert.match(screen, /current: prod/);

		deck.resize(50, 12);
		screen = await deck.waitForText('terminal too small (50x12)');
		assert.ok(!screen.includes('1 Accounts'), 'no broken layout under the message');

		deck.resize(100, 30);
		screen = await deck.waitForText(/^┌ 1 Accounts ─*┐┌ 2 Organization.*┐$/m);
		assert.ok(!screen.includes('terminal too small'));
		assert.equal(
			(screen.split('\n').find((line) => line.startsWith('┌ 1 Accounts')) ?? '').length,
			100,
		);
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});

test('starting in a tiny terminal shows the message, and q still quits', async () => {
	const deck = spawnDeck({env: vault().env, columns: 40, rows: 10});
	try {
		await deck.waitForText('terminal too small (40x10)');
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});

test('without a terminal the deck refuses and names the subcommands to use', async () => {
	const run = promisify(execFile);
	const result = await run(process.execPath, [binary], {env: terminalEnv(vault().env)}).then(
		() => assert.fail('expected a non-zero exit'),
		(error: {code: number; stderr: string}) => error,
	);
	assert.equal(result.code, 1);
	assert.match(result.stderr, /authdeck status/);
	assert.match(result.stderr, /authdeck switch/);
});
