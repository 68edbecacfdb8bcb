// Reading a catalogue's checkout: each file checked alone, a bad one skipped by its path, and
// nothing read from outside the checkout through a symlink.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {entryFileName, readCatalog, writeEntry} from '../../source/vault/catalog-files.js';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-catalog-files-'));
after(() => fs.rmSync(base, {recursive: true, force: true}));

test('written entries read back; their file names come from their ids', () => {
	const dir = path.join(base, 'round-trip');
	const provider = {id: 'acme', name: 'Acme', kind: 'api-key', envVars: ['ACME_KEY']};
	assert.equal(writeEntry(dir, 'providers', provider), 'providers/acme.json');
	assert.equal(
		entryFileName('credentials', {name: 'Prod Webhook (v2)'}),
		'credentials/prod-webhook-v2.json',
	);
	assert.deepEqual(readCatalog(dir), {
		entries: {providers: [provider], accounts: [], credentials: []},
		problems: [],
	});
});

test('symlinks, folders that are links and oversized files are skipped by path', () => {
	const dir = path.join(base, 'hostile');
	const outside = path.join(base, 'outside');
	fs.mkdirSync(outside, {recursive: true});
	fs.writeFileSync(path.join(outside, 'x.json'), JSON.stringify({alias: 'x', provider: 'vapi'}));
	fs.mkdirSync(path.join(dir, 'accounts'), {recursive: true});
	fs.symlinkSync(path.join(outside, 'x.json'), path.join(dir, 'accounts', 'x.json'));
	fs.writeFileSync(path.join(dir, 'accounts', 'big.json'), `"${'a'.repeat(70 * 1024)}"`);
	fs.symlinkSync(outside, path.join(dir, 'providers'));
	const {entries, problems} = readCatalog(dir);
	assert.deepEqual(entries.accounts, []);
	assert.deepEqual(problems, [
		{file: 'providers', reason: 'not a plain folder'},
		{file: 'accounts/big.json', reason: 'larger than 64 KB'},
		{file: 'accounts/x.json', reason: 'not a plain file'},
	]);
});
