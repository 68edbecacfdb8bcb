// security.md rows 29 and 30: a FIFO, a device, a directory or a symlink out of the config directory
// at the path of config.json or secrets.json. Before the fix a FIFO or /dev/zero blocked every
// command forever (SIGTERM and SIGINT too), and mode repair chmodded a link's target (/etc/passwd,
// /dev/zero) and copied it into config.json.corrupt-*. Real FIFOs, device nodes and links, run as
// root where the harm was done; every link target is a throwaway outside the vault, never a system file.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {
	cliPath,
	describeRun,
	entriesStartingWith,
	login,
	modeOf,
	type RunResult,
	requireBuild,
	runCli,
	stderrLines,
	TempVault,
} from '../helpers/cli.js';

const key = 'sk-test_hostileFilesAAAAAAAAAAAA01';
const isRoot = process.getuid?.() === 0;

/**
 * A command refused at once: the run's own start-up takes up to ~1 s on a loaded machine, so the
 * bound is 4 s; before the fix it never ended (the child is killed at 10 s).
 */
const prompt = 4000;

const commands: ReadonlyArray<{args: string[]; input?: string}> = [
	{args: ['status']},
	{args: ['token', '--show', 'acct']},
	{args: ['switch', 'acct']},
	{args: ['login', '--with-token', '--provider', 'vapi', '--alias', 'other'], input: key},
	{args: ['config', 'set', 'reveal-timeout', '30']},
];

async function seeded(): Promise<TempVault> {
	const vault = await TempVault.create('file');
	const saved = await login(vault, key, ['--provider', 'vapi', '--alias', 'acct']);
	assert.equal(saved.code, 0, describeRun(saved));
	return vault;
}

function assertRefusedNaming(result: RunResult, ...named: string[]): void {
	assert.equal(result.signal, null, `ended on its own: ${describeRun(result)}`);
	assert.notEqual(result.code, 0, describeRun(result));
	assert.ok(result.ms < prompt, `refused promptly: ${describeRun(result)}`);
	const lines = stderrLines(result);
	assert.equal(lines.length, 1, `one line: ${describeRun(result)}`);
	for (const name of named) {
		assert.ok(lines[0]?.includes(name), `the line names ${name}: ${lines[0]}`);
	}

	assert.ok(!result.stdout.includes(key) && !result.stderr.includes(key), 'no secret printed');
}

/** Runs every command against the vault; each must be refused with one line naming `named`. */
async function assertEveryCommandRefused(vault: TempVault, ...named: string[]): Promise<void> {
	for (const command of commands) {
		const result = await runCli(command.args, {
			env: vault.env,
			input: command.input,
			timeout: 10_000,
		});
		assertRefusedNaming(result, ...named);
	}
}

type Planted = {
	readonly name: string;
	readonly pattern: RegExp;
	readonly skip?: string;
	plant(at: string, vault: TempVault): void;
};

const mknod = (at: string) => {
	// A private node of /dev/zero's numbers (1, 5): the real one is never at risk.
	const made = spawnSync('mknod', [at, 'c', '1', '5']);
	assert.equal(made.status, 0, String(made.stderr));
};

const planted: readonly Planted[] = [
	{
		name: 'a FIFO',
		pattern: /is a FIFO, not a regular file: move it away$/,
		plant: (at) => assert.equal(spawnSync('mkfifo', [at]).status, 0),
	},
	{
		name: 'a directory',
		pattern: /is a directory, not a regular file: move it away$/,
		plant: (at) => fs.mkdirSync(at),
	},
	{
		name: 'a character device (a node like /dev/zero)',
		pattern: /is a character device, not a regular file: move it away$/,
		skip: isRoot ? undefined : 'mknod needs root',
		plant: mknod,
	},
	{
		name: 'a symlink to a device outside the directory',
		pattern: /is a link to .*zero, outside the config directory/,
		skip: isRoot ? undefined : 'mknod needs root',
		plant(at, vault) {
			const device = path.join(vault.base, 'zero');
			mknod(device);
			fs.chmodSync(device, 0o666);
			fs.symlinkSync(device, at);
		},
	},
	{
		name: 'a symlink to a FIFO inside the directory',
		pattern: /is a FIFO, not a regular file: move it away$/,
		plant(at, vault) {
			const fifo = path.join(vault.configDir, 'elsewhere.fifo');
			assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
			fs.symlinkSync(fifo, at);
		},
	},
];

describe('a FIFO, a device or a directory at the path of a vault file (row 29)', () => {
	for (const which of ['config.json', 'secrets.json'] as const) {
		for (const kind of planted) {
			test(`${kind.name} at ${which}: every command refused with one line naming it`, {
				timeout: 120_000,
				skip: kind.skip,
			}, async () => {
				requireBuild();
				const vault = await seeded();
				try {
					const at = path.join(vault.configDir, which);
					const other = which === 'config.json' ? vault.secretsFile : vault.configFile;
					const otherBefore = fs.readFileSync(other);
					fs.renameSync(at, path.join(vault.base, 'kept.json'));
					kind.plant(at, vault);
					await assertEveryCommandRefused(vault, at);
					const status = await runCli(['status'], {env: vault.env, timeout: 10_000});
					assert.match(stderrLines(status)[0] ?? '', kind.pattern);
					assert.ok(fs.readFileSync(other).equals(otherBefore), 'the other file untouched');
					assert.deepEqual(entriesStartingWith(vault.configDir, `${which}.corrupt-`), []);

					// Moved away and put back, everything is as it was.
					fs.rmSync(at, {recursive: true});
					fs.renameSync(path.join(vault.base, 'kept.json'), at);
					const token = await runCli(['token', '--show', 'acct'], {env: vault.env});
					assert.equal(token.stdout, `${key}\n`, describeRun(token));
				} finally {
					await vault.cleanup();
				}
			});
		}
	}

	// Before the fix the read of the FIFO blocked the main thread, where when-exit's SIGTERM and SIGINT
	// handlers (loaded with atomically) never got to run: the signal, sent once the start-up is over,
	// left it hanging. Now the command ends on its own first; the signal is sent if it has not.
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		test(`a command at a FIFO is never left running: it ends, or ${signal} ends it`, {
			timeout: 60_000,
		}, async () => {
			requireBuild();
			const vault = await seeded();
			try {
				fs.rmSync(vault.configFile);
				assert.equal(spawnSync('mkfifo', [vault.configFile]).status, 0);
				const child = spawn(process.execPath, [cliPath, 'status'], {
					env: vault.env,
					stdio: 'ignore',
				});
				const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
				const within = (ms: number) =>
					Promise.race([
						exited.then(() => true),
						new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
					]);
				let ended = await within(prompt);
				if (!ended) {
					child.kill(signal);
					ended = await within(5000);
				}

				if (!ended) child.kill('SIGKILL');
				assert.ok(ended, `still running ${prompt} ms after start and 5 s after ${signal}`);
			} finally {
				await vault.cleanup();
			}
		});
	}
});

describe('a vault file that is a symlink out of the config directory, as root (row 30)', () => {
	for (const which of ['config.json', 'secrets.json'] as const) {
		test(`${which} linked to a file outside: refused naming both; the target never read, copied or chmodded`, {
			timeout: 120_000,
		}, async () => {
			requireBuild();
			const vault = await seeded();
			try {
				const at = path.join(vault.configDir, which);
				// Stands in for /etc/passwd: readable by all, and valid JSON so that reading it would count.
				const target = path.join(vault.base, 'system', 'passwd');
				fs.mkdirSync(path.dirname(target));
				const content = `${JSON.stringify({version: 1, entries: {}, accounts: []})}\n`;
				fs.writeFileSync(target, content);
				fs.chmodSync(target, 0o644);
				const before = fs.statSync(target);
				fs.rmSync(at);
				fs.symlinkSync(target, at);

				await assertEveryCommandRefused(vault, at, target);
				const status = await runCli(['status'], {env: vault.env});
				assert.match(stderrLines(status)[0] ?? '', /outside the config directory/);

				const after = fs.statSync(target);
				assert.equal(modeOf(target), 0o644, 'the target keeps its mode');
				assert.equal(fs.readFileSync(target, 'utf8'), content, 'the target keeps its content');
				assert.equal(after.atimeMs, before.atimeMs, 'the target was never read');
				assert.ok(fs.lstatSync(at).isSymbolicLink(), 'the link is left in place');
				assert.deepEqual(entriesStartingWith(vault.configDir, `${which}.corrupt-`), [], 'no copy');
				assert.ok(
					fs.readdirSync(vault.configDir).every((name) => !name.includes('.tmp-')),
					'nothing written beside it',
				);
			} finally {
				await vault.cleanup();
			}
		});
	}

	test('a link whose target is missing: refused naming the link, nothing created there', {
		timeout: 120_000,
	}, async () => {
		requireBuild();
		const vault = await seeded();
		try {
			const target = path.join(vault.base, 'nowhere', 'secrets.json');
			fs.rmSync(vault.secretsFile);
			fs.symlinkSync(target, vault.secretsFile);
			await assertEveryCommandRefused(vault, vault.secretsFile);
			assert.equal(fs.existsSync(target), false);
		} finally {
			await vault.cleanup();
		}
	});

	test('a config.json with a second name (a hard link): refused, its mode left alone', {
		timeout: 120_000,
	}, async () => {
		requireBuild();
		const vault = await seeded();
		try {
			const other = path.join(vault.base, 'other-name.json');
			fs.linkSync(vault.configFile, other);
			fs.chmodSync(other, 0o644);
			await assertEveryCommandRefused(vault, vault.configFile);
			assert.equal(modeOf(other), 0o644);
		} finally {
			await vault.cleanup();
		}
	});
});
