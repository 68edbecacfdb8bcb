/**
 * `authdeck key rotate`: the new key is created, checked, stored and synced before the old one is
 * deleted; a failure injected at every step leaves the old key in use, valid at the server, and the
 * vault as it was.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {rotateKey} from '../../../source/services/key-rotate.js';
import type {Action} from '../../../source/store/actions.js';
import {oneErrorLine, type TempVault, useTempVault} from '../../helpers/cli.js';
import {type StoredKey, startVastServer, type VastServer} from '../../helpers/vast-server.js';

type Snapshot = {token: string; account: unknown; keys: number[]};

describe('key rotate against the Vast.ai stand-in', () => {
	let server: VastServer;
	const vault = useTempVault('file');
	before(async () => {
		server = await startVastServer();
	});
	after(() => server.close());

	async function addAccount(v: TempVault): Promise<StoredKey> {
		const stored = server.addKey('gpu main', {
			api: {instance_read: {}, user_read: {}, user_write: {}},
		});
		await v.login(stored.key, ['--provider', 'vast', '--base-url', server.url, '--alias', 'gpu']);
		return stored;
	}

	const syncFile = (v: TempVault) => path.join(v.xdgConfigHome, 'vastai', 'vast_api_key');

	async function snapshot(v: TempVault): Promise<Snapshot> {
		const vaultFile = JSON.parse(fs.readFileSync(v.configFile, 'utf8')) as {
			accounts: Array<Record<string, unknown>>;
		};
		const gpu = vaultFile.accounts.find((a) => a.alias === 'gpu') ?? {};
		return {
			token: (await v.ok(['token', '--show', 'gpu'])).stdout.trim(),
			account: {secretHint: gpu.secretHint, keyCreatedAt: gpu.keyCreatedAt},
			keys: [...server.keys.keys()].sort(),
		};
	}

	/** Rotation fails with one line matching `pattern`, and nothing changed anywhere. */
	async function failsCleanly(v: TempVault, old: StoredKey, pattern: RegExp): Promise<string> {
		const before = await snapshot(v);
		const line = oneErrorLine(await v.run(['key', 'rotate', 'gpu']));
		assert.match(line, pattern);
		assert.ok(server.isLive(old.key), 'the old key still works at the provider');
		assert.deepEqual(await snapshot(v), before, 'vault and provider as they were');
		assert.equal(before.token, old.key);
		assert.ok(!line.includes(old.key));
		return line;
	}

	test('rotates: new key with the old name and permissions, checked, stored, synced; then the old one deleted', async () => {
		const old = await addAccount(vault());
		await vault().ok(['config', 'set', 'sync-files', 'vast', 'on']);
		const start = server.requests.length;
		const result = await vault().ok(['key', 'rotate', 'gpu', '--json']);
		const rotated = JSON.parse(result.stdout) as {oldId: string; newId: string; synced: string};
		const fresh = server.keys.get(Number(rotated.newId)) as StoredKey;
		assert.equal(rotated.oldId, String(old.id));
		assert.ok(!server.isLive(old.key), 'the old key is deleted');
		assert.deepEqual(fresh.rights, old.rights);
		assert.equal(fresh.name, 'gpu', 'the list carries no name, so the alias names it');
		const calls = server.requests.slice(start).filter((r) => r.endpoint);
		assert.deepEqual(
			calls.map(
				(r) => `${r.endpoint}:${r.key === old.key ? 'old' : r.key === fresh.key ? 'new' : '?'}`,
			),
			['list:old', 'create:old', 'whoami:new', 'delete:new'],
		);
		assert.equal((await vault().ok(['token', '--show', 'gpu'])).stdout, `${fresh.key}\n`);
		assert.equal(rotated.synced, syncFile(vault()));
		assert.equal(fs.readFileSync(syncFile(vault()), 'utf8'), fresh.key);
		assert.ok(!result.stdout.includes(fresh.key), 'the rotated key is stored, never printed');
		await vault().ok(['key', 'list']);
	});

	test('the key list fails: stopped before it began', async () => {
		const old = await addAccount(vault());
		server.inject('list', {status: 500});
		await failsCleanly(
			vault(),
			old,
			/rotation stopped before it began: could not list the keys .*nothing was changed/,
		);
	});

	test("the stored key is not among the provider's keys: stopped before it began", async () => {
		const old = await addAccount(vault());
		server.inject('list', {status: 200, body: {apikeys: []}});
		await failsCleanly(vault(), old, /none of the 0 keys at Vast\.ai is the one stored for "gpu"/);
	});

	test('creating the new key fails', async () => {
		const old = await addAccount(vault());
		server.inject('create', {status: 500});
		await failsCleanly(
			vault(),
			old,
			/could not create the new key \(Vast\.ai answered 500.*"gpu" still uses its old key; nothing was changed/,
		);
	});

	test('the new key fails "who am I": it is deleted again', async () => {
		const old = await addAccount(vault());
		server.inject('whoami', {status: 401, when: (key) => key !== old.key});
		await failsCleanly(
			vault(),
			old,
			/did not pass "who am I" \(Vast\.ai refused the key \(401.*the new key, just created.*was deleted at Vast\.ai again/,
		);
	});

	test('the new key fails "who am I" and cannot be deleted again: says how to finish', async () => {
		const old = await addAccount(vault());
		server.inject('whoami', {status: 500, when: (key) => key !== old.key});
		server.inject('delete', {status: 500});
		const count = server.keys.size;
		const line = oneErrorLine(await vault().run(['key', 'rotate', 'gpu']));
		const left = [...server.keys.values()].at(-1) as StoredKey;
		assert.equal(server.keys.size, count + 1);
		assert.match(
			line,
			new RegExp(`could not be deleted at Vast\\.ai either .*authdeck key delete ${left.id} --yes`),
		);
		assert.equal((await vault().ok(['token', '--show', 'gpu'])).stdout, `${old.key}\n`);
	});

	test("re-syncing the provider's file fails: the old key is put back and the new one deleted", async () => {
		const old = await addAccount(vault());
		await vault().ok(['config', 'set', 'sync-files', 'vast', 'on']);
		fs.rmSync(syncFile(vault()), {force: true});
		fs.mkdirSync(syncFile(vault()), {recursive: true});
		await failsCleanly(
			vault(),
			old,
			/could not re-sync Vast\.ai's key file .*the old key was put back; "gpu" still uses its old key/,
		);
	});

	test('storing the new key fails: it is deleted again (in process, the store refusing the write)', async () => {
		const old = await addAccount(vault());
		const context = await vault().open();
		const dispatch = context.store.dispatch;
		const failing = {
			...context,
			store: {
				...context.store,
				dispatch: async (action: Action) => {
					if (action.type === 'tokens-updated' && action.secret) {
						throw new Error('the keychain did not answer');
					}

					return dispatch(action);
				},
			},
		};
		const keys = [...server.keys.keys()];
		await assert.rejects(
			rotateKey(failing, 'gpu'),
			/could not store the new key \(the keychain did not answer\); the new key \d+ was deleted at Vast\.ai again/,
		);
		assert.deepEqual([...server.keys.keys()], keys);
		assert.ok(server.isLive(old.key));
		assert.equal((await vault().ok(['token', '--show', 'gpu'])).stdout, `${old.key}\n`);
	});

	test('deleting the old key fails: the new one is in use, and the message says how to finish', async () => {
		const old = await addAccount(vault());
		server.inject('delete', {status: 503});
		const result = await vault().run(['key', 'rotate', 'gpu']);
		assert.equal(result.code, 1);
		assert.match(result.stdout, new RegExp(`The old key ${old.id} was NOT deleted`));
		assert.match(
			result.stderr,
			new RegExp(
				`the new key is stored and in use, but the old key ${old.id} could not be deleted \\(Vast\\.ai answered 503.*authdeck key delete ${old.id} --account gpu --yes`,
			),
		);
		assert.ok(server.isLive(old.key), 'still valid until deleted');
		const stored = (await vault().ok(['token', '--show', 'gpu'])).stdout.trim();
		assert.notEqual(stored, old.key);
		assert.ok(server.isLive(stored));
		await vault().ok(['key', 'delete', String(old.id), '--account', 'gpu', '--yes']);
		assert.ok(!server.isLive(old.key));
	});
});
