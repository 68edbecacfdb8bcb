// Choosing and moving the secret backend: security.md row 11 (no D-Bus at all: a visible fallback
// to the file, named by status), a keychain that was chosen and is then missing is an error and
// never a silent switch to the file, and `config set storage` moves every secret or, failing,
// leaves the old store exactly as it was.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {describeRun, login, requireBuild, runCli, stderrLines, TempVault} from '../helpers/cli.js';
import {keyringSkipReason, secretToolSearch} from '../helpers/keyring.js';

const keys = ['sk-test_backendAAAAAAAAAAAAAAAA0001', 'sk-test_backendBBBBBBBBBBBBBBBB0002'];

type Stored = {accounts: Array<{id: string; alias: string}>; settings: {storage?: string}};
/** The metadata on disk; a vault that was never written holds nothing. */
const stored = (vault: TempVault): Stored =>
	fs.existsSync(vault.configFile)
		? (JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as Stored)
		: {accounts: [], settings: {}};

/** A vault whose children have no D-Bus session at all and no display to autolaunch one. */
async function vaultWithoutDbus(env: Record<string, string | undefined> = {}): Promise<TempVault> {
	const vault = await TempVault.create(undefined, {
		env: {
			AUTHDECK_STORAGE: undefined,
			DBUS_SESSION_BUS_ADDRESS: undefined,
			DISPLAY: undefined,
			WAYLAND_DISPLAY: undefined,
			...env,
		},
	});
	// libdbus would also look for $XDG_RUNTIME_DIR/bus: point it at an empty directory.
	const runtime = path.join(vault.base, 'run');
	fs.mkdirSync(runtime, {mode: 0o700});
	vault.env.XDG_RUNTIME_DIR = runtime;
	return vault;
}

async function seed(vault: TempVault): Promise<void> {
	for (const [index, key] of keys.entries()) {
		const result = await login(vault, key, ['--provider', 'vapi', '--alias', `acct${index}`]);
		assert.equal(result.code, 0, describeRun(result));
	}
}

async function assertTokens(vault: TempVault): Promise<void> {
	for (const [index, key] of keys.entries()) {
		const result = await runCli(['token', '--show', `acct${index}`], {env: vault.env});
		assert.equal(result.code, 0, describeRun(result));
		assert.equal(result.stdout, `${key}\n`);
	}
}

describe('no D-Bus at all (row 11)', () => {
	test('"keychain unavailable" at once, the file is used with a warning, status names it', {
		timeout: 120_000,
	}, async () => {
		requireBuild();
		const vault = await vaultWithoutDbus();
		try {
			const result = await login(vault, keys[0] as string, [
				'--provider',
				'vapi',
				'--alias',
				'acct0',
			]);
			assert.equal(result.code, 0, describeRun(result));
			// Far below the 3 s bound: nothing to wait for without a bus. Generous for a loaded machine.
			assert.ok(result.ms < 8000, describeRun(result));
			const warning = stderrLines(result).find((line) => line.includes('keychain'));
			assert.ok(warning, describeRun(result));
			assert.match(warning, /^warning: .*keychain.*unavailable/i);
			assert.ok(warning.includes(vault.secretsFile), 'the warning names the file');
			assert.match(warning, /UNENCRYPTED/);
			assert.ok(!result.stderr.includes(keys[0] as string));

			assert.equal(stored(vault).settings.storage, 'file', 'the fallback is remembered');
			const status = await runCli(['status'], {env: vault.env});
			assert.match(status.stdout, /^ {2}Storage: file$/m);
			const json = await runCli(['status', '--json'], {env: vault.env});
			assert.equal((JSON.parse(json.stdout) as {storage: string}).storage, 'file');
			assert.equal((await runCli(['config', 'get', 'storage'], {env: vault.env})).stdout, 'file\n');

			const token = await runCli(['token', '--show'], {env: vault.env});
			assert.equal(token.stdout, `${keys[0]}\n`);
		} finally {
			await vault.cleanup();
		}
	});

	test('a fresh vault: status alone names the file backend and warns', {
		timeout: 60_000,
	}, async () => {
		requireBuild();
		const vault = await vaultWithoutDbus();
		try {
			const status = await runCli(['status', '--json'], {env: vault.env});
			assert.equal(status.code, 0, describeRun(status));
			assert.equal((JSON.parse(status.stdout) as {storage: string}).storage, 'file');
			assert.match(status.stderr, /keychain.*unavailable/i);
		} finally {
			await vault.cleanup();
		}
	});
});

describe('a chosen keychain that is missing is an error, never a silent switch', () => {
	test('AUTHDECK_STORAGE=keychain without D-Bus: login fails, nothing saved anywhere', {
		timeout: 60_000,
	}, async () => {
		requireBuild();
		const vault = await vaultWithoutDbus({AUTHDECK_STORAGE: 'keychain'});
		try {
			const result = await login(vault, keys[0] as string, [
				'--provider',
				'vapi',
				'--alias',
				'acct0',
			]);
			assert.equal(result.code, 3, describeRun(result)); // the keychain's exit code (readme)
			assert.equal(stderrLines(result).length, 1, describeRun(result));
			assert.match(result.stderr, /^authdeck: keychain unavailable/);
			assert.equal(fs.existsSync(vault.secretsFile), false, 'no secrets file');
			assert.deepEqual(stored(vault).accounts, [], 'no account without its secret');
		} finally {
			await vault.cleanup();
		}
	});

	test('the storage setting says keychain and there is no D-Bus: token and login fail', {
		timeout: 60_000,
	}, async () => {
		requireBuild();
		const vault = await vaultWithoutDbus({AUTHDECK_STORAGE: 'file'});
		try {
			await seed(vault);
			// As if the secrets had been moved to the keychain on a machine that had one.
			const config = stored(vault);
			fs.writeFileSync(
				vault.configFile,
				// conf's own formatting, so a rollback that restores the same vault restores the same bytes.
				JSON.stringify(
					{...config, settings: {...config.settings, storage: 'keychain'}},
					undefined,
					'\t',
				),
			);
			fs.rmSync(vault.secretsFile);
			delete vault.env.AUTHDECK_STORAGE;
			const before = fs.readFileSync(vault.configFile);

			const token = await runCli(['token', '--show', 'acct0'], {env: vault.env});
			assert.equal(token.code, 3, describeRun(token));
			assert.match(token.stderr, /^authdeck: keychain unavailable/);
			assert.doesNotMatch(token.stderr, /no secret is stored/);

			const added = await login(vault, 'sk-test_backendCCCCCCCCCCCCCCCC0003', [
				'--provider',
				'vapi',
				'--alias',
				'acct2',
			]);
			assert.equal(added.code, 3, describeRun(added));
			assert.match(added.stderr, /keychain unavailable/);
			assert.ok(fs.readFileSync(vault.configFile).equals(before), 'metadata rolled back');
			assert.equal(fs.existsSync(vault.secretsFile), false, 'nothing was written to the file');

			const status = await runCli(['status'], {env: vault.env});
			assert.match(status.stdout, /Storage: keychain/);
		} finally {
			await vault.cleanup();
		}
	});
});

describe('config set storage', () => {
	test('to the keychain without D-Bus: refused, the file store and the setting intact', {
		timeout: 60_000,
	}, async () => {
		requireBuild();
		const vault = await vaultWithoutDbus({AUTHDECK_STORAGE: 'file'});
		try {
			await seed(vault);
			delete vault.env.AUTHDECK_STORAGE;
			const config = fs.readFileSync(vault.configFile);
			const secrets = fs.readFileSync(vault.secretsFile);

			const result = await runCli(['config', 'set', 'storage', 'keychain'], {env: vault.env});
			assert.equal(result.code, 1, describeRun(result));
			assert.equal(stderrLines(result).length, 1, describeRun(result));
			assert.match(result.stderr, /could not move secrets to the keychain.*nothing was changed/);
			assert.ok(fs.readFileSync(vault.configFile).equals(config), 'config.json unchanged');
			assert.ok(fs.readFileSync(vault.secretsFile).equals(secrets), 'secrets.json unchanged');
			await assertTokens(vault);
		} finally {
			await vault.cleanup();
		}
	});

	test('file -> keychain -> file moves every secret each way', {
		timeout: 120_000,
		skip: keyringSkipReason(),
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('file');
		const {default: keytar} = await import('keytar');
		let ids: string[] = [];
		try {
			await seed(vault);
			delete vault.env.AUTHDECK_STORAGE;
			ids = stored(vault).accounts.map((account) => account.id);

			const toKeychain = await runCli(['config', 'set', 'storage', 'keychain'], {env: vault.env});
			assert.equal(toKeychain.code, 0, describeRun(toKeychain));
			assert.match(toKeychain.stdout, /moved 2 secrets from the file to the keychain/);
			assert.equal(stored(vault).settings.storage, 'keychain');
			for (const [index, id] of ids.entries()) {
				const raw = await keytar.getPassword('authdeck', `account:${id}`);
				assert.deepEqual(JSON.parse(raw ?? 'null'), {apiKey: keys[index]});
			}

			const fileAfter = fs.existsSync(vault.secretsFile)
				? fs.readFileSync(vault.secretsFile, 'utf8')
				: '';
			for (const key of keys) {
				assert.ok(!fileAfter.includes(key), 'the file no longer holds the secret');
			}

			await assertTokens(vault);

			// Back to the file, encrypted this time.
			vault.env.AUTHDECK_PASSPHRASE = 'move it back';
			const toFile = await runCli(['config', 'set', 'storage', 'file'], {env: vault.env});
			assert.equal(toFile.code, 0, describeRun(toFile));
			assert.match(toFile.stdout, /moved 2 secrets from the keychain to the file/);
			assert.equal(stored(vault).settings.storage, 'file');
			const listing = secretToolSearch();
			for (const id of ids) {
				assert.ok(!listing.includes(`account:${id}`), 'the keychain no longer holds it');
			}

			const sealed = fs.readFileSync(vault.secretsFile, 'utf8');
			for (const key of keys) {
				assert.ok(!sealed.includes(key));
			}

			await assertTokens(vault);
		} finally {
			for (const id of ids) {
				await keytar.deletePassword('authdeck', `account:${id}`).catch(() => false);
			}

			await vault.cleanup();
		}
	});

	test('keychain -> a file that cannot take the secrets: refused, the keychain intact', {
		timeout: 120_000,
		skip: keyringSkipReason(),
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('keychain');
		const {default: keytar} = await import('keytar');
		let ids: string[] = [];
		try {
			await seed(vault);
			delete vault.env.AUTHDECK_STORAGE;
			ids = stored(vault).accounts.map((account) => account.id);
			// A secrets.json sealed with a passphrase this run does not have.
			fs.writeFileSync(
				vault.secretsFile,
				JSON.stringify({
					version: 1,
					sealed: {kdf: 'scrypt', salt: 'AAAA', iv: 'AAAA', tag: 'AAAA', data: 'AAAA'},
				}),
				{mode: 0o600},
			);
			const config = fs.readFileSync(vault.configFile);
			const secrets = fs.readFileSync(vault.secretsFile);

			const result = await runCli(['config', 'set', 'storage', 'file'], {
				env: {...vault.env, AUTHDECK_PASSPHRASE: 'not the one'},
			});
			assert.equal(result.code, 1, describeRun(result));
			assert.match(result.stderr, /could not move secrets to the file.*nothing was changed/);
			assert.ok(fs.readFileSync(vault.configFile).equals(config), 'config.json unchanged');
			assert.ok(fs.readFileSync(vault.secretsFile).equals(secrets), 'secrets.json unchanged');
			for (const [index, id] of ids.entries()) {
				const raw = await keytar.getPassword('authdeck', `account:${id}`);
				assert.deepEqual(JSON.parse(raw ?? 'null'), {apiKey: keys[index]});
			}

			await assertTokens(vault);
		} finally {
			for (const id of ids) {
				await keytar.deletePassword('authdeck', `account:${id}`).catch(() => false);
			}

			await vault.cleanup();
		}
	});
});
