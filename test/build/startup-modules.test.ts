import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {seedAccounts} from '../helpers/cli.js';
import {TempVault} from '../helpers/temp-vault.js';

/**
 * The Node modules a command loads, from the built binary with its code cache in use: what a user
 * runs at every prompt and in every script. Each of these modules is milliseconds of a start
 * (node:stream alone ~2 ms here) and none of these commands needs one: they read a JSON file, at
 * most write it, and print. The figures themselves are `npm run bench`'s; this keeps the cause.
 */
const heavy = [
	'stream',
	'net',
	'tty',
	'zlib',
	'readline',
	'child_process',
	'http',
	'https',
	'tls',
	'dns',
	'crypto',
	'worker_threads',
	// node:module brings the ES module loader and source maps with it (~0.3 ms).
	'module',
];

const commands = [
	['status'],
	['switch', 'prod'],
	['switch', '-'],
	['token'],
	['token', '--show'],
	['env', '--show'],
	['whoami'],
	['prompt'],
];

describe('what a command loads', () => {
	let vault: TempVault;
	let preload: string;
	before(async () => {
		vault = await TempVault.create('file');
		await seedAccounts(vault);
		preload = path.join(vault.base, 'modules.cjs');
		fs.writeFileSync(
			preload,
			"process.on('exit', () => require('fs').writeFileSync(process.env.MODULES_OUT, process.moduleLoadList.join('\\n')));",
		);
	});
	after(() => vault.cleanup());

	for (const args of commands) {
		test(`authdeck ${args.join(' ')} loads none of Node's heavier modules`, async () => {
			// Twice without looking: the first run writes the command's code cache, the second checks it.
			await vault.ok(args);
			await vault.ok(args);
			const out = path.join(vault.base, `${args.join('-')}.txt`);
			await vault.ok(args, {env: {NODE_OPTIONS: `--require ${preload}`, MODULES_OUT: out}});
			const loaded = fs.readFileSync(out, 'utf8').split('\n');
			// The prompt has a small bundle of its own that needs no code cache; the rest run the
			// commands' bundle through it.
			assert.equal(loaded.includes('NativeModule vm'), args[0] !== 'prompt', 'node:vm');
			assert.deepEqual(
				heavy.filter((name) => loaded.includes(`NativeModule ${name}`)),
				[],
			);
		});
	}
});
