// The metadata file held open after a read or a write (source/vault/held-file.ts) is not read again
// while unchanged, and any change to it, by another writer's rename or in place, is read.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {after, before, test} from 'node:test';
import {MetadataFile} from '../../source/vault/metadata.js';
import {vaultPaths} from '../../source/vault/paths.js';
import {vaultText} from '../../source/vault/vault-text.js';
import {manyAccounts} from '../helpers/fixtures.js';
import {TempVault} from '../helpers/temp-vault.js';

let vault: TempVault;
before(async () => {
	vault = await TempVault.create('file');
	await vault.writeManyAccounts(20);
});
after(async () => {
	await vault.cleanup();
});

test("another writer's rename and a change in place are both read", async () => {
	const mine = new MetadataFile(vaultPaths(vault.env));
	const other = new MetadataFile(vaultPaths(vault.env));
	const first = mine.read();
	const target = first.accounts[3]?.id;
	await mine.update((v) => ({...v, current: target}));
	assert.equal(mine.read().current, target);
	// Unchanged since the write: the same value, not read again.
	assert.equal(mine.read().accounts, mine.read().accounts);

	await other.update((v) => ({...v, current: first.accounts[5]?.id}));
	assert.equal(mine.read().current, first.accounts[5]?.id);

	// In place, the same length: the times change, so it is read.
	const text = fs.readFileSync(vault.configFile, 'utf8');
	const alias = first.accounts[0]?.alias ?? '';
	const renamed = alias.replace(/.$/, (c) => (c === 'z' ? 'y' : 'z'));
	fs.writeFileSync(vault.configFile, text.replace(`"${alias}"`, `"${renamed}"`));
	assert.equal(mine.read().accounts.find((a) => a.id === first.accounts[0]?.id)?.alias, renamed);
});

test('a vault written item by item (over 2,000 items) reads back as written', async () => {
	const mine = new MetadataFile(vaultPaths(vault.env));
	const accounts = manyAccounts(2100);
	await mine.update((v) => ({...v, accounts, current: accounts[1]?.id}));
	await mine.prepareWrites();
	await mine.update((v) => ({
		...v,
		accounts: v.accounts.map((a, i) => (i === 2 ? {...a, useCount: 7} : a)),
	}));
	const onDisk = JSON.parse(fs.readFileSync(vault.configFile, 'utf8'));
	const fresh = new MetadataFile(vaultPaths(vault.env)).read();
	assert.deepEqual(fresh, mine.read());
	assert.equal(onDisk.accounts[2].useCount, 7);
	assert.equal(fs.readFileSync(vault.configFile, 'utf8'), JSON.stringify(onDisk, undefined, '\t'));
});

test("the deck's items are made ready for item-by-item writes only where writes go item by item", async () => {
	/** How many accounts of the file a fresh reader would stringify at its next write. */
	const unprepared = async (count: number) => {
		const writer = new MetadataFile(vaultPaths(vault.env));
		const accounts = manyAccounts(count);
		await writer.update((v) => ({...v, accounts, current: accounts[1]?.id}));
		const reader = new MetadataFile(vaultPaths(vault.env));
		const read = reader.read();
		await reader.prepareWrites();
		return vaultText(read).added.accounts?.length;
	};

	// 2,100 accounts are written item by item: each one's text is made once the file is read.
	assert.equal(await unprepared(2100), 0);
	// 1,000 are written whole: making each one's text would be work no write uses.
	assert.equal(await unprepared(1000), 1000);
});
