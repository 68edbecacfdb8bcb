// security.md row 4: two processes each adding 100 accounts at the same time -> all 200 present,
// each with its secret. Real processes, the real lock, the real files (and the real keychain).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {describe, test} from 'node:test';
import {
	idFor,
	requireBuild,
	runCli,
	secretFor,
	spawnWorker,
	TempVault,
	watch,
} from '../helpers/cli.js';
import {keyringSkipReason} from '../helpers/keyring.js';

const perProcess = 100;
const prefixes = ['alpha', 'beta'] as const;

type Stored = {accounts: Array<{id: string; alias: string}>};

/** Starts both workers, lets them go at the same moment and waits for both to finish. */
async function addConcurrently(vault: TempVault): Promise<void> {
	const workers = prefixes.map((prefix) =>
		watch(spawnWorker(vault.env, ['accounts', prefix, String(perProcess)])),
	);
	try {
		await Promise.all(workers.map((worker) => worker.waitFor(/^ready$/m)));
		for (const worker of workers) {
			worker.child.stdin?.write('go\n');
		}

		const results = await Promise.all(workers.map((worker) => worker.exited(240_000)));
		for (const [index, result] of results.entries()) {
			const worker = workers[index];
			assert.equal(
				result.code,
				0,
				`worker ${prefixes[index]} failed (${result.code ?? result.signal}):\n${worker?.output().stderr}`,
			);
		}
	} finally {
		for (const worker of workers) {
			worker.child.kill('SIGKILL');
		}
	}
}

function expectedIds(): string[] {
	return prefixes.flatMap((prefix) => Array.from({length: perProcess}, (_, i) => idFor(prefix, i)));
}

function assertAllAccounts(vault: TempVault): void {
	const stored = JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as Stored;
	const ids = stored.accounts.map((account) => account.id).sort();
	assert.equal(ids.length, 2 * perProcess, 'every account of both processes is in the metadata');
	assert.deepEqual(ids, expectedIds().sort());
	assert.equal(new Set(stored.accounts.map((account) => account.alias)).size, 2 * perProcess);
}

/** `token --show` through the real binary for a few accounts of each process. */
async function assertSampleTokens(vault: TempVault): Promise<void> {
	for (const prefix of prefixes) {
		for (const index of [0, 37, perProcess - 1]) {
			const result = await runCli(['token', '--show', `${prefix}-${index}`], {env: vault.env});
			assert.equal(result.code, 0, result.stderr);
			assert.equal(result.stdout, `${secretFor(prefix, index)}\n`);
		}
	}
}

describe('two processes adding 100 accounts each at the same time (row 4)', () => {
	test('file backend: all 200 accounts and all 200 secrets are saved', {
		timeout: 300_000,
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('file');
		try {
			await addConcurrently(vault);
			assertAllAccounts(vault);

			const secrets = JSON.parse(fs.readFileSync(vault.secretsFile, 'utf8')) as {
				entries: Record<string, string>;
			};
			for (const prefix of prefixes) {
				for (let index = 0; index < perProcess; index++) {
					const raw = secrets.entries[`account:${idFor(prefix, index)}`];
					assert.ok(raw, `secret of ${prefix}-${index} is stored`);
					assert.deepEqual(JSON.parse(raw), {apiKey: secretFor(prefix, index)});
				}
			}

			assert.equal(Object.keys(secrets.entries).length, 2 * perProcess);
			await assertSampleTokens(vault);
		} finally {
			await vault.cleanup();
		}
	});

	test('keychain backend: all 200 accounts and all 200 secrets are saved', {
		timeout: 300_000,
		skip: keyringSkipReason(),
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('keychain');
		const {default: keytar} = await import('keytar');
		try {
			await addConcurrently(vault);
			assertAllAccounts(vault);
			assert.equal(fs.existsSync(vault.secretsFile), false, 'no secrets file beside the keychain');

			for (const prefix of prefixes) {
				for (let index = 0; index < perProcess; index++) {
					const raw = await keytar.getPassword('authdeck', `account:${idFor(prefix, index)}`);
					assert.ok(raw, `secret of ${prefix}-${index} is in the keychain`);
					assert.deepEqual(JSON.parse(raw), {apiKey: secretFor(prefix, index)});
				}
			}

			await assertSampleTokens(vault);
		} finally {
			for (const id of expectedIds()) {
				await keytar.deletePassword('authdeck', `account:${id}`).catch(() => false);
			}

			await vault.cleanup();
		}
	});
});
