// `authdeck doctor`: each finding against real files, a real FIFO, a real link to a system file,
// real stale lock directories, the real keyring (with-keyring.sh) and a nested one that is locked.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {
	type BackendName,
	builtCli,
	describeBackends,
	plantedKey,
	root,
	TempVault,
} from '../../helpers/cli.js';
import {keyringSkipReason, secretToolLookup} from '../../helpers/keyring.js';

const lockHolder = path.join(root, 'test', 'helpers', 'lock-holder.ts');

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

type Report = {
	ok: boolean;
	fixed: string[];
	findings: Array<{check: string; level: string; message: string; fix: string | null}>;
};

async function report(vault: TempVault, args: string[] = [], env = {}) {
	const result = await vault.run(['doctor', '--json', ...args], {env, timeout: 20_000});
	return {code: result.code, report: JSON.parse(result.stdout) as Report, stderr: result.stderr};
}

const problems = (r: Report) => r.findings.filter((f) => f.level !== 'ok');

describeBackends('doctor', (backend: BackendName) => {
	let vault: TempVault;
	let key: string;
	let id: string;
	beforeEach(async () => {
		vault = await TempVault.create(backend);
		key = plantedKey();
		({id} = await vault.login(key, ['--provider', 'vapi', '--alias', 'prod']));
	});
	afterEach(async () => {
		if (backend === 'keychain') {
			spawnSync('secret-tool', ['clear', 'service', 'authdeck', 'account', 'account:orphan0001']);
		}

		await vault.cleanup();
	});

	test('a healthy vault: every line ok, exit 0, one line per finding, no secret printed', async () => {
		const result = await vault.run(['doctor']);
		assert.equal(result.code, 0, result.stdout);
		assert.ok(!result.stdout.includes(key) && !result.stderr.includes(key));
		for (const line of result.stdout.trim().split('\n')) {
			assert.match(line, /^ok {5}(files|locks|keychain|secrets|clock|network): /);
		}

		assert.match(result.stdout, /keychain: the keychain answers|keychain: keychain unavailable/);
		assert.equal((await report(vault)).report.ok, true);
	});

	test('modes and a stale lock: warned with the fix; --fix repairs them and exits 0', async () => {
		fs.chmodSync(vault.configDir, 0o755);
		fs.chmodSync(path.join(vault.configDir, 'config.json'), 0o644);
		const lock = path.join(vault.configDir, 'config.json.lock');
		fs.mkdirSync(lock);
		const old = new Date(Date.now() - 60_000);
		fs.utimesSync(lock, old, old);
		const before = await report(vault);
		assert.equal(before.code, 1);
		assert.deepEqual(
			problems(before.report).map((f) => [f.check, f.level, f.fix]),
			[
				['files', 'warn', 'authdeck doctor --fix'],
				['files', 'warn', 'authdeck doctor --fix'],
				['locks', 'warn', 'authdeck doctor --fix'],
			],
		);
		assert.match(problems(before.report)[2]?.message ?? '', /is stale/);

		const fixed = await report(vault, ['--fix']);
		assert.equal(fixed.code, 0, JSON.stringify(fixed.report));
		assert.equal(fixed.report.fixed.length, 3);
		assert.equal(fs.statSync(vault.configDir).mode & 0o777, 0o700);
		assert.equal(fs.statSync(path.join(vault.configDir, 'config.json')).mode & 0o777, 0o600);
		assert.equal(fs.existsSync(lock), false);
	});

	test('a lock in use is left alone', async () => {
		fs.mkdirSync(path.join(vault.configDir, 'config.json.lock'));
		const {report: r} = await report(vault, ['--fix']);
		assert.ok(r.findings.some((f) => f.check === 'locks' && /held by a running/.test(f.message)));
		assert.ok(fs.existsSync(path.join(vault.configDir, 'config.json.lock')));
	});

	test('a fresh lock whose holder was SIGKILLed: named by its pid, and --fix removes it', async () => {
		const target = path.join(vault.configDir, 'config.json');
		const holder = spawn(process.execPath, ['--import', 'tsx', lockHolder, target], {
			cwd: root,
			stdio: ['pipe', 'pipe', 'ignore'],
		});
		await new Promise<void>((resolve, reject) => {
			holder.stdout?.setEncoding('utf8').on('data', (text: string) => {
				if (text.includes('held')) resolve();
			});
			holder.on('error', reject);
		});
		const pid = holder.pid;
		holder.kill('SIGKILL');
		await new Promise((resolve) => holder.on('close', resolve));
		// Killed a moment ago: the lock is fresh, so only its owner record says it is dead.
		const {report: before} = await report(vault, []);
		const finding = before.findings.find((f) => f.check === 'locks');
		assert.equal(finding?.level, 'warn', JSON.stringify(before.findings));
		assert.match(finding?.message ?? '', new RegExp(`left by authdeck pid ${pid}, which is gone`));
		await report(vault, ['--fix']);
		assert.equal(fs.existsSync(`${target}.lock`), false);
	});

	test('a FIFO at config.json: an error naming it within seconds, nothing hangs', async () => {
		const config = path.join(vault.configDir, 'config.json');
		fs.renameSync(config, `${config}.saved`);
		spawnSync('mkfifo', [config]);
		const started = Date.now();
		const {code, report: r} = await report(vault, ['--fix']);
		// Put back before the checks: cleanup reads config.json, which would block on the FIFO.
		fs.rmSync(config);
		fs.renameSync(`${config}.saved`, config);
		assert.equal(code, 1);
		assert.ok(Date.now() - started < 10_000);
		const error = r.findings.find((f) => f.level === 'error');
		assert.equal(error?.message, `${config} is a FIFO: every command that reads it fails`);
		assert.match(error?.fix ?? '', /mv /);
	});

	test('a link to /etc/passwd: an error naming the target; --fix never chmods through it', async () => {
		const secrets = path.join(vault.configDir, 'secrets.json');
		const target = path.join(vault.base, 'outside');
		fs.writeFileSync(target, 'not yours', {mode: 0o644});
		fs.rmSync(secrets, {force: true});
		fs.symlinkSync(target, secrets);
		const {code, report: r} = await report(vault, ['--fix']);
		assert.equal(code, 1);
		assert.ok(
			r.findings.some(
				(f) =>
					f.level === 'error' && f.message.startsWith(`${secrets} is a link to ${target}, outside`),
			),
		);
		assert.equal(fs.statSync(target).mode & 0o777, 0o644);
		assert.equal(fs.readFileSync(target, 'utf8'), 'not yours');
	});

	test('an interrupted save in pending.json: warned; --fix deletes the orphan and keeps the rest', async () => {
		const orphan = 'account:orphan0001';
		if (backend === 'file') {
			const file = path.join(vault.configDir, 'secrets.json');
			const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as {entries: Record<string, string>};
			stored.entries[orphan] = '{"apiKey":"sk-test_orphan"}';
			fs.writeFileSync(file, JSON.stringify(stored), {mode: 0o600});
		} else {
			plantInKeychain(orphan, '{"apiKey":"sk-test_orphan"}');
		}

		fs.writeFileSync(
			path.join(vault.configDir, 'pending.json'),
			JSON.stringify({version: 1, writes: [{store: backend, key: orphan}]}),
			{mode: 0o600},
		);
		const before = await report(vault);
		assert.equal(before.code, 1);
		assert.ok(problems(before.report).some((f) => /1 interrupted save/.test(f.message)));
		const after = await report(vault, ['--fix']);
		assert.equal(after.code, 0, JSON.stringify(after.report));
		assert.ok(
			after.report.fixed.some((line) => line.includes(`removed ${orphan}`)),
			after.report.fixed.join('; '),
		);
		const held =
			backend === 'file'
				? vault.fileSecrets()[orphan]
				: secretToolLookup({service: 'authdeck', account: orphan});
		assert.equal(held, undefined);
		assert.equal(vault.storedSecret(id) !== undefined, true);
	});

	test('an account whose secret is gone is an error with the way out', async () => {
		if (backend === 'file') {
			fs.writeFileSync(path.join(vault.configDir, 'secrets.json'), '{"version":1,"entries":{}}', {
				mode: 0o600,
			});
		} else {
			spawnSync('secret-tool', ['clear', 'service', 'authdeck', 'account', `account:${id}`]);
		}

		const {code, report: r} = await report(vault);
		assert.equal(code, 1);
		const error = r.findings.find((f) => f.check === 'secrets' && f.level === 'error');
		assert.match(error?.message ?? '', /1 account or credential has no secret stored/);
		assert.match(error?.fix ?? '', /authdeck login/);
	});

	test('proxy and CA: what is set is reported, credentials hidden; a missing CA file is an error', async () => {
		await vault.ok(['config', 'set', 'proxy', 'http://127.0.0.1:3128/']);
		const result = await vault.run(['doctor'], {
			env: {
				HTTPS_PROXY: 'http://user:hunter2@proxy.example:8080',
				NODE_EXTRA_CA_CERTS: '/nonexistent.pem',
			},
		});
		assert.equal(result.code, 1);
		assert.ok(!result.stdout.includes('hunter2'));
		assert.match(
			result.stdout,
			/^ok {5}network: every request goes through http:\/\/127\.0\.0\.1:3128 \(the proxy setting/m,
		);
		assert.match(
			result.stdout,
			/^ok {5}network: HTTPS_PROXY=http:\/\/\*\*\*@proxy\.example:8080 is set \(the proxy setting is used instead\)/m,
		);
		assert.match(
			result.stdout,
			/^error {2}network: NODE_EXTRA_CA_CERTS names \/nonexistent\.pem, which is not a readable file/m,
		);
	});
});

describe('doctor: file orphans, second copies and the clock', () => {
	let vault: TempVault;
	beforeEach(async () => {
		vault = await TempVault.create('file');
	});
	afterEach(async () => {
		await vault.cleanup();
	});

	test('secrets.json entries no account names: warned; --fix removes only those', async () => {
		const key = plantedKey();
		const {id} = await vault.login(key, ['--provider', 'vapi', '--alias', 'prod']);
		const file = path.join(vault.configDir, 'secrets.json');
		const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as {entries: Record<string, string>};
		stored.entries['account:nobody01'] = '{"apiKey":"sk-test_x"}';
		fs.writeFileSync(file, JSON.stringify(stored), {mode: 0o600});
		const before = await report(vault);
		assert.match(
			problems(before.report)[0]?.message ?? '',
			/holds 1 secret that no account or credential names \(account:nobody01\)/,
		);
		const after = await report(vault, ['--fix']);
		assert.equal(after.code, 0);
		assert.deepEqual(Object.keys(vault.fileSecrets()), [`account:${id}`]);
	});

	test("clock skew: a token issued in this machine's future is a warning; the token is never printed", async () => {
		const {id} = await vault.login(plantedKey(), ['--provider', 'vapi', '--alias', 'prod']);
		const config = path.join(vault.configDir, 'config.json');
		const vaultJson = JSON.parse(fs.readFileSync(config, 'utf8')) as {
			accounts: Array<{method: string}>;
		};
		(vaultJson.accounts[0] as {method: string}).method = 'browser';
		fs.writeFileSync(config, JSON.stringify(vaultJson), {mode: 0o600});
		const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const token = `${part({alg: 'none'})}.${part({iat: Math.floor(Date.now() / 1000) + 3600})}.sig`;
		fs.writeFileSync(
			path.join(vault.configDir, 'secrets.json'),
			JSON.stringify({
				version: 1,
				entries: {[`account:${id}`]: JSON.stringify({accessToken: token})},
			}),
			{mode: 0o600},
		);
		const result = await vault.run(['doctor']);
		assert.equal(result.code, 1);
		assert.match(
			result.stdout,
			/^warn {3}clock: this machine's clock is about 3[56]\d\d s behind/m,
		);
		assert.ok(!result.stdout.includes(token));
	});
});

describe('doctor: the keychain', {skip: keyringSkipReason()}, () => {
	let vault: TempVault;
	let id: string;
	const env = {AUTHDECK_STORAGE: undefined};
	beforeEach(async () => {
		vault = await TempVault.create('file');
		({id} = await vault.login(plantedKey(), ['--provider', 'vapi', '--alias', 'prod']));
	});
	afterEach(async () => {
		spawnSync('secret-tool', ['clear', 'service', 'authdeck', 'account', `account:${id}`]);
		await vault.cleanup();
	});

	test('plaintext copies left in secrets.json after a move to the keychain: --fix removes them there only', async () => {
		const saved = fs.readFileSync(path.join(vault.configDir, 'secrets.json'));
		await vault.ok(['config', 'set', 'storage', 'keychain'], {env});
		// What a move killed before its cleanup left behind.
		fs.writeFileSync(path.join(vault.configDir, 'secrets.json'), saved, {mode: 0o600});
		const before = await report(vault, [], env);
		assert.equal(before.code, 1);
		assert.match(
			problems(before.report)[0]?.message ?? '',
			/1 secret is also in the file, which is not in use \(storage: keychain\)/,
		);
		const after = await report(vault, ['--fix'], env);
		assert.equal(after.code, 0, JSON.stringify(after.report));
		assert.deepEqual(vault.fileSecrets(), {});
		assert.notEqual(secretToolLookup({service: 'authdeck', account: `account:${id}`}), undefined);
	});

	test('a keychain that does not answer, and a locked keyring, are errors with the fix', async () => {
		await vault.ok(['config', 'set', 'storage', 'keychain'], {env});
		const gone = await report(vault, [], {
			...env,
			DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(vault.base, 'no-bus')}`,
		});
		assert.equal(gone.code, 1);
		const unreachable = gone.report.findings.find((f) => f.check === 'keychain');
		assert.equal(unreachable?.level, 'error');
		assert.match(unreachable?.fix ?? '', /config set storage file/);

		// A keyring of its own, locked over D-Bus as a screen lock would, so the shared one stays open.
		const cli = await builtCli();
		const script = [
			'gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets',
			'--method org.freedesktop.Secret.Service.Lock "[objectpath \'/org/freedesktop/secrets/aliases/default\']" >/dev/null',
			`&& exec "${process.execPath}" "${cli}" doctor --json`,
		].join(' ');
		const childEnv = vault.childEnv(env);
		delete childEnv.DBUS_SESSION_BUS_ADDRESS;
		const locked = spawnSync(
			'bash',
			[path.join(root, 'scripts/with-keyring.sh'), 'bash', '-c', script],
			{
				env: childEnv,
				encoding: 'utf8',
				timeout: 30_000,
			},
		);
		assert.equal(locked.status, 1, locked.stderr);
		const finding = (JSON.parse(locked.stdout) as Report).findings.find(
			(f) => f.check === 'keychain',
		);
		assert.equal(finding?.level, 'error');
		assert.match(finding?.message ?? '', /the keyring is locked/);
		assert.match(finding?.fix ?? '', /unlock it/);
	});
});
