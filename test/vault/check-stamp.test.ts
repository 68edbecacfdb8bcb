// The stamp that a metadata file passed the check (source/vault/check-stamp.ts): made by the
// writer of the file and by a reader of a file left alone, used only for that very file as fstat
// says it is and only by the build that made it. A file changed since, even in place at the same
// size with its mtime put back, is checked again and refused.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {describeRun, requireBuild, stderrLines, TempVault} from '../helpers/cli.js';

type Stamp = {config: string; key: string; parts: Record<string, unknown>};

const stampFile = (vault: TempVault) => path.join(vault.xdgCacheHome, 'authdeck', 'checked.json');

const readStamp = (vault: TempVault) =>
	JSON.parse(fs.readFileSync(stampFile(vault), 'utf8')) as Stamp;

/** The key a stamp gives the file as it is now (peek-cache.ts's keyOf). */
function keyNow(file: string): string {
	const stat = fs.statSync(file, {bigint: true});
	return `${stat.dev}-${stat.ino}-${stat.size}-${stat.mtimeNs}-${stat.ctimeNs}`;
}

/** Rewrites `file` in place (same inode, same size), its mtime put back as it was. */
function editInPlace(file: string, from: string, to: string): void {
	assert.equal(from.length, to.length);
	const {atime, mtime} = fs.statSync(file);
	const text = fs.readFileSync(file, 'utf8');
	assert.ok(text.includes(from));
	const fd = fs.openSync(file, 'r+');
	try {
		fs.writeSync(fd, text.replace(from, to), 0, 'utf8');
	} finally {
		fs.closeSync(fd);
	}

	fs.utimesSync(file, atime, mtime);
}

describe('the checked stamp of the metadata file', () => {
	let vault: TempVault;
	before(async () => {
		requireBuild();
		vault = await TempVault.create('file');
		// ~135 KB: past the size below which nothing is stamped.
		await vault.writeManyAccounts(300);
	});
	after(() => vault.cleanup());

	test('a switch stamps the file it wrote, for its device, inode, size, mtime and ctime', async () => {
		fs.rmSync(stampFile(vault), {force: true});
		await vault.ok(['switch', 'user-00002']);
		const stamp = readStamp(vault);
		assert.equal(stamp.config, vault.configFile);
		assert.equal(stamp.key, keyNow(vault.configFile));
		const parts = Object.entries(stamp.parts);
		assert.equal(parts.length, 1);
		assert.match(parts[0]?.[0] ?? '', /^checked-[0-9a-f]{20}$/);
		// `written`: this build wrote it, so the next write may slice its text (spliced-text.ts).
		assert.equal(parts[0]?.[1], 'written');
		assert.equal(fs.statSync(stampFile(vault)).mode & 0o777, 0o600);
	});

	test('a write made from a text this build wrote is that text with the change, laid out as ever', async () => {
		await vault.ok(['switch', 'user-00007']);
		const before = JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as {current: string};
		// Spliced from the stamped text: only user-00008's account and the top fields are made anew.
		await vault.ok(['switch', 'user-00008']);
		const text = fs.readFileSync(vault.configFile, 'utf8');
		const after = JSON.parse(text) as {current: string; previous: string; accounts: unknown[]};
		assert.equal(text, JSON.stringify(after, undefined, '\t'));
		assert.equal(after.previous, before.current);
		assert.notEqual(after.current, before.current);
		assert.equal(after.accounts.length, 300);
	});

	test('a file laid out otherwise under a stamp that says this build wrote it is written right', async () => {
		await vault.ok(['switch', 'user-00009']);
		const value = JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as {current: string};
		// Two spaces instead of a tab, and a stamp for it as if this build had written it.
		fs.writeFileSync(vault.configFile, JSON.stringify(value, undefined, 2), {mode: 0o600});
		const stamp = readStamp(vault);
		const part = Object.keys(stamp.parts)[0] ?? '';
		fs.writeFileSync(
			stampFile(vault),
			JSON.stringify({...stamp, key: keyNow(vault.configFile), parts: {[part]: 'written'}}),
			{mode: 0o600},
		);
		await vault.ok(['switch', 'user-00010']);
		const text = fs.readFileSync(vault.configFile, 'utf8');
		const after = JSON.parse(text) as {previous: string; accounts: unknown[]};
		assert.equal(text, JSON.stringify(after, undefined, '\t'));
		assert.equal(after.previous, value.current);
		assert.equal(after.accounts.length, 300);
	});

	test('a stamped file broken in place, same size, mtime put back, is refused and left as it is', async () => {
		await vault.ok(['switch', 'user-00003']);
		assert.equal(readStamp(vault).key, keyNow(vault.configFile));
		editInPlace(vault.configFile, '"method": "api-key"', '"method": "api-kez"');
		const broken = fs.readFileSync(vault.configFile);
		for (const args of [['status'], ['switch', 'user-00004'], ['whoami']]) {
			const result = await vault.fail(args);
			const lines = stderrLines(result);
			assert.equal(lines.length, 1, describeRun(result));
			assert.match(lines[0] ?? '', /does not match the expected format/);
			assert.ok(fs.readFileSync(vault.configFile).equals(broken), 'the file is untouched');
		}

		editInPlace(vault.configFile, '"method": "api-kez"', '"method": "api-key"');
		await vault.ok(['status']);
	});

	test('a stamp is used only by the build that made it', async () => {
		await vault.ok(['switch', 'user-00005']);
		const mine = Object.keys(readStamp(vault).parts)[0] ?? '';
		// A method the schema does not know, and a stamp for the file with it.
		const text = fs.readFileSync(vault.configFile, 'utf8');
		fs.writeFileSync(vault.configFile, text.replace('"method": "api-key"', '"method": "api-kez"'));
		const plant = (part: string) =>
			fs.writeFileSync(
				stampFile(vault),
				JSON.stringify({
					config: vault.configFile,
					key: keyNow(vault.configFile),
					parts: {[part]: true},
				}),
				{mode: 0o600},
			);

		plant('checked-00000000000000000000');
		assert.match((await vault.fail(['status'])).stderr, /does not match the expected format/);
		// This build's own stamp is believed: that is what spares the check (and what shows it is used).
		plant(mine);
		await vault.ok(['status']);
		fs.writeFileSync(vault.configFile, text);
	});

	test('a reader stamps only a file left alone for two seconds (its ctime, which utimes cannot set back)', async () => {
		await vault.ok(['switch', 'user-00006']);
		fs.rmSync(stampFile(vault));
		const past = new Date(Date.now() - 60_000);
		fs.utimesSync(vault.configFile, past, past);
		await vault.ok(['status']);
		assert.equal(fs.existsSync(stampFile(vault)), false, 'a file changed just now is not stamped');
		await sleep(2100);
		await vault.ok(['status']);
		assert.equal(readStamp(vault).key, keyNow(vault.configFile));
	});

	test('a small vault is not stamped: checking it costs less than the stamp', async () => {
		const small = await TempVault.create('file');
		try {
			await small.writeManyAccounts(10);
			await small.ok(['switch', 'user-00001']);
			await sleep(2100);
			await small.ok(['status']);
			assert.equal(fs.existsSync(stampFile(small)), false);
		} finally {
			await small.cleanup();
		}
	});
});
