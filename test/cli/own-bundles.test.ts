/**
 * The commands run most have a bundle each (dist/command-NAME.cjs, build/bundles.ts), without the
 * registry and the other commands. Each must behave exactly as the same command in dist/cli.cjs:
 * every case runs on the same vault twice, once from a build with the own bundles and once from a
 * copy without them (where the launcher falls back to cli.cjs), and the two must print the same,
 * exit the same and leave the same file.
 */
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {builtCli, TempVault} from '../helpers/cli.js';

let vault: TempVault;
let own: string;
let whole: string;
before(async () => {
	vault = await TempVault.create('file');
	await vault.login('sk-prod_ownbundle000000000000', ['--provider', 'vapi', '--alias', 'prod']);
	await vault.login('sk-stag_ownbundle000000000000', ['--provider', 'vapi', '--alias', 'stag']);
	await vault.login('vast-ownbundle00000000000000', ['--provider', 'vast', '--alias', 'gpu']);
	own = path.dirname(await builtCli());
	whole = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-whole-'));
	fs.cpSync(own, whole, {recursive: true});
	for (const entry of fs.readdirSync(whole)) {
		if (entry.startsWith('command-')) fs.rmSync(path.join(whole, entry));
	}
});
after(async () => {
	fs.rmSync(whole, {recursive: true, force: true});
	await vault.cleanup();
});

type Outcome = {code: number | null; stdout: string; stderr: string};

/** Runs `args` from the build in `dir` (asynchronously: spawnSync would hold the test's timers). */
function run(dir: string, args: readonly string[]): Promise<Outcome> {
	return new Promise((resolve) => {
		const child = execFile(
			process.execPath,
			[path.join(dir, 'authdeck.cjs'), ...args],
			{env: vault.childEnv(), cwd: vault.cwd, encoding: 'utf8'},
			(error, stdout, stderr) => {
				const code = error ? ((error.code as number | undefined) ?? null) : 0;
				resolve({code, stdout: withoutTimes(stdout), stderr: withoutTimes(stderr)});
			},
		);
		child.stdin?.end();
	});
}

/** Times left out: a switch records its time of use, and `--json` prints it. */
const withoutTimes = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}T[\d:.-]+Z/g, '<time>');
const fileWithoutTimes = () => withoutTimes(fs.readFileSync(vault.configFile, 'utf8'));

/** What `args` does from each build, starting from the same metadata file each time. */
async function bothWays(args: readonly string[]) {
	const before = fs.readFileSync(vault.configFile);
	const fromOwn = await run(own, args);
	const fileAfterOwn = fileWithoutTimes();
	fs.writeFileSync(vault.configFile, before);
	const fromWhole = await run(whole, args);
	const fileAfterWhole = fileWithoutTimes();
	return {fromOwn, fromWhole, fileAfterOwn, fileAfterWhole};
}

const cases: ReadonlyArray<readonly string[]> = [
	['status'],
	['status', '--json'],
	['status', '--help'],
	['status', 'extra'],
	['switch', 'stag'],
	['switch', '-'],
	['switch', 'nosuch'],
	['switch'],
	['switch', 'gpu', '--json'],
	// whoami asks the GPU cloud's API who a key is; the voice AI's preset has no such request.
	['switch', 'prod'],
	['token'],
	['token', '--show'],
	['token', '--bogus'],
	['env', '--show'],
	['env', '--shell', 'fish'],
	['whoami'],
	['whoami', '--json'],
];

for (const args of cases) {
	test(`\`${args.join(' ')}\` from its own bundle is the same as from cli.cjs`, async () => {
		const {fromOwn, fromWhole, fileAfterOwn, fileAfterWhole} = await bothWays(args);
		assert.deepEqual(fromOwn, fromWhole);
		assert.equal(fileAfterOwn, fileAfterWhole);
	});
}

test('a file that fails the schema check is refused the same way: the checker is made on first use', async () => {
	const good = fs.readFileSync(vault.configFile);
	try {
		const stored = JSON.parse(good.toString('utf8'));
		stored.accounts[0].alias = 'Not An Alias';
		fs.writeFileSync(vault.configFile, JSON.stringify(stored));
		for (const args of [['status'], ['switch', 'stag'], ['token']]) {
			const {fromOwn, fromWhole, fileAfterOwn, fileAfterWhole} = await bothWays(args);
			assert.equal(fromOwn.code, 1, args.join(' '));
			assert.match(fromOwn.stderr, /^authdeck: .* \(`\/accounts\/0\/alias` must match pattern/);
			assert.deepEqual(fromOwn, fromWhole);
			assert.equal(fileAfterOwn, fileAfterWhole);
		}
	} finally {
		fs.writeFileSync(vault.configFile, good);
	}
});

test('each own bundle is the one that ran: it keeps a code cache under its own name', async () => {
	const cacheFiles = () =>
		fs
			.readdirSync(vault.xdgCacheHome, {recursive: true})
			.map(String)
			.filter((file) => file.endsWith('.v8cache'));
	for (const name of ['status', 'switch', 'token', 'env', 'whoami']) {
		const args = name === 'switch' ? ['switch', 'prod'] : [name];
		assert.equal((await run(own, args)).code, 0, name);
		assert.ok(
			cacheFiles().some((file) => path.basename(file).startsWith(`command-${name}-cjs-${name}-`)),
			`${name}: ${cacheFiles().join(', ')}`,
		);
		// The build without it ran cli.cjs, under the command's name.
		assert.equal((await run(whole, args)).code, 0, name);
		assert.ok(
			cacheFiles().some((file) => path.basename(file).startsWith(`cli-cjs-${name}-`)),
			`${name}: ${cacheFiles().join(', ')}`,
		);
	}
});
