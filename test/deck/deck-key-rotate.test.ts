/**
 * Issue 16: `r` on an API key past its rotation age offers the zero-downtime rotation, in the real
 * binary against the Vast.ai stand-in: confirmed by typing the alias (a production account), the
 * new key is live and stored, the old one deleted at the provider; refused, nothing changes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {after, before, test} from 'node:test';
import {requireBuild, type TempVault, useTempVault} from '../helpers/cli.js';
import {spawnDeck} from '../helpers/pty.js';
import {startVastServer, type VastServer} from '../helpers/vast-server.js';

let server: VastServer;
// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file');

before(async () => {
	requireBuild();
	server = await startVastServer();
});
after(() => server?.close());

/** A vast account on a live key of the stand-in, stored 100 days ago. */
async function oldAccount(v: TempVault) {
	const stored = server.addKey('gpu');
	await v.login(stored.key, ['--provider', 'vast', '--base-url', server.url, '--alias', 'gpu']);
	const config = JSON.parse(fs.readFileSync(v.configFile, 'utf8'));
	config.accounts[0].keyCreatedAt = new Date(Date.now() - 100 * 86_400_000).toISOString();
	fs.writeFileSync(v.configFile, JSON.stringify(config));
	return stored;
}

const storedKey = async (v: TempVault) =>
	(await v.ok(['token', '--show', 'gpu'], {env: {VAST_API_KEY: ''}})).stdout.trim();

test('r on a key past 90 days offers rotation; the alias typed rotates it at the provider', {
	timeout: 90_000,
}, async () => {
	const old = await oldAccount(vault());
	const deck = spawnDeck({env: vault().env, timeout: 30_000});
	try {
		await deck.waitForText('1 Accounts');
		deck.press('r');
		let screen = await deck.waitForText("Rotate gpu's key at the provider?");
		assert.match(screen, /Type gpu to confirm/);
		deck.press('escape');
		await deck.waitForNoText("Rotate gpu's key");
		assert.equal(server.isLive(old.key), true, 'refused: the old key is untouched');

		deck.press('r');
		await deck.waitForText("Rotate gpu's key at the provider?");
		deck.type('gpu\r');
		screen = await deck.waitForText(/Rotated gpu's key|rotation stopped|could not/);
		assert.match(screen, /Rotated gpu's key/, screen);
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}

	const now = await storedKey(vault());
	assert.notEqual(now, old.key, 'a new key is stored');
	assert.equal(server.isLive(now), true, 'and it is live at the provider');
	assert.equal(server.isLive(old.key), false, 'the old key is deleted at the provider');
	assert.ok(
		!fs.readFileSync(vault().configFile, 'utf8').includes(now),
		'no raw key in the metadata',
	);
});
