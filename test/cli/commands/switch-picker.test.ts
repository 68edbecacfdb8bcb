import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {byFrecency, frecency} from '../../../source/store/frecency.js';
import {plantedKey, type TempVault, useTempVault} from '../../helpers/cli.js';
import {spawnDeck} from '../../helpers/pty.js';

const hour = 3_600_000;
const at = (ago: number) => new Date(Date.parse('2026-01-01T12:00:00Z') - ago).toISOString();
const now = Date.parse('2026-01-01T12:00:00Z');
const account = (alias: string, useCount: number | undefined, ago?: number) =>
	({
		id: `${alias}000000`,
		alias,
		providerId: 'vapi',
		organizations: [],
		environment: 'staging',
		method: 'api-key',
		scopes: [],
		refreshable: false,
		createdAt: at(1000 * hour),
		useCount,
		lastUsedAt: ago === undefined ? undefined : at(ago),
	}) as const;

describe('frecency', () => {
	test('recent uses weigh more than old ones; never used comes last, by alias', () => {
		assert.equal(frecency(account('a', 3, hour / 2), now), 12);
		assert.equal(frecency(account('a', 3, 3 * hour), now), 6);
		assert.equal(frecency(account('a', 3, 30 * 24 * hour), now), 0.75);
		assert.equal(frecency(account('a', undefined), now), 0);
		const order = byFrecency(
			[
				account('zed', undefined),
				account('old', 20, 60 * 24 * hour), // 5
				account('fresh', 2, 10 * 60_000), // 8
				account('daily', 3, 5 * hour), // 6
				account('abe', undefined),
			],
			now,
		);
		assert.deepEqual(
			order.map((a) => a.alias),
			['fresh', 'daily', 'old', 'abe', 'zed'],
		);
	});
});

describe('switch picker', () => {
	const tempVault = useTempVault('file');
	let vault: TempVault;

	const seed = async () => {
		vault = tempVault();
		for (const alias of ['alpha', 'bravo', 'charlie', 'delta']) {
			await vault.login(plantedKey(`sk-${alias}_`), [
				'--provider',
				'vapi',
				'--alias',
				alias,
				'--environment',
				'staging',
			]);
		}

		// charlie used most, then bravo: the picker lists them first.
		for (const alias of ['charlie', 'charlie', 'charlie', 'bravo', 'bravo']) {
			await vault.ok(['switch', alias]);
		}
	};

	const pickers: Array<{kill(): void}> = [];
	afterEach(() => {
		for (const picker of pickers.splice(0)) picker.kill();
	});
	const openPicker = () => {
		const picker = spawnDeck({env: vault.env, args: ['switch']});
		pickers.push(picker);
		return picker;
	};

	const current = () => {
		const stored = vault.read();
		return stored.accounts.find((a) => a.id === stored.current)?.alias;
	};

	test('switching counts uses', async () => {
		await seed();
		const counts = Object.fromEntries(vault.read().accounts.map((a) => [a.alias, a.useCount ?? 0]));
		// A login makes the account current: that is a use too.
		assert.equal(counts.charlie, 4);
		assert.equal(counts.bravo, 3);
		assert.equal(counts.alpha, 1);
	});

	test('ordered by frecency; two arrows in one read move twice', async () => {
		await seed();
		const picker = openPicker();
		const screen = await picker.waitForText('Type to filter');
		const rows = screen.split('\n').filter((line) => /alpha|bravo|charlie|delta/.test(line));
		assert.deepEqual(
			rows.map((line) => /(alpha|bravo|charlie|delta)/.exec(line)?.[1]),
			['charlie', 'bravo', 'delta', 'alpha'],
		);
		assert.match(rows[0] ?? '', /❯/);
		// Both arrows in one write, as a terminal sends a held key.
		picker.type('\u001B[B\u001B[B');
		await picker.waitForText(/❯ {3}delta/);
		picker.press('enter');
		assert.equal((await picker.waitForExit()).exitCode, 0);
		assert.match(picker.screenText(), /Switched to delta/);
		assert.equal(current(), 'delta');
	});

	test('filterable as you type: a word and its Enter in one read pick the match', async () => {
		await seed();
		const picker = openPicker();
		await picker.waitForText('Type to filter');
		picker.type('alp\r');
		assert.equal((await picker.waitForExit()).exitCode, 0);
		assert.equal(current(), 'alpha');
	});

	test('backspace widens the filter; escape cancels and changes nothing', async () => {
		await seed();
		const picker = openPicker();
		await picker.waitForText('Type to filter');
		picker.type('zz');
		await picker.waitForText('no account matches');
		picker.press('backspace', 'backspace');
		await picker.waitForText(/charlie(.|\n)*delta/);
		picker.press('escape');
		assert.equal((await picker.waitForExit()).exitCode, 1);
		assert.equal(current(), 'bravo');
	});
});
