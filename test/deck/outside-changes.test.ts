/**
 * Changes made from another shell while the deck is open are loaded and said in the status line, as
 * information that fades: a switch, an account added by `login`, one removed by `logout`. A change
 * the deck made itself is said once, as the deck's own. The built deck in a pty; the CLI on the same
 * vault, as another terminal would run it.
 */
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {announceOutside} from '../../source/deck/announce.js';
import {useTempVault} from '../helpers/cli.js';
import {fixtureVault} from '../helpers/fixtures.js';
import {spawnDeck} from '../helpers/pty.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	await vault().seedSample();
});

/** The status line: the row above the footer (one row is left free below the footer). */
const statusLine = (screen: string) => {
	const lines = screen.split('\n');
	const footer = lines.length - 1 - [...lines].reverse().findIndex((line) => line.trim() !== '');
	return lines.slice(Math.max(0, footer - 3), footer).join(' ');
};

test('a switch, a login and a logout from another shell are each said, then fade', async () => {
	const deck = spawnDeck({env: vault().env, columns: 100, rows: 30});
	try {
		await deck.waitForText('current: prod (vapi)');

		await vault().ok(['switch', 'client-a']);
		let screen = await deck.waitForText('switched to client-a from another shell');
		assert.match(screen.split('\n')[0] ?? '', /current: client-a \(vapi\)/, 'the header follows');
		assert.match(statusLine(screen), /switched to client-a from another shell/);
		// Information: it fades like the deck's own messages.
		await deck.waitForNoText('from another shell', 8000);

		await vault().login('sk-ops_abcdefghijklmnop1234', ['--provider', 'vapi', '--alias', 'ops']);
		screen = await deck.waitForText(/account ops added.*from another shell/);
		assert.match(screen, /│ .*ops /, 'the account is listed');
		await deck.waitForNoText('from another shell', 8000);

		await vault().ok(['logout', 'ops', '--yes']);
		screen = await deck.waitForText(/account ops removed.*from another shell/);
		await deck.waitForNoText('from another shell', 8000);

		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});

test("the deck's own switch is said once, as its own, and not again as from another shell", async () => {
	const deck = spawnDeck({env: vault().env, columns: 100, rows: 30});
	try {
		await deck.waitForText('4 Credentials');
		const before = /current: (\S+) \(/.exec(deck.screenText().split('\n')[0] ?? '')?.[1];
		// To gpu, the last account (Vast.ai), with G and enter.
		deck.press('G', 'enter');
		const screen = await deck.waitForText(/switched to gpu \(vast\)/);
		assert.notEqual(before, 'gpu');
		assert.match(screen.split('\n')[0] ?? '', /current: gpu \(vast\)/);
		// The watcher sees the deck's own write within its 1 s poll; give it three.
		const seen: string[] = [];
		const until = Date.now() + 3000;
		while (Date.now() < until) {
			seen.push(deck.screenText());
			await new Promise((resolve) => setTimeout(resolve, 100));
		}

		assert.ok(
			seen.every((frame) => !frame.includes('from another shell')),
			`the deck's own switch is not announced again:\n${seen.find((frame) => frame.includes('from another shell'))}`,
		);
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});

test('what is said compares meaning: the same vault says nothing, a rename and an org change are named', () => {
	const vaultBefore = fixtureVault({});
	assert.equal(announceOutside(vaultBefore, structuredClone(vaultBefore)), undefined);
	const [first] = vaultBefore.accounts;
	assert.ok(first);
	const renamed = {
		...vaultBefore,
		accounts: vaultBefore.accounts.map((account) =>
			account.id === first.id ? {...account, alias: 'renamed'} : account,
		),
	};
	assert.deepEqual(announceOutside(vaultBefore, renamed), {
		level: 'info',
		text: `${first.alias} renamed to renamed from another shell`,
	});
	const moved = {
		...vaultBefore,
		accounts: vaultBefore.accounts.map((account) =>
			account.id === first.id
				? {
						...account,
						organizations: [...account.organizations, {id: 'org-new', name: 'New Org'}],
						activeOrgId: 'org-new',
					}
				: account,
		),
	};
	assert.equal(
		announceOutside(vaultBefore, moved)?.text,
		`New Org is now ${first.alias}'s organization from another shell`,
	);
	// A token's last use recorded by another command is no news.
	const used = {
		...vaultBefore,
		accounts: vaultBefore.accounts.map((account) => ({...account, lastUsedAt: 'later'})),
	};
	assert.equal(announceOutside(vaultBefore, used), undefined);
	const many = {
		...vaultBefore,
		accounts: [
			...vaultBefore.accounts,
			...['a1', 'a2', 'a3', 'a4', 'a5'].map((alias) => ({...first, id: `id-${alias}`, alias})),
		],
	};
	assert.match(
		announceOutside(vaultBefore, many)?.text ?? '',
		/^accounts a1, a2, a3 and 2 more added from another shell$/,
	);
});
