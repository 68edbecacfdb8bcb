// security.md row 33 (issue 9 item 11): a process SIGKILLed between a secret write and its metadata
// write, or in the middle of `config set storage`, leaves no orphan secret and no second (plaintext)
// copy once the next command has started. Real processes killed at random moments, the real file
// store and the real Secret Service of with-keyring.sh; the keychain is listed only by the keys the
// test planted (secret-tool lookup), never by keytar's findCredentials.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {
	type BackendName,
	describeBackends,
	idFor,
	root,
	secretFor,
	spawnWorker,
	TempVault,
	watch,
} from '../helpers/cli.js';
import {keyringSkipReason, secretToolLookup} from '../helpers/keyring.js';

/**
 * Stores a keychain item the way a killed authdeck would have: through keytar, in a process of its
 * own. (An item made by `secret-tool store` is at times not found by keytar right after.)
 */
function plantInKeychain(key: string, value: string): void {
	const planted = spawnSync(
		process.execPath,
		[
			'-e',
			'require("keytar").setPassword("authdeck", process.argv[1], process.argv[2]).then(() => process.exit(0), () => process.exit(1))',
			key,
			value,
		],
		{cwd: root, timeout: 10_000},
	);
	assert.equal(planted.status, 0, String(planted.stderr));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a backend holds for `key`, read without authdeck. */
function held(vault: TempVault, backend: BackendName, key: string): string | undefined {
	if (backend === 'file') {
		return vault.fileSecrets()[key];
	}

	return secretToolLookup({service: 'authdeck', account: key});
}

/**
 * The lock directories of the process just killed (we waited for its end, so their owner is gone).
 * Stale-lock takeover is another item of the issue (a lock goes stale after 10 s today); removing
 * them keeps dozens of kills within the test's time without changing what is checked.
 */
function clearDeadLocks(dir: string): void {
	for (const name of fs.readdirSync(dir)) {
		if (name.endsWith('.lock')) {
			fs.rmSync(path.join(dir, name), {recursive: true, force: true});
		}
	}
}

function clearKeychain(keys: Iterable<string>): void {
	for (const key of keys) {
		spawnSync('secret-tool', ['clear', 'service', 'authdeck', 'account', key], {timeout: 10_000});
	}
}

describeBackends('SIGKILL between a secret write and its metadata write (row 33)', (backend) => {
	let vault: TempVault;
	const planted = new Set<string>();
	beforeEach(async () => {
		vault = await TempVault.create(backend);
	});
	afterEach(async () => {
		if (backend === 'keychain') clearKeychain(planted);
		await vault.cleanup();
	});

	test('after the next start: no secret without its account, every account with its secret', {
		timeout: 300_000,
	}, async (t) => {
		const runs = 24;
		let orphansBeforeStart = 0;
		for (let run = 0; run < runs; run++) {
			const prefix = `k${run}`;
			const worker = watch(spawnWorker(vault.env, ['loop', prefix, '400', 'secrets']));
			await worker.waitFor(/^saved 0$/m, 60_000);
			await sleep(Math.random() * 250);
			worker.child.kill('SIGKILL');
			assert.equal((await worker.exited()).signal, 'SIGKILL');
			clearDeadLocks(vault.configDir);

			const reported = worker.output().stdout.match(/^saved \d+$/gm)?.length ?? 0;
			// Every key this run could have written: the ones it reported and the one it was saving.
			const candidates = Array.from(
				{length: reported + 2},
				(_, i) => `account:${idFor(prefix, i)}`,
			);
			for (const key of candidates) planted.add(key);
			const named = new Set(vault.config().accounts.map((account) => `account:${account.id}`));
			orphansBeforeStart += candidates.filter(
				(key) => !named.has(key) && held(vault, backend, key) !== undefined,
			).length;

			// The next start: a read-only command.
			await vault.ok(['status']);
			const accounts = vault.config().accounts;
			const ids = new Set(accounts.map((account) => `account:${account.id}`));
			for (const key of candidates) {
				if (!ids.has(key)) {
					assert.equal(held(vault, backend, key), undefined, `run ${run}: ${key} has no account`);
				}
			}

			// Earlier runs' accounts were checked after their own run, and a later start only deletes
			// keys the metadata does not name.
			for (const account of accounts.filter((a) => a.id.startsWith(`${prefix}x`))) {
				const index = Number(account.id.slice(prefix.length + 1));
				assert.deepEqual(
					JSON.parse(held(vault, backend, `account:${account.id}`) ?? 'null'),
					{apiKey: secretFor(prefix, index)},
					`${account.id} has its secret`,
				);
			}

			if (backend === 'file') {
				assert.deepEqual(Object.keys(vault.fileSecrets()).sort(), [...ids].sort());
			}

			assert.equal(fs.existsSync(path.join(vault.configDir, 'pending.json')), false);
		}

		t.diagnostic(
			`${runs} kills; secrets without an account before the next start: ${orphansBeforeStart}`,
		);
	});
});

describe('SIGKILL during `config set storage` (row 33)', {skip: keyringSkipReason()}, () => {
	let vault: TempVault;
	let keys: string[] = [];
	// The backend comes from the `storage` setting, as after `config set storage`.
	const env = {AUTHDECK_STORAGE: undefined};
	beforeEach(async () => {
		vault = await TempVault.create('file');
	});
	afterEach(async () => {
		clearKeychain(keys);
		await vault.cleanup();
	});

	test('after the next start every secret is in exactly the store the metadata names', {
		timeout: 300_000,
	}, async (t) => {
		const count = 20;
		const seed = watch(spawnWorker(vault.env, ['loop', 'm', String(count), 'secrets']));
		assert.equal((await seed.exited()).code, 0, seed.output().stderr);
		keys = Array.from({length: count}, (_, i) => `account:${idFor('m', i)}`);
		const expected = new Map(
			keys.map((key, i) => [key, JSON.stringify({apiKey: secretFor('m', i)})]),
		);
		assert.equal(vault.config().settings.storage, 'file');

		// How long a whole move takes, to kill anywhere inside one.
		const started = Date.now();
		await vault.ok(['config', 'set', 'storage', 'keychain'], {env});
		const whole = Date.now() - started;

		const runs = 16;
		const outcomes = {finished: 0, undone: 0};
		for (let run = 0; run < runs; run++) {
			const from = vault.config().settings.storage as BackendName;
			const to = from === 'file' ? 'keychain' : 'file';
			const child = watch(await vault.spawn(['config', 'set', 'storage', to], {env}));
			child.child.stdin?.end();
			await sleep(whole * (0.3 + Math.random() * 0.75));
			child.child.kill('SIGKILL');
			await child.exited();
			clearDeadLocks(vault.configDir);

			await vault.ok(['status'], {env});
			const storage = vault.config().settings.storage as BackendName;
			outcomes[storage === to ? 'finished' : 'undone']++;
			const other = storage === 'file' ? 'keychain' : 'file';
			for (const [key, value] of expected) {
				assert.equal(held(vault, storage, key), value, `run ${run}: ${key} in the ${storage}`);
				assert.equal(
					held(vault, other, key),
					undefined,
					`run ${run}: no copy of ${key} in the ${other}`,
				);
			}

			if (storage === 'keychain') {
				assert.deepEqual(vault.fileSecrets(), {}, 'no plaintext copy in secrets.json');
			}

			assert.equal(fs.existsSync(path.join(vault.configDir, 'pending.json')), false);
		}

		t.diagnostic(`a whole move took ${whole} ms; ${runs} kills: ${JSON.stringify(outcomes)}`);
	});
});

describeBackends('a journal left by a killed save', (backend) => {
	let vault: TempVault;
	beforeEach(async () => {
		vault = await TempVault.create(backend);
	});
	afterEach(async () => {
		if (backend === 'keychain') clearKeychain(['account:orphan000001']);
		await vault.cleanup();
	});

	test('the next start deletes a journalled secret without an account and keeps one with', async () => {
		const account = await vault.login('sk-test_kept_key_0000', [
			'--provider',
			'vapi',
			'--alias',
			'kept',
		]);
		// What a save killed after its secret write leaves: the secret, and the journal naming it.
		const orphan = 'account:orphan000001';
		if (backend === 'file') {
			const file = path.join(vault.configDir, 'secrets.json');
			const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as {entries: Record<string, string>};
			stored.entries[orphan] = '{"apiKey":"sk-test_orphan"}';
			fs.writeFileSync(file, JSON.stringify(stored));
		} else {
			plantInKeychain(orphan, '{"apiKey":"sk-test_orphan"}');
		}

		assert.notEqual(held(vault, backend, orphan), undefined);
		const journal = path.join(vault.configDir, 'pending.json');
		fs.writeFileSync(
			journal,
			JSON.stringify({
				version: 1,
				writes: [
					{store: backend, key: orphan},
					{store: backend, key: `account:${account.id}`},
				],
			}),
			{mode: 0o600},
		);

		await vault.ok(['status']);
		assert.equal(held(vault, backend, orphan), undefined);
		assert.equal(
			held(vault, backend, `account:${account.id}`),
			'{"apiKey":"sk-test_kept_key_0000"}',
		);
		assert.equal(fs.existsSync(journal), false);
	});
});
