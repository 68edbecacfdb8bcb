import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {builtCli, oneErrorLine, TempVault} from '../helpers/cli.js';

// Every failure, usage errors included, is a non-zero exit and one line on stderr.
let vault: TempVault;
before(async () => {
	vault = await TempVault.create('file');
});
after(async () => {
	await vault.cleanup();
});

test('usage errors are one line that says where the usage is', async () => {
	const cases: Array<[string[], RegExp]> = [
		[
			['alias', 'prod'],
			/^authdeck: missing required argument 'new-alias' \(run authdeck --help for usage\)$/,
		],
		[['login', '--bogus'], /^authdeck: unknown option '--bogus' \(run/],
		[
			['env', '--shell', 'tcsh'],
			/^authdeck: option '--shell <shell>' argument 'tcsh' is invalid\. Allowed choices are bash, zsh, fish, powershell\. \(run/,
		],
		[['config', 'set', 'storage'], /^authdeck: missing required argument 'value' \(run/],
		[['stauts'], /^authdeck: unknown command 'stauts' \(run authdeck --help for usage\)$/],
		[['status', 'extra'], /^authdeck: too many arguments for 'status'/],
	];
	for (const [args, message] of cases) {
		const result = await vault.run(args);
		assert.equal(result.code, 1, args.join(' '));
		assert.match(oneErrorLine(result), message);
	}
});

test('--help and --version print to stdout and exit 0', async () => {
	const help = await vault.ok(['--help']);
	assert.match(help.stdout, /^Usage: authdeck \[options\] \[command\]/);
	for (const command of [
		'login',
		'status',
		'switch',
		'alias',
		'token',
		'logout',
		'config',
		'env',
		'exec',
	]) {
		assert.match(help.stdout, new RegExp(`^ {2}${command}\\b`, 'm'), command);
	}

	assert.match((await vault.ok(['--version'])).stdout, /^\d+\.\d+\.\d+\n$/);
});

test('without a terminal the deck refuses and names the subcommands to use', async () => {
	const line = oneErrorLine(await vault.run([]));
	assert.match(line, /the deck needs a terminal; in scripts use `authdeck status`/);
	// It drew nothing, so it leaves no compiled-code cache that would lack the deck's first frame.
	assert.ok(!fs.existsSync(path.join(vault.home, '.cache', 'authdeck')));
});

test('a build without the deck says so in one line, from either entry', async () => {
	const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-no-deck-'));
	try {
		fs.cpSync(path.dirname(await builtCli()), copy, {recursive: true});
		fs.rmSync(path.join(copy, 'deck.cjs'));
		for (const entry of ['authdeck.cjs', 'cli.js']) {
			const result = spawnSync(process.execPath, [path.join(copy, entry)], {
				encoding: 'utf8',
				env: vault.env,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			assert.equal(result.status, 1, entry);
			assert.equal(result.stdout, '');
			assert.match(
				result.stderr,
				/^authdeck: cannot start the deck from .*deck\.cjs: ENOENT[^\n]*\n$/,
			);
		}
	} finally {
		fs.rmSync(copy, {recursive: true, force: true});
	}
});

test('the authdeck command hands commands, their input and their exit codes to the command line', async () => {
	// vault.run starts dist/authdeck.cjs, as every command test does; here the same through each entry.
	const copy = path.dirname(await builtCli());
	const key = 'sk-prod_handover00000000000000';
	const login = spawnSync(
		process.execPath,
		[path.join(copy, 'authdeck.cjs'), 'login', '--with-token', '--provider', 'vapi', '--json'],
		{encoding: 'utf8', env: vault.env, cwd: vault.cwd, input: key},
	);
	assert.equal(login.status, 0, login.stderr);
	const [viaBin, viaModule] = ['authdeck.cjs', 'cli.js'].map((entry) =>
		spawnSync(process.execPath, [path.join(copy, entry), 'status', '--json'], {
			encoding: 'utf8',
			env: vault.env,
			cwd: vault.cwd,
		}),
	);
	assert.equal(viaBin?.status, 0, viaBin?.stderr);
	assert.equal(viaBin?.stdout, viaModule?.stdout);
	assert.equal(JSON.parse(viaBin?.stdout ?? '').current.provider, 'vapi');
	const unknown = spawnSync(process.execPath, [path.join(copy, 'authdeck.cjs'), 'stauts'], {
		encoding: 'utf8',
		env: vault.env,
	});
	assert.equal(unknown.status, 1);
	assert.match(unknown.stderr, /^authdeck: unknown command 'stauts'/);
	await vault.ok(['logout', '--all', '--yes']);
});

test('prompt and the completion lookup need only their own bundle, not the command line', async () => {
	const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-fast-path-'));
	try {
		fs.cpSync(path.dirname(await builtCli()), copy, {recursive: true});
		// Without the commands' bundle, only the shell hooks' small one can answer.
		fs.rmSync(path.join(copy, 'cli.cjs'));
		await vault.login('sk-fast_0123456789abcdef', ['--provider', 'vapi', '--alias', 'fast']);
		const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
			spawnSync(process.execPath, [path.join(copy, 'authdeck.cjs'), ...args], {
				encoding: 'utf8',
				env: {...vault.env, ...env},
				stdio: ['ignore', 'pipe', 'pipe'],
			});
		const prompt = run(['prompt']);
		assert.equal(prompt.status, 0, prompt.stderr);
		assert.equal(prompt.stdout, 'fast@vapi ⚠');
		const spec = JSON.stringify({
			subcommands: {switch: {subcommands: {}, options: [], arguments: [{value: 'accounts'}]}},
			options: [],
			arguments: [],
		});
		const lookup = run(['__complete', 'bash', '--', 'switch', ''], {AUTHDECK_COMPLETE_SPEC: spec});
		assert.equal(lookup.status, 0, lookup.stderr);
		assert.match(lookup.stdout, /^fast\b/m);
		// Help is the command line's: without it, one line says so.
		assert.match(run(['prompt', '--help']).stderr, /cannot start the command line/);
		await vault.ok(['logout', '--all', '--yes']);
	} finally {
		fs.rmSync(copy, {recursive: true, force: true});
	}
});

test('a build without the command line says so in one line', async () => {
	const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-no-cli-'));
	try {
		fs.cpSync(path.dirname(await builtCli()), copy, {recursive: true});
		// status has a bundle of its own (command-status.cjs); without either, nothing can run it.
		fs.rmSync(path.join(copy, 'cli.cjs'));
		fs.rmSync(path.join(copy, 'command-status.cjs'));
		const result = spawnSync(process.execPath, [path.join(copy, 'authdeck.cjs'), 'status'], {
			encoding: 'utf8',
			env: vault.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		assert.equal(result.status, 1);
		assert.equal(result.stdout, '');
		assert.match(
			result.stderr,
			/^authdeck: cannot start the command line: [^\n]*cli\.cjs[^\n]*\n$/,
		);
	} finally {
		fs.rmSync(copy, {recursive: true, force: true});
	}
});
