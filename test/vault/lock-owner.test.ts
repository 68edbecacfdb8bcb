/**
 * Issue 9 item 6: a lock left by a SIGKILLed process is taken at once, not after 10 s; a live holder
 * is named after a second of waiting. Real processes, real signals, the real lock directory.
 */
import assert from 'node:assert/strict';
import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {describeRun, login, requireBuild, root, runCli, TempVault, watch} from '../helpers/cli.js';

const holderScript = path.join(root, 'test', 'helpers', 'lock-holder.ts');

/** Another process holding the lock on `target`, as a save would. */
async function holdLock(target: string) {
	const holder = watch(
		spawn(process.execPath, ['--import', 'tsx', holderScript, target], {
			cwd: root,
			stdio: ['pipe', 'pipe', 'pipe'],
		}),
	);
	await holder.waitFor(/^held$/m);
	return holder;
}

/** A command started in the background, its stderr readable while it runs. */
function startCli(args: readonly string[], env: NodeJS.ProcessEnv) {
	const started = performance.now();
	const child: ChildProcess = spawn(
		process.execPath,
		[path.join(root, 'dist', 'authdeck.cjs'), ...args],
		{env, cwd: root, stdio: ['ignore', 'pipe', 'pipe']},
	);
	let stderr = '';
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	child.stdout?.resume();
	const done = new Promise<{code: number | null; ms: number}>((resolve) => {
		child.on('close', (code) => resolve({code, ms: performance.now() - started}));
	});
	return {child, done, stderr: () => stderr};
}

async function until(check: () => boolean, timeout: number, what: string): Promise<void> {
	const end = Date.now() + timeout;
	while (!check()) {
		if (Date.now() > end) {
			throw new Error(`not within ${timeout} ms: ${what}`);
		}

		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** What a write leaves in the vault directory besides its files: nothing lock-related. */
const leftovers = (vault: TempVault) =>
	fs.readdirSync(vault.configDir).filter((name) => name.includes('.lock'));

const hasProc = fs.existsSync('/proc/self/stat');

describe('stale and held locks (issue 9 item 6)', {timeout: 180_000}, () => {
	let vault: TempVault;
	let reveal = 10;
	const lockDir = () => `${vault.configFile}.lock`;

	/** A metadata write through the binary; returns the run. */
	const write = () =>
		runCli(['config', 'set', 'reveal-timeout', String(++reveal)], {env: vault.env});
	const saved = async () =>
		(await runCli(['config', 'get', 'reveal-timeout'], {env: vault.env})).stdout.trim();

	before(async () => {
		requireBuild();
		vault = await TempVault.create('file');
		const first = await login(vault, 'sk-test_first0123456789', ['--provider', 'vapi']);
		assert.equal(first.code, 0, describeRun(first));
	});

	after(() => vault.cleanup());

	test('the lock directory names its owner; a SIGKILLed owner is taken over at once', async () => {
		const holder = await holdLock(vault.configFile);
		const owner = JSON.parse(fs.readFileSync(path.join(lockDir(), 'owner'), 'utf8'));
		assert.equal(owner.pid, holder.child.pid);
		assert.equal(owner.host, os.hostname());
		holder.child.kill('SIGKILL');
		await holder.exited();
		assert.ok(fs.existsSync(lockDir()), 'the killed process left its lock');

		const result = await write();
		assert.equal(result.code, 0, describeRun(result));
		// Before: 10 s of silence until the mtime went stale.
		assert.ok(result.ms < 5000, `took ${Math.round(result.ms)} ms`);
		assert.equal(result.stderr, '');
		assert.equal(await saved(), String(reveal));
		assert.deepEqual(leftovers(vault), []);
	});

	test('a live holder: after a second the waiter names its pid, once, and goes on when it is released', async () => {
		const holder = await holdLock(vault.configFile);
		const waiter = startCli(['config', 'set', 'reveal-timeout', String(++reveal)], vault.env);
		const line = `authdeck: waiting for another authdeck (pid ${holder.child.pid}) to finish with ${vault.configFile}…\n`;
		await until(() => waiter.stderr().includes('waiting'), 10_000, 'the waiting line');
		assert.equal(waiter.stderr(), line);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		assert.equal(waiter.child.exitCode, null, 'it did not wait for the holder');
		holder.child.stdin?.write('go\n');
		await holder.waitFor(/^released$/m);
		const result = await waiter.done;
		assert.equal(result.code, 0, waiter.stderr());
		assert.equal(waiter.stderr(), line, 'said once');
		assert.equal(await saved(), String(reveal));
		assert.deepEqual(leftovers(vault), []);
	});

	test('an owner pid now used by another process (another start time) counts as gone', {
		skip: hasProc ? undefined : 'no /proc: start times are not known here',
	}, async () => {
		fs.mkdirSync(lockDir());
		// This test's own pid is alive, but it did not start at tick 1.
		fs.writeFileSync(
			path.join(lockDir(), 'owner'),
			JSON.stringify({pid: process.pid, host: os.hostname(), start: '1'}),
		);
		const result = await write();
		assert.equal(result.code, 0, describeRun(result));
		assert.ok(result.ms < 5000, `took ${Math.round(result.ms)} ms`);
		assert.equal(await saved(), String(reveal));
		assert.deepEqual(leftovers(vault), []);
	});

	test('a lock with no owner (an older authdeck): taken once its mtime is 10 s old, not before', async () => {
		fs.mkdirSync(lockDir());
		const old = new Date(Date.now() - 20_000);
		fs.utimesSync(lockDir(), old, old);
		const stale = await write();
		assert.equal(stale.code, 0, describeRun(stale));
		assert.ok(stale.ms < 5000, `took ${Math.round(stale.ms)} ms`);

		fs.mkdirSync(lockDir());
		const fresh = await write();
		assert.equal(fresh.code, 0, describeRun(fresh));
		assert.ok(fresh.ms > 8000, `a fresh lock was broken after ${Math.round(fresh.ms)} ms`);
		assert.match(fresh.stderr, /^authdeck: waiting for another authdeck to finish with .*…\n$/);
		assert.equal(await saved(), String(reveal));
		assert.deepEqual(leftovers(vault), []);
	});

	test('three writers racing to break the same dead lock: every write lands', async () => {
		const holder = await holdLock(vault.configFile);
		holder.child.kill('SIGKILL');
		await holder.exited();
		const aliases = ['race-a', 'race-b', 'race-c'];
		const results = await Promise.all(
			aliases.map((alias, index) =>
				login(vault, `sk-test_${alias}-0123456789-${index}`, [
					'--provider',
					'vapi',
					'--alias',
					alias,
				]),
			),
		);
		for (const result of results) {
			assert.equal(result.code, 0, describeRun(result));
			assert.ok(result.ms < 8000, `took ${Math.round(result.ms)} ms`);
		}

		const stored = JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as {
			accounts: Array<{alias: string}>;
		};
		for (const alias of aliases) {
			assert.ok(
				stored.accounts.some((account) => account.alias === alias),
				`${alias} saved`,
			);
			const token = await runCli(['token', '--show', alias], {env: vault.env});
			assert.equal(token.code, 0, describeRun(token));
		}

		assert.deepEqual(leftovers(vault), []);
	});
});
