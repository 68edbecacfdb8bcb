// The store over a real vault: when a save reaches the disk relative to the deck's next frame, and
// that a save never works from a stale copy of the metadata file.
import assert from 'node:assert/strict';
import path from 'node:path';
import {before, test} from 'node:test';
import lockfile from 'proper-lockfile';
import type {Account} from '../../source/domain.js';
import type {Context} from '../../source/store/context.js';
import {MetadataFile} from '../../source/vault/metadata.js';
import {vaultPaths} from '../../source/vault/paths.js';
import {useTempVault} from '../helpers/cli.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});
let context: Context;
let accounts: Account[];

before(async () => {
	accounts = await vault().seedSample();
	context = await vault().open();
});

const at = () => new Date().toISOString();

test('a switch is on disk before the listeners (the deck) hear of it', async () => {
	const [clientA] = accounts;
	assert.ok(clientA);
	const onDisk: Array<string | undefined> = [];
	const unsubscribe = context.store.subscribe(() => onDisk.push(vault().read().current));
	try {
		await context.store.dispatch({type: 'account-switched', accountId: clientA.id, at: at()});
	} finally {
		unsubscribe();
	}

	assert.ok(onDisk.length > 0, 'the listeners ran');
	assert.deepEqual(
		new Set(onDisk),
		new Set([clientA.id]),
		'every frame drawn had it saved already',
	);
});

test('while another process holds the lock the deck still shows the switch at once; it is saved after', async () => {
	const [, gpu] = accounts;
	assert.ok(gpu);
	const release = await lockfile.lock(path.join(vault().configDir, 'config.json'), {
		realpath: false,
	});
	let saved: Promise<void>;
	try {
		saved = context.store.dispatch({type: 'account-switched', accountId: gpu.id, at: at()});
		assert.equal(context.store.getState().vault.current, gpu.id, 'shown before it is saved');
		assert.notEqual(vault().read().current, gpu.id, 'not written under the other holder');
	} finally {
		await release();
	}

	await saved;
	assert.equal(vault().read().current, gpu.id);
});

test('a change another process wrote between two saves is kept, not overwritten from memory', async () => {
	const [clientA, gpu, prod] = accounts;
	assert.ok(clientA && gpu && prod);
	await context.store.dispatch({type: 'account-switched', accountId: prod.id, at: at()});

	// Another process: its own MetadataFile over the same directory.
	const other = new MetadataFile(vaultPaths(vault().env));
	await other.update((fresh) => ({
		...fresh,
		accounts: fresh.accounts.map((account) =>
			account.id === gpu.id ? {...account, alias: 'gpu-renamed'} : account,
		),
	}));

	await context.store.dispatch({type: 'account-switched', accountId: clientA.id, at: at()});
	const saved = vault().read();
	assert.equal(saved.current, clientA.id);
	assert.equal(saved.accounts.find((account) => account.id === gpu.id)?.alias, 'gpu-renamed');
});
