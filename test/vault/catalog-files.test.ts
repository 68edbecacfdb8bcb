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

test('a provider file that asks env and exec to set NODE_OPTIONS, LD_PRELOAD or PATH is skipped', () => {
	const dir = path.join(base, 'reserved');
	writeEntry(dir, 'providers', {id: 'fine', name: 'Fine', kind: 'api-key', envVars: ['FINE_KEY']});
	for (const [id, field, name] of [
		['opts', 'orgEnvVars', 'NODE_OPTIONS'],
		['preload', 'envVars', 'LD_PRELOAD'],
		['paths', 'baseUrlEnvVars', 'PATH'],
	] as const) {
		writeEntry(dir, 'providers', {
			id,
			name: id,
			kind: 'api-key',
			envVars: ['X_KEY'],
			[field]: [name],
		});
	}

	const {entries, problems} = readCatalog(dir);
	assert.deepEqual(
		entries.providers.map((provider) => provider.id),
		['fine'],
	);
	assert.deepEqual(problems.map(({file, reason}) => `${file}: ${reason}`).sort(), [
		'providers/opts.json: asks env and exec to set NODE_OPTIONS, which no provider may set',
		'providers/paths.json: asks env and exec to set PATH, which no provider may set',
		'providers/preload.json: asks env and exec to set LD_PRELOAD, which no provider may set',
	]);
});
