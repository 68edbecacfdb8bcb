// Security row 2: a planted token appears in no stdout, stderr, argv or metadata file, through every
// command, its error paths and a crash, except `token --show` and `env --show`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {
	type BackendName,
	backendCases,
	plantedKey,
	type RunOptions,
	type RunResult,
	TempVault,
} from '../helpers/cli.js';

/** Every process's argv on this machine that holds `needle`, as `pid: argv`. */
function argvHolding(needle: string): string[] {
	const found: string[] = [];
	for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		let argv: string;
		try {
			argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		} catch {
			continue; // Gone meanwhile.
		}

		if (argv.includes(needle)) {
			found.push(`${pid}: ${argv.replaceAll('\0', ' ')}`);
		}
	}

	return found;
}

async function until(condition: () => boolean, what: string, timeout = 20_000): Promise<void> {
	const deadline = Date.now() + timeout;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}

		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

type Variant = {
	readonly title: string;
	readonly backend: BackendName;
	readonly skip: string | undefined;
	readonly passphrase?: string;
};

const variants: Variant[] = [
	...backendCases().map(({name, skip}) => ({title: `${name} backend`, backend: name, skip})),
	{
		title: 'file backend encrypted with AUTHDECK_PASSPHRASE',
		backend: 'file',
		skip: undefined,
		passphrase: 'correct horse battery staple',
	},
];

for (const variant of variants) {
	describe(`no secret leaks [${variant.title}]`, {skip: variant.skip}, () => {
		let vault: TempVault;
		let token: string;
		let other: string;
		// Commands whose output may hold a secret by design.
		const reveals = new Set<string>();
		const outputs: Array<{args: string; result: RunResult}> = [];

		const env = {
			AUTHDECK_DEBUG: '1',
			...(variant.passphrase ? {AUTHDECK_PASSPHRASE: variant.passphrase} : {}),
		};
		const run = async (args: string[], options: RunOptions = {}) => {
			const result = await vault.run(args, {...options, env: {...env, ...options.env}});
			outputs.push({args: args.join(' '), result});
			return result;
		};

		/** Files under the vault's whole temp tree (config dir, HOME, XDG_CONFIG_HOME) holding `key`. */
		const filesWith = (key: string) => vault.filesContaining(key, vault.base);
		const allowedFiles =
			variant.backend === 'file' && !variant.passphrase ? ['config/secrets.json'] : [];

		beforeEach(async () => {
			vault = await TempVault.create(variant.backend);
			token = plantedKey('sk-prod_LEAKCANARY');
			other = plantedKey('sk-other_LEAKCANARY');
			outputs.length = 0;
			reveals.clear();
		});
		afterEach(async () => {
			await vault.cleanup();
		});

		/** Asserts no output, but the allowed reveals, holds either key or the hidden middle of one. */
		const assertNoLeak = () => {
			const secrets = [token, other, token.slice(8, -4), other.slice(9, -4)];
			for (const {args, result} of outputs) {
				if (reveals.has(args)) {
					continue;
				}

				for (const secret of secrets) {
					assert.ok(!result.stdout.includes(secret), `stdout of \`${args}\` holds a secret`);
					assert.ok(!result.stderr.includes(secret), `stderr of \`${args}\` holds a secret`);
				}
			}

			for (const secret of [token, other]) {
				const unexpected = filesWith(secret).filter((file) => !allowedFiles.includes(file));
				assert.deepEqual(unexpected, [], 'a secret is in a file it must not be in');
			}
		};

		test('every command, its error paths and a corrupt config', async () => {
			const login = ['login', '--with-token', '--provider', 'vapi'];
			assert.equal(
				(await run([...login, '--alias', 'prod', '--email', 'a@b.io'], {input: token})).code,
				0,
			);
			assert.equal(
				(await run([...login, '--alias', 'client', '--email', 'c@d.io'], {input: other})).code,
				0,
			);
			// The same account again, an update.
			assert.equal((await run([...login, '--email', 'a@b.io', '--json'], {input: token})).code, 0);

			const succeeding = [
				['status'],
				['status', '--json'],
				['switch', 'prod'],
				['switch', '-'],
				['switch', 'prod', '--json'],
				['alias', 'prod', 'prod2'],
				['alias', 'prod2', 'prod'],
				['token'],
				['token', 'prod', '--json'],
				['whoami'],
				['whoami', '--json'],
				['orgs'],
				['env'],
				['env', '--shell', 'fish'],
				['exec', '--', 'sh', '-c', 'exit 0'],
				['config', 'get'],
				['config', 'get', 'storage'],
				['config', 'set', 'reveal-timeout', '20'],
				['provider', 'list'],
				['--help'],
				['--version'],
			];
			for (const args of succeeding) {
				const result = await run(args);
				assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
			}

			const failing: Array<{args: string[]; input?: string; env?: Record<string, string>}> = [
				{args: ['switch', 'ghost']},
				{args: ['switch']},
				{args: ['alias', 'prod', '../x']},
				{args: ['token', 'ghost']},
				{args: ['token', '--show', 'ghost']},
				{args: ['env', '--account', 'ghost', '--show']},
				{args: ['exec', '--', 'no-such-command-authdeck']},
				{args: ['exec', '--account', 'ghost', '--', 'sh', '-c', 'exit 0']},
				{args: ['config', 'set', 'colour', 'red']},
				{args: ['config', 'set', 'proxy', 'ftp://x']},
				{args: ['refresh', 'prod']},
				{args: ['logout', 'ghost']},
				{args: ['logout', 'prod', '--all']},
				{args: ['no-such-command']},
				{args: ['key', 'list', '--account', 'prod']},
				{args: ['key', 'rotate', 'prod']},
				{args: [...login, '--alias', '../x'], input: token},
				{args: [...login, '--email', 'bad'], input: token},
				{args: [...login, '--provider', 'nope'], input: token},
				{args: [...login, '--alias', 'spaced'], input: `${token} ${token}`},
				{args: [...login, '--alias', 'ctrl'], input: `${token}\u001B[2J`},
				{args: ['login', '--provider', 'vapi'], input: token},
				{args: ['token', '--show'], env: {AUTHDECK_ACCOUNT: 'ghost'}},
				...(variant.passphrase
					? [{args: ['token', '--show', 'prod'], env: {AUTHDECK_PASSPHRASE: 'wrong'}}]
					: []),
			];
			for (const {args, input, env: extra} of failing) {
				const result = await run(args, {input: input ?? '', env: extra});
				assert.notEqual(result.code, 0, `${args.join(' ')} should fail`);
			}

			// The explicit reveals do print it: proof the planted token really is the one stored.
			const show = await run(['token', '--show', 'prod']);
			reveals.add('token --show prod');
			assert.equal(show.stdout, `${token}\n`);
			const exports = await run(['env', '--show', '--account', 'prod']);
			reveals.add('env --show --account prod');
			assert.ok(exports.stdout.includes(token));

			assertNoLeak();
			if (variant.backend === 'keychain') {
				assert.ok(vault.keychainListing().includes(token), 'the token lives in the keychain');
			}

			// A config file that does not parse: every command stops, nothing is printed or copied.
			const config = path.join(vault.configDir, 'config.json');
			const intact = fs.readFileSync(config);
			fs.writeFileSync(config, intact.subarray(0, 100));
			for (const args of [
				['status'],
				['token', '--show'],
				['env', '--show'],
				['exec', '--', 'sh', '-c', 'echo $VAPI_API_KEY'],
				['logout', '--all', '--yes'],
			]) {
				const result = await run(args);
				assert.equal(result.code, 1, `${args.join(' ')} with a corrupt config`);
				assert.match(result.stderr, /config\.json is not valid JSON/);
			}

			assert.equal((await run([...login, '--alias', 'after'], {input: token})).code, 1);
			assert.ok(
				fs.readdirSync(vault.configDir).some((name) => name.startsWith('config.json.corrupt-')),
			);
			assertNoLeak();
			fs.writeFileSync(config, intact);

			// Logging out removes the last trace: no file and no keychain item holds a key any more.
			assert.equal((await run(['logout', '--all', '--yes'])).code, 0);
			for (const secret of [token, other]) {
				assert.deepEqual(filesWith(secret), []);
				assert.ok(!vault.keychainListing().includes(secret));
			}
		});

		test('no argv holds the token: login waiting on stdin, exec running a child, a killed login', async () => {
			const marker = plantedKey('sk-argv_LEAKCANARY');
			const pending = await vault.spawn(
				['login', '--with-token', '--provider', 'vapi', '--alias', 'argv'],
				{env},
			);
			const closed = new Promise<number | null>((resolve) => pending.on('close', resolve));
			let output = '';
			pending.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
				output += chunk;
			});
			pending.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
				output += chunk;
			});
			pending.stdin?.write(marker);
			// The vault directory is made before stdin is read; the login cannot end before stdin does.
			await until(() => fs.existsSync(vault.configDir), 'the login to open the vault');
			assert.deepEqual(argvHolding(marker), []);
			assert.equal(pending.exitCode, null, 'still waiting on stdin');
			pending.stdin?.end();
			assert.equal(await closed, 0, output);
			assert.ok(!output.includes(marker));

			// exec: authdeck and its child are both running; the key is in the child's environment only.
			const running = await vault.spawn(['exec', '--', 'sh', '-c', 'echo ready; read line'], {env});
			const ended = new Promise<number | null>((resolve) => running.on('close', resolve));
			let ready = '';
			running.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
				ready += chunk;
			});
			await until(() => ready.includes('ready'), 'the child to start');
			assert.deepEqual(argvHolding(marker), []);
			running.stdin?.end('\n');
			assert.equal(await ended, 0);

			// A login killed while it waits for its key leaves nothing behind.
			const killed = await vault.spawn(
				['login', '--with-token', '--provider', 'vapi', '--alias', 'killed'],
				{env},
			);
			const gone = new Promise<NodeJS.Signals | null>((resolve) =>
				killed.on('close', (_code, signal) => resolve(signal)),
			);
			killed.stdin?.write(other);
			await until(() => fs.existsSync(path.join(vault.configDir, 'config.json')), 'the vault');
			killed.kill('SIGKILL');
			assert.equal(await gone, 'SIGKILL');
			assert.deepEqual(filesWith(other), []);
			assert.ok(!vault.keychainListing().includes(other));
			const expected =
				variant.backend === 'file' && !variant.passphrase ? ['config/secrets.json'] : [];
			assert.deepEqual(filesWith(marker), expected);
		});
	});
}
