import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import type {Account, Vault} from '../../source/domain.js';
import {emptyVault} from '../../source/domain.js';
import {findByQuery, findProjectFile, resolveAccount} from '../../source/store/resolve-account.js';
import {terminalActive} from '../helpers/terminal.js';

function account(id: string, alias: string, providerId: string, email?: string): Account {
	return {
		id,
		alias,
		providerId,
		email,
		organizations: [],
		environment: 'production',
		method: 'api-key',
		scopes: [],
		refreshable: false,
		createdAt: '2025-01-01T00:00:00.000Z',
	};
}

const prod = account('id000prod', 'prod', 'vapi', 'john@company.com');
const client = account('id00client', 'client-a', 'vapi', 'jane@agency.com');
const gpu = account('id0000gpu', 'gpu', 'vast', 'john@company.com');
const pinned = account('id00pinned', 'pinned', 'vantage', 'ops@acme.com');

const vault: Vault = {
	...emptyVault,
	accounts: [prod, client, gpu, pinned],
	active: {vapi: prod.id, vast: gpu.id, vantage: pinned.id},
	current: gpu.id,
	previous: prod.id,
};

// A project tree: root/.authdeck pins "pinned"; root/a/b is a nested working directory.
let root: string;
let nested: string;
let bare: string;

before(() => {
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-resolve-'));
	root = path.join(base, 'project');
	nested = path.join(root, 'a', 'b');
	bare = path.join(base, 'elsewhere');
	fs.mkdirSync(nested, {recursive: true});
	fs.mkdirSync(bare);
	fs.writeFileSync(path.join(root, '.authdeck'), '# pinned for this project\n\npinned\n');
});

after(() => {
	fs.rmSync(path.dirname(root), {recursive: true, force: true});
});

describe('resolveAccount precedence', () => {
	test('--account beats AUTHDECK_ACCOUNT, the project file and the current account', () => {
		const result = resolveAccount(vault, {
			flag: 'client-a',
			env: {AUTHDECK_ACCOUNT: 'gpu'},
			cwd: nested,
		});
		assert.equal(result.account.id, client.id);
		assert.equal(result.source, 'flag');
		assert.equal(result.reason, 'chosen by --account');
	});

	test('AUTHDECK_ACCOUNT beats the project file', () => {
		const result = resolveAccount(vault, {env: {AUTHDECK_ACCOUNT: 'jane@agency.com'}, cwd: nested});
		assert.equal(result.account.id, client.id);
		assert.equal(result.source, 'env');
	});

	test('a .authdeck file in a parent directory beats the active and current accounts', () => {
		const result = resolveAccount(vault, {env: {}, cwd: nested, providerId: 'vapi'});
		assert.equal(result.account.id, pinned.id);
		assert.equal(result.source, 'project-file');
		assert.equal(result.reason, `pinned by ${path.join(root, '.authdeck')}`);
	});

	test('without a pin: the current account, or the active one of a given provider', () => {
		const current = resolveAccount(vault, {env: {}, cwd: bare});
		assert.equal(current.account.id, gpu.id);
		assert.equal(current.source, 'current');
		const active = resolveAccount(vault, {env: {}, cwd: bare, providerId: 'vapi'});
		assert.equal(active.account.id, prod.id);
		assert.equal(active.source, 'active');
	});

	test('an empty AUTHDECK_ACCOUNT is ignored', () => {
		assert.equal(resolveAccount(vault, {env: {AUTHDECK_ACCOUNT: ''}, cwd: bare}).source, 'current');
	});

	test('errors name what went wrong and the known accounts', () => {
		assert.throws(
			() => resolveAccount(vault, {env: {AUTHDECK_ACCOUNT: 'nope'}, cwd: bare}),
			/no account matches "nope"; known accounts: client-a, gpu, pinned, prod/,
		);
		assert.throws(
			() => resolveAccount(vault, {env: {}, cwd: bare, providerId: 'api-key'}),
			/no active api-key account/,
		);
		assert.throws(
			() => resolveAccount({...vault, current: undefined}, {env: {}, cwd: bare}),
			/no account selected; known accounts:/,
		);
		assert.throws(
			() => resolveAccount(emptyVault, {env: {}, cwd: bare}),
			/there are no accounts yet; add one with `authdeck login`/,
		);
	});

	test('a project file naming an unknown account is an error naming the file', () => {
		const dir = fs.mkdtempSync(path.join(path.dirname(root), 'stale-'));
		fs.writeFileSync(path.join(dir, '.authdeck'), 'account: gone\n');
		assert.throws(
			() => resolveAccount(vault, {env: {}, cwd: dir}),
			(error: Error) =>
				error.message.startsWith(`${path.join(dir, '.authdeck')}: no account matches "gone"`),
		);
	});
});

describe('findProjectFile', () => {
	test('reads the first alias, skipping comments, blank lines and an `account:` label', () => {
		const dir = fs.mkdtempSync(path.join(path.dirname(root), 'pin-'));
		fs.writeFileSync(
			path.join(dir, '.authdeck'),
			'\n  # comment\naccount = client-a  # why\nother\n',
		);
		assert.deepEqual(findProjectFile(dir), {file: path.join(dir, '.authdeck'), alias: 'client-a'});
	});

	test('an empty file pins nothing and the search goes on upwards', () => {
		const dir = path.join(nested, 'c');
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, '.authdeck'), '# nothing here\n');
		assert.deepEqual(findProjectFile(dir), {file: path.join(root, '.authdeck'), alias: 'pinned'});
	});

	test('nothing found outside a project', () => {
		assert.equal(findProjectFile(bare), undefined);
	});
});

describe('findByQuery', () => {
	test('by alias, by id, by email in any case', () => {
		assert.equal(findByQuery(vault, 'client-a').id, client.id);
		assert.equal(findByQuery(vault, 'id0000gpu').id, gpu.id);
		assert.equal(findByQuery(vault, 'JANE@agency.com').id, client.id);
	});

	test('an email shared by two accounts is ambiguous and the aliases are listed', () => {
		assert.throws(
			() => findByQuery(vault, 'john@company.com'),
			/"john@company\.com" matches 2 accounts \(prod, gpu\); use an alias/,
		);
	});

	test('a hostile query is quoted inert', () => {
		assert.throws(
			() => findByQuery(vault, 'x\u001B]52;c;QQ==\u0007'),
			(error: Error) =>
				!terminalActive.test(error.message) && error.message.includes('x?]52;c;QQ==?'),
		);
	});
});
