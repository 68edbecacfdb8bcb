// The metadata file's text made item by item (source/vault/vault-text.ts) is JSON.stringify's to the
// byte; only items not checked before are checked again; a new item breaking an invariant with a
// kept one, or an invalid new item, is refused as a whole-vault check would.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import type {Vault} from '../../source/domain.js';
import {invariantViolation, invariantViolationSince} from '../../source/vault/invariants.js';
import {checked} from '../../source/vault/metadata.js';
import {vaultPaths} from '../../source/vault/paths.js';
import {splicedParts, utf8Of, type WrittenText} from '../../source/vault/spliced-text.js';
import {
	checkedWrite,
	rememberChecked,
	vaultText,
	writeVault,
} from '../../source/vault/vault-text.js';
import {fixtureVault, manyAccounts} from '../helpers/fixtures.js';

/** A vault as read from a file: plain JSON, checked, its items remembered. */
async function readBack(vault: Vault): Promise<Record<string, unknown>> {
	const plain = checked(JSON.parse(JSON.stringify(vault)) as Record<string, unknown>);
	await rememberChecked(plain, 30);
	return plain;
}

const stringified = (value: unknown) => JSON.stringify(value, undefined, '\t');

/** The spliced text, as the parts are written. */
const splicedText = (vault: Record<string, unknown>, read: WrittenText) => {
	const parts = splicedParts(vault, read);
	return parts && utf8Of(parts).toString('utf8');
};

test('the text is JSON.stringify with tabs, before and after the items are remembered', async () => {
	const samples: Array<Record<string, unknown>> = [
		{},
		{version: 1, accounts: [], credentials: [], providers: [], active: {}},
		{current: undefined, accounts: [undefined, {a: 1, b: undefined}], x: {y: [[], {}, 'é→😀']}},
		{...fixtureVault(), accounts: manyAccounts(50)},
	];
	for (const sample of samples) {
		assert.equal(vaultText(sample).bytes.toString('utf8'), stringified(sample));
	}

	const plain = await readBack({...fixtureVault(), accounts: manyAccounts(200)});
	const accounts = plain.accounts as Array<Record<string, unknown>>;
	const changed = {
		...plain,
		accounts: [{...accounts[3], lastUsedAt: 'now', note: undefined}, ...accounts.slice(5)],
		current: accounts[3]?.id,
	};
	const made = vaultText(changed);
	assert.equal(made.bytes.toString('utf8'), stringified(changed));
	assert.deepEqual(made.plain, JSON.parse(stringified(changed)));
	// Only the changed account is new: the others are the objects already checked.
	assert.equal(made.added.accounts?.length, 1);
	assert.equal((made.plain.accounts as unknown[])[1], accounts[5]);
});

test('a new item is checked: an invalid field or an alias another account has is refused', async () => {
	const plain = await readBack({...fixtureVault(), accounts: manyAccounts(20)});
	const accounts = plain.accounts as Array<Record<string, unknown>>;
	const invalid = vaultText({...plain, accounts: [...accounts, {...accounts[0], id: 'NOT AN ID'}]});
	assert.throws(
		() => checkedWrite(invalid, plain, checked),
		/Config schema violation: `\/accounts\/20\/id`/,
	);

	const twin = {...accounts[0], id: 'twin000001'};
	const duplicate = vaultText({...plain, accounts: [...accounts, twin]});
	assert.throws(() => checkedWrite(duplicate, plain, checked), /two accounts have the alias/);

	// The same kept object twice in the list.
	const repeated = vaultText({...plain, accounts: [...accounts, accounts[4]]});
	assert.throws(() => checkedWrite(repeated, plain, checked), /two accounts have the id/);

	const fine = vaultText({...plain, accounts: [...accounts.slice(1), {...accounts[0], note: 'x'}]});
	assert.doesNotThrow(() => checkedWrite(fine, plain, checked));
});

test('a whole-text write checks only the items the change made, and refuses a bad one unwritten', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-vault-text-'));
	try {
		const paths = vaultPaths({AUTHDECK_CONFIG_DIR: dir});
		// As read: parsed from a checked text; the change is made as a reducer makes it.
		const before = checked(
			JSON.parse(stringified({...fixtureVault(), accounts: manyAccounts(50)})),
		);
		const accounts = before.accounts as unknown as Array<Record<string, unknown>>;
		const write = (list: unknown[]) =>
			writeVault(paths, {...before, accounts: list} as unknown as Vault, before as Vault, checked);
		const refused = (list: unknown[], message: RegExp) => {
			assert.throws(() => write(list), message);
			assert.equal(fs.existsSync(paths.config), false, 'nothing is written');
		};

		refused(
			[...accounts.slice(0, 7), {...accounts[7], id: 'NOT AN ID'}, ...accounts.slice(8)],
			/Config schema violation: `\/accounts\/7\/id`/,
		);
		refused([...accounts, {...accounts[2], id: 'twin000001'}], /two accounts have the alias/);
		refused([...accounts, accounts[9]], /two accounts have the id/);
		refused([...accounts, null], /Config schema violation: `\/accounts\/50`/);
		// Past the end of the list read, an undefined is no kept item either (it is written as null).
		refused([...accounts, undefined], /Config schema violation: `\/accounts\/50`/);

		const next = [...accounts.slice(1), {...accounts[0], lastUsedAt: 'now', note: undefined}];
		const plain = write(next);
		const text = stringified({...before, accounts: next});
		assert.equal(fs.readFileSync(paths.config, 'utf8'), text);
		assert.deepEqual(plain, JSON.parse(text));

		// A switch: one account made anew in its place; the others are kept as the very objects read.
		const switched = accounts.map((a, i) => (i === 7 ? {...a, lastUsedAt: 'then'} : a));
		const after = write(switched).accounts as unknown[];
		assert.equal(
			fs.readFileSync(paths.config, 'utf8'),
			stringified({...before, accounts: switched}),
		);
		assert.deepEqual(after, JSON.parse(stringified(switched)));
		assert.ok(after.every((item, i) => (i === 7) !== (item === accounts[i])));
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
});

test('the invariants checked since a vault agree with the whole check', async () => {
	const plain = await readBack({...fixtureVault(), accounts: manyAccounts(30)});
	const accounts = plain.accounts as Array<Record<string, unknown>>;
	const variants = [
		accounts,
		[...accounts, {...accounts[2]}],
		[...accounts.slice(1), {...accounts[0], alias: accounts[1]?.alias}],
		[...accounts.slice(1), {...accounts[0], alias: 'fresh-alias'}],
		[accounts[0], accounts[0]],
		[],
		// Same length, changed in place: a twin of a kept account, the same object twice, a fine one.
		[...accounts.slice(0, -1), {...accounts[0], id: 'twin000002'}],
		[...accounts.slice(0, -1), accounts[0]],
		accounts.map((account, index) => (index === 7 ? {...account, useCount: 3} : account)),
	];
	assert.deepEqual(
		variants.map((list) => invariantViolationSince(plain, {...plain, accounts: list})),
		variants.map((list) => invariantViolation({...plain, accounts: list})),
	);
	for (const list of variants) {
		const next = {...plain, accounts: list};
		assert.equal(
			invariantViolationSince(plain, next) === undefined,
			invariantViolation(next) === undefined,
		);
	}
});

test('a text spliced from one this build wrote is JSON.stringify with tabs, whatever changed', () => {
	const read = JSON.parse(stringified({...fixtureVault(), accounts: manyAccounts(30)})) as Record<
		string,
		unknown
	>;
	const text = stringified(read);
	const accounts = read.accounts as Array<Record<string, unknown>>;
	const [first, second, third] = accounts as [object, object, object];
	const changes: Array<Record<string, unknown>> = [
		// A switch: one account made anew, the others kept.
		{
			...read,
			accounts: accounts.map((a, i) => (i === 7 ? {...a, lastUsedAt: 'now'} : a)),
			current: 'x',
		},
		// A removal, from the middle, the start and the end (the item that becomes last).
		{...read, accounts: accounts.filter((_, i) => i !== 4)},
		{...read, accounts: accounts.slice(1)},
		{...read, accounts: accounts.slice(0, -1)},
		// An addition at the end (the item that was last is last no more), a reorder, none left.
		{...read, accounts: [...accounts, {...first, id: 'new', note: 'é→😀\n"'}]},
		{...read, accounts: [third, first, second, ...accounts.slice(3).reverse()]},
		{...read, accounts: []},
		// Fields outside the lists added, changed and gone; one left undefined.
		{...read, settings: {theme: 'high-contrast'}, previous: undefined, extra: [1, {a: []}]},
		{version: 1},
		{},
	];
	for (const vault of changes) {
		assert.equal(splicedText(vault, {text, value: read}), stringified(vault));
	}

	const empty = JSON.parse(stringified({...read, accounts: []})) as Record<string, unknown>;
	const grown = {...empty, accounts: [first]};
	assert.equal(splicedText(grown, {text: stringified(empty), value: empty}), stringified(grown));
});

test('a text not laid out as this build writes it is not spliced, nor a list laid out otherwise', () => {
	const read = JSON.parse(stringified({...fixtureVault(), accounts: manyAccounts(5)})) as Record<
		string,
		unknown
	>;
	const accounts = read.accounts as unknown[];
	const vault = {...read, accounts: [...accounts.slice(1), {...(accounts[0] as object)}]};
	const text = stringified(read);
	const laidOut = [
		JSON.stringify(read, undefined, 2),
		JSON.stringify(read),
		`${text}\n`,
		// Its members in another order than the value's.
		stringified({accounts: read.accounts, ...read}),
	];
	for (const other of laidOut) {
		assert.equal(splicedText(vault, {text: other, value: read}), undefined, other.slice(0, 40));
	}

	// A list laid out otherwise (two accounts to a line) where a run starts is stringified whole.
	const twoToALine = text.replace('},\n\t\t{', '}, {');
	assert.notEqual(twoToALine, text);
	assert.equal(splicedText(vault, {text: twoToALine, value: read}), stringified(vault));
	// Inside a run the text is taken as it stands, which the stamp vouches for: the values stay right.
	const inRun = {...read, accounts: [...accounts.slice(0, -1), {...(accounts.at(-1) as object)}]};
	const kept = splicedText(inRun, {text: twoToALine, value: read});
	assert.ok(kept?.includes('}, {'));
	assert.deepEqual(JSON.parse(kept ?? ''), JSON.parse(stringified(inRun)));
	// So is a list given an item other than an object, which has no brace to split at.
	const odd = {...read, accounts: [...accounts, 'x', null]};
	assert.equal(splicedText(odd, {text, value: read}), stringified(odd));
});

test('a spliced text is JSON.stringify with tabs after any run of removals, additions and changes', () => {
	// A small generator of its own, seeded, so that a failure is the same at every run.
	let seed = 7;
	const random = (below: number) => {
		seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
		return seed % below;
	};

	const read = JSON.parse(stringified({...fixtureVault(), accounts: manyAccounts(60)})) as Record<
		string,
		unknown
	>;
	const text = stringified(read);
	// Rounds where the accounts were sliced from the text read, not stringified again.
	let sliced = 0;
	for (let round = 0; round < 200; round++) {
		const accounts = [...(read.accounts as object[])];
		for (let change = random(6); change >= 0; change--) {
			const at = random(accounts.length + 1);
			const kind = random(4);
			if (kind === 0 && accounts.length > 0) accounts.splice(at % accounts.length, 1);
			else if (kind === 1) accounts.splice(at, 0, {id: `new${round}x${change}`, alias: 'n'});
			else if (kind === 2 && accounts.length > 0)
				accounts[at % accounts.length] = {...accounts[at % accounts.length], note: `${round}`};
			else if (accounts.length > 1) {
				const [moved] = accounts.splice(at % accounts.length, 1);
				accounts.splice(random(accounts.length + 1), 0, moved as object);
			}
		}

		const vault = {...read, accounts, current: `c${round}`};
		assert.equal(splicedText(vault, {text, value: read}), stringified(vault), `round ${round}`);
		if (splicedParts(vault, {text, value: read})?.some((part) => part.length > 2000)) sliced++;
	}

	assert.ok(sliced > 150, `${sliced} of 200 rounds sliced`);
});
