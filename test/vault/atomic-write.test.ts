// Saves are atomic and fail cleanly: security.md row 6 (SIGKILL in the middle of a save leaves the
// previous file intact and no readable temp file) and row 9 (disk full, read-only file system or
// a directory the user cannot write: a clear error, the old files intact, nothing half-updated).
// Real processes, a real SIGKILL, a real full or read-only file system (a small tmpfs) and a real
// unprivileged user.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {MetadataFile} from '../../source/vault/metadata.js';
import {vaultPaths} from '../../source/vault/paths.js';
import {
	describeRun,
	entriesStartingWith,
	idFor,
	login,
	modeOf,
	type RunResult,
	requireBuild,
	runCli,
	secretFor,
	spawnWorker,
	stderrLines,
	TempVault,
	watch,
} from '../helpers/cli.js';
import {mountTmpfs, unmount} from '../helpers/tmpfs.js';

type Stored = {accounts: Array<{id: string}>};

type Entries = Record<string, string>;

/**
 * Runs a worker that saves in a tight loop and SIGKILLs it at a random moment, `runs` times on
 * the same vault, checking after every kill that the files hold exactly a state that was written.
 */
async function killWhileSaving(
	t: {diagnostic(message: string): void},
	vault: TempVault,
	runs: number,
	withSecrets: boolean,
): Promise<number[]> {
	/** Accounts of each killed run found on disk, which later runs must keep. */
	const kept: number[] = [];
	let leftovers = 0;
	for (let run = 0; run < runs; run++) {
		const prefix = `run${run}`;
		const args = ['loop', prefix, '400', ...(withSecrets ? ['secrets'] : [])];
		const worker = watch(spawnWorker(vault.env, args));
		// Killed only once saves are under way (it may first wait out the lock the last victim
		// held), at a random moment after that.
		await worker.waitFor(/^saved 0$/m, 60_000);
		await new Promise((resolve) => setTimeout(resolve, Math.random() * 400));
		worker.child.kill('SIGKILL');
		const end = await worker.exited();
		assert.equal(end.signal, 'SIGKILL', `run ${run} was killed, not finished`);

		const reported = worker.output().stdout.match(/^saved \d+$/gm)?.length ?? 0;
		const stored = JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as Stored; // Throws if torn.
		// And conf's schema accepts it: a command can open it.
		new MetadataFile(vaultPaths(vault.env)).read();

		const ids = new Set(stored.accounts.map((account) => account.id));
		for (const [earlier, count] of kept.entries()) {
			for (let index = 0; index < count; index++) {
				assert.ok(ids.has(idFor(`run${earlier}`, index)), `run ${earlier} kept`);
			}
		}

		// This run's saves form a prefix: everything it reported, plus at most the save that was
		// renamed into place before it could say so.
		const mine = stored.accounts.filter((account) => account.id.startsWith(`${prefix}x`));
		assert.ok(
			mine.length === reported || mine.length === reported + 1,
			`run ${run}: ${mine.length} saved on disk, ${reported} reported`,
		);
		assert.deepEqual(
			mine.map((account) => account.id),
			Array.from({length: mine.length}, (_, index) => idFor(prefix, index)),
		);
		assert.equal(stored.accounts.length, kept.reduce((a, b) => a + b, 0) + mine.length);

		if (withSecrets) {
			const {entries} = JSON.parse(fs.readFileSync(vault.secretsFile, 'utf8')) as {
				entries: Entries;
			};
			// Secrets are written before the metadata that names them: every account on disk has its
			// key, and at most one key (the save killed before its metadata) has no account yet.
			const keysOfRun = Object.keys(entries).filter((key) => key.startsWith(`account:${prefix}x`));
			assert.ok(
				keysOfRun.length === mine.length || keysOfRun.length === mine.length + 1,
				`run ${run}: ${keysOfRun.length} secrets for ${mine.length} accounts`,
			);
			for (let index = 0; index < mine.length; index++) {
				const raw = entries[`account:${idFor(prefix, index)}`];
				assert.deepEqual(JSON.parse(raw ?? 'null'), {apiKey: secretFor(prefix, index)});
			}

			assert.equal(modeOf(vault.secretsFile), 0o600);
		}

		kept.push(mine.length);
		for (const name of fs.readdirSync(vault.configDir).filter((n) => n.includes('.tmp-'))) {
			leftovers++;
			assert.equal(modeOf(path.join(vault.configDir, name)), 0o600, `${name} is private`);
		}

		assert.equal(modeOf(vault.configFile), 0o600);
	}

	t.diagnostic(`temp files left by killed saves: ${leftovers}, all 0600`);
	return kept;
}

describe('SIGKILL in the middle of a save (row 6)', () => {
	test('metadata: always parses and holds a state that was written; temp files private, then cleared', {
		timeout: 400_000,
	}, async (t) => {
		requireBuild();
		const vault = await TempVault.create('file');
		try {
			const kept = await killWhileSaving(t, vault, 6, false);
			// The next command that saves takes over the dead process's lock and clears its temp files.
			const next = await runCli(['switch', 'run0-0'], {env: vault.env, timeout: 60_000});
			assert.equal(next.code, 0, describeRun(next));
			assert.deepEqual(fs.readdirSync(vault.configDir).sort(), ['config.json']);
			const stored = JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as Stored;
			assert.equal(
				stored.accounts.length,
				kept.reduce((a, b) => a + b, 0),
			);
		} finally {
			await vault.cleanup();
		}
	});

	test('metadata and file secrets: both always parse; no temp copy of the secrets outlives the next save', {
		timeout: 400_000,
	}, async (t) => {
		requireBuild();
		const vault = await TempVault.create('file');
		try {
			await killWhileSaving(t, vault, 4, true);
			const next = await login(vault, 'sk-test_afterTheCrash0000000001', [
				'--provider',
				'vapi',
				'--alias',
				'after',
			]);
			assert.equal(next.code, 0, describeRun(next));
			assert.deepEqual(fs.readdirSync(vault.configDir).sort(), ['config.json', 'secrets.json']);
			const token = await runCli(['token', '--show', 'run0-0'], {env: vault.env});
			assert.equal(token.stdout, `${secretFor('run0', 0)}\n`, describeRun(token));
		} finally {
			await vault.cleanup();
		}
	});
});

/** Two accounts with their keys, saved in the file backend. */
const keys = ['sk-test_atomicAAAAAAAAAAAAAAAAAAA01', 'sk-test_atomicBBBBBBBBBBBBBBBBBBB02'];

async function seed(vault: TempVault, options: {prefix?: readonly string[]} = {}): Promise<void> {
	for (const [index, key] of keys.entries()) {
		const result = await login(
			vault,
			key,
			['--provider', 'vapi', '--alias', `acct${index}`],
			options,
		);
		assert.equal(result.code, 0, describeRun(result));
	}
}

/** Every writing command fails with one clear line naming the vault, and nothing on disk changes. */
async function assertSavesRefused(
	vault: TempVault,
	reason: RegExp,
	options: {prefix?: readonly string[]} = {},
): Promise<void> {
	const config = fs.readFileSync(vault.configFile);
	const secrets = fs.readFileSync(vault.secretsFile);
	const attempts: RunResult[] = [
		await login(
			vault,
			'sk-test_atomicCCCCCCCCCCCCCCCCCCC03',
			['--provider', 'vapi', '--alias', 'acct2'],
			options,
		),
		await runCli(['switch', 'acct0'], {env: vault.env, ...options}),
		await runCli(['config', 'set', 'reveal-timeout', '42'], {env: vault.env, ...options}),
		await runCli(['logout', 'acct1', '--yes'], {env: vault.env, ...options}),
	];
	for (const result of attempts) {
		assert.equal(result.code, 1, describeRun(result));
		// At once: a read-only or full file system is not a busy lock to wait out (~25 s).
		assert.ok(result.ms < 10_000, `refused promptly: ${describeRun(result)}`);
		const lines = stderrLines(result);
		assert.equal(lines.length, 1, describeRun(result));
		assert.ok(lines[0]?.includes(vault.configDir), `names the vault: ${lines[0]}`);
		assert.match(lines[0] ?? '', reason);
		assert.ok(fs.readFileSync(vault.configFile).equals(config), 'config.json intact');
		assert.ok(fs.readFileSync(vault.secretsFile).equals(secrets), 'secrets.json intact');
	}

	assert.deepEqual(entriesStartingWith(vault.configDir, 'config.json.tmp-'), []);
	assert.deepEqual(entriesStartingWith(vault.configDir, 'secrets.json.tmp-'), []);

	// Reading still works, and every secret is still there.
	const status = await runCli(['status', '--json'], {env: vault.env, ...options});
	assert.equal(status.code, 0, describeRun(status));
	assert.equal((JSON.parse(status.stdout) as {total: number}).total, 2);
	for (const [index, key] of keys.entries()) {
		const token = await runCli(['token', '--show', `acct${index}`], {env: vault.env, ...options});
		assert.equal(token.stdout, `${key}\n`, describeRun(token));
	}
}

const asNobody = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];

describe('disk full or read-only config directory on save (row 9)', () => {
	test('disk full (a 256 KiB tmpfs filled up): refused, old files intact', {
		timeout: 180_000,
	}, async (t) => {
		requireBuild();
		const base = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-full-'));
		const mount = path.join(base, 'mnt');
		const why = mountTmpfs(mount, '256k');
		if (why) {
			fs.rmSync(base, {recursive: true, force: true});
			t.skip(why);
			return;
		}

		const vault = await TempVault.create('file', {configDir: path.join(mount, 'vault')});
		const withDir = vault;
		try {
			await seed(withDir);
			// Fill every free byte.
			const fd = fs.openSync(path.join(mount, 'filler'), 'w');
			const chunk = Buffer.alloc(4096, 1);
			let full = false;
			for (let i = 0; i < 1000 && !full; i++) {
				try {
					fs.writeSync(fd, chunk);
				} catch (error) {
					assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
					full = true;
				}
			}

			fs.closeSync(fd);
			assert.ok(full, 'the tmpfs is full');
			await assertSavesRefused(withDir, /disk is full|ENOSPC|no space/i);

			// With room again, saving works.
			fs.rmSync(path.join(mount, 'filler'));
			const after = await runCli(['switch', 'acct0'], {env: vault.env});
			assert.equal(after.code, 0, describeRun(after));
		} finally {
			unmount(mount);
			await vault.cleanup();
			fs.rmSync(base, {recursive: true, force: true});
		}
	});

	test('read-only file system (the tmpfs remounted read-only): refused, old files intact', {
		timeout: 180_000,
	}, async (t) => {
		requireBuild();
		const base = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-ro-'));
		const mount = path.join(base, 'mnt');
		const why = mountTmpfs(mount, '1m');
		if (why) {
			fs.rmSync(base, {recursive: true, force: true});
			t.skip(why);
			return;
		}

		const vault = await TempVault.create('file', {configDir: path.join(mount, 'vault')});
		const withDir = vault;
		try {
			await seed(withDir);
			execFileSync('mount', ['-o', 'remount,ro', mount]);
			await assertSavesRefused(withDir, /read-only|not writable|EROFS/i);
		} finally {
			unmount(mount);
			await vault.cleanup();
			fs.rmSync(base, {recursive: true, force: true});
		}
	});

	test('a directory of another user (run as nobody): every command refused, nothing changed', {
		timeout: 180_000,
		skip: process.getuid?.() === 0 ? undefined : 'needs root to run a command as another user',
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('file');
		try {
			for (const dir of [vault.base, path.join(vault.base, 'home')]) {
				fs.chmodSync(dir, 0o755);
			}

			await seed(vault);
			// As left by `sudo authdeck`: a directory of root's that the user can read but not write,
			// with the files the user's own.
			execFileSync('chown', ['-R', 'nobody:nogroup', path.join(vault.base, 'home')]);
			execFileSync('chown', ['nobody:nogroup', vault.configFile, vault.secretsFile]);
			fs.chmodSync(vault.configDir, 0o755);
			const config = fs.readFileSync(vault.configFile);
			const secrets = fs.readFileSync(vault.secretsFile);
			for (const command of [
				['status'],
				['switch', 'acct0'],
				['config', 'set', 'reveal-timeout', '42'],
			]) {
				const result = await runCli(command, {env: vault.env, prefix: asNobody});
				assert.equal(result.code, 1, describeRun(result));
				assert.equal(stderrLines(result).length, 1, describeRun(result));
				assert.match(result.stderr, /cannot be made 700.*another user/);
				assert.ok(result.stderr.includes(vault.configDir));
			}

			const added = await login(
				vault,
				'sk-test_atomicCCCCCCCCCCCCCCCCCCC03',
				['--provider', 'vapi', '--alias', 'acct2'],
				{prefix: asNobody},
			);
			assert.equal(added.code, 1, describeRun(added));
			assert.ok(fs.readFileSync(vault.configFile).equals(config), 'config.json intact');
			assert.ok(fs.readFileSync(vault.secretsFile).equals(secrets), 'secrets.json intact');
			assert.deepEqual(fs.readdirSync(vault.configDir).sort(), ['config.json', 'secrets.json']);
		} finally {
			await vault.cleanup();
		}
	});

	test('a directory the user owns but made read-only (0500): repaired to 0700 with a warning, then saved', {
		timeout: 180_000,
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('file');
		// root ignores permission bits: as root, run the commands as nobody on files owned by nobody.
		const prefix = process.getuid?.() === 0 ? asNobody : [];
		try {
			if (prefix.length > 0) {
				for (const dir of [vault.base, path.join(vault.base, 'home')]) {
					fs.chmodSync(dir, 0o755);
				}
			}

			await seed(vault);
			if (prefix.length > 0) {
				execFileSync('chown', [
					'-R',
					'nobody:nogroup',
					vault.configDir,
					path.join(vault.base, 'home'),
				]);
			}

			fs.chmodSync(vault.configDir, 0o500);
			const result = await login(
				vault,
				'sk-test_atomicCCCCCCCCCCCCCCCCCCC03',
				['--provider', 'vapi', '--alias', 'acct2'],
				{prefix},
			);
			assert.equal(result.code, 0, describeRun(result));
			assert.match(result.stderr, /^warning: .* was mode 500; repaired to 700$/m);
			assert.equal(modeOf(vault.configDir), 0o700);
			const token = await runCli(['token', '--show', 'acct2'], {env: vault.env, prefix});
			assert.equal(token.stdout, 'sk-test_atomicCCCCCCCCCCCCCCCCCCC03\n');
		} finally {
			fs.chmodSync(vault.configDir, 0o700);
			await vault.cleanup();
		}
	});
});
