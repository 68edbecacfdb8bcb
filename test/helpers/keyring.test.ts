// Proves the test harness: keytar really talks to the throwaway gnome-keyring
// that with-keyring.sh starts, and secret-tool sees the same items.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {test} from 'node:test';
import {root} from './cli.js';
import {keyringSkipReason, secretToolLookup, secretToolSearch} from './keyring.js';

const SERVICE = 'authdeck';

/** About 5 KB of UTF-8 with 2-, 3- and 4-byte characters. */
function bigMultibyteValue(): string {
	const chunk = 'ключ-鍵-🔑-é-0123456789|';
	let value = '';
	while (Buffer.byteLength(value, 'utf8') < 5 * 1024) value += chunk;
	return value;
}

test('real Secret Service: keytar set/get/delete of a 5 KB multibyte secret, seen by secret-tool', {
	skip: keyringSkipReason(),
}, async () => {
	const keytar = (await import('keytar')).default;
	const account = `harness-test:${process.pid}:${Date.now()}`;
	const value = bigMultibyteValue();
	assert.ok(Buffer.byteLength(value, 'utf8') >= 5 * 1024);

	try {
		await keytar.setPassword(SERVICE, account, value);
		assert.equal(await keytar.getPassword(SERVICE, account), value);

		// The same item, read by a different client straight from the Secret Service.
		assert.equal(secretToolLookup({service: SERVICE, account}), value);
		const listing = secretToolSearch(SERVICE);
		assert.match(listing, new RegExp(`^attribute\\.account = ${escapeRegExp(account)}$`, 'm'));
		assert.match(listing, /^attribute\.service = authdeck$/m);

		// Overwrite replaces rather than duplicates.
		await keytar.setPassword(SERVICE, account, 'second');
		assert.equal(secretToolLookup({service: SERVICE, account}), 'second');
		assert.equal(
			countOccurrences(secretToolSearch(SERVICE), `attribute.account = ${account}\n`),
			1,
		);

		assert.equal(await keytar.deletePassword(SERVICE, account), true);
		assert.equal(await keytar.getPassword(SERVICE, account), null);
		assert.equal(secretToolLookup({service: SERVICE, account}), undefined);
		assert.ok(!secretToolSearch(SERVICE).includes(`attribute.account = ${account}\n`));
		assert.equal(await keytar.deletePassword(SERVICE, account), false);
	} finally {
		await keytar.deletePassword(SERVICE, account).catch(() => false);
	}
});

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function countOccurrences(haystack: string, needle: string): number {
	return haystack.split(needle).length - 1;
}

test('a gnome-keyring-daemon that dies mid-run (SIGTRAP, as its own assertions end it) is started again, unlocked, with every item', {
	skip: keyringSkipReason(),
	timeout: 60_000,
}, () => {
	// In a throwaway keyring of its own: the run's shared daemon is not touched.
	const script = [
		'set -u',
		'state=$(dirname "$HOME")',
		'printf before | secret-tool store --label=t service harness account kept || exit 10',
		'kill -TRAP "$(cat "$state/daemon.pid")" || exit 11',
		'while kill -0 "$(cat "$state/daemon.pid")" 2>/dev/null; do sleep 0.05; done',
		'printf "read:%s\\n" "$(secret-tool lookup service harness account kept)"',
		'printf after | secret-tool store --label=t service harness account new || exit 12',
		'printf "read:%s\\n" "$(secret-tool lookup service harness account new)"',
	].join('\n');
	const result = spawnSync(
		'bash',
		[path.join(root, 'scripts', 'with-keyring.sh'), 'bash', '-c', script],
		{
			encoding: 'utf8',
			timeout: 50_000,
		},
	);
	assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
	assert.deepEqual(result.stdout.match(/^read:.*$/gm), ['read:before', 'read:after']);
	assert.match(result.stderr, /WARNING: the Secret Service left the bus/);
	assert.match(result.stderr, /WARNING: gnome-keyring-daemon ended 1 time\(s\) during the run/);
});
