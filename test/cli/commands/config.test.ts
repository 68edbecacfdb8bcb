import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {configKeys} from '../../../source/cli/commands/config.js';
import {
	type BackendName,
	describeBackends,
	oneErrorLine,
	plantedKey,
	type Seeded,
	TempVault,
	useSeededVault,
} from '../../helpers/cli.js';
import {keyringSkipReason} from '../../helpers/keyring.js';

describeBackends('config get|set', (backend: BackendName) => {
	let vault: TempVault;
	let seeded: Seeded;
	useSeededVault(backend, (fresh) => {
		({vault, seeded} = fresh);
	});

	test('get: every setting as JSON, or one', async () => {
		assert.deepEqual(JSON.parse((await vault.ok(['config', 'get'])).stdout), {
			storage: backend,
			'reveal-timeout': 10,
			'refresh-window': 300,
			proxy: null,
			'ca-file': null,
			'insecure-skip-verify': null,
			'request-timeout': 15,
			'sync-files': [],
			theme: 'default',
		});
		assert.equal((await vault.ok(['config', 'get', 'storage'])).stdout, `${backend}\n`);
		assert.equal((await vault.ok(['config', 'get', 'proxy'])).stdout, '\n');
	});

	test('set: durations and the proxy are checked and saved', async () => {
		await vault.ok(['config', 'set', 'reveal-timeout', '30s']);
		await vault.ok(['config', 'set', 'refresh-window', '10m']);
		await vault.ok(['config', 'set', 'proxy', 'http://127.0.0.1:3128/']);
		await vault.ok(['config', 'set', 'request-timeout', '1m']);
		assert.equal((await vault.ok(['config', 'get', 'request-timeout'])).stdout, '60\n');
		assert.equal((await vault.ok(['config', 'get', 'reveal-timeout'])).stdout, '30\n');
		assert.equal((await vault.ok(['config', 'get', 'refresh-window'])).stdout, '600\n');
		assert.equal((await vault.ok(['config', 'get', 'proxy'])).stdout, 'http://127.0.0.1:3128\n');
		assert.deepEqual(vault.config().settings, {
			revealTimeout: 30,
			refreshWindow: 600,
			proxy: 'http://127.0.0.1:3128',
			requestTimeout: 60,
			...(vault.config().settings.storage ? {storage: vault.config().settings.storage} : {}),
		});
		await vault.ok(['config', 'set', 'proxy', '']);
		assert.equal((await vault.ok(['config', 'get', 'proxy'])).stdout, '\n');
	});

	test('set: bad keys and values are one line each, nothing saved', async () => {
		const before = fs.readFileSync(path.join(vault.configDir, 'config.json'));
		const cases: Array<[string[], RegExp]> = [
			[['colour', 'red'], /unknown setting 'colour'; settings are: storage, reveal-timeout/],
			[['reveal-timeout', '0'], /reveal-timeout must be between 1 and 3600 seconds/],
			[['reveal-timeout', '2h'], /reveal-timeout must be between 1 and 3600 seconds/],
			[['refresh-window', 'soon'], /./],
			[['request-timeout', '0'], /request-timeout must be between 1 and 600 seconds, not "0"/],
			[['request-timeout', 'soon'], /request-timeout must be between 1 and 600 seconds/],
			[
				['proxy', 'ftp://proxy.example'],
				/invalid proxy URL .*use http:\/\/, https:\/\/, socks5:\/\//,
			],
			[
				['proxy', 'http://u:hunter2@proxy.example/path'],
				/^authdeck: invalid proxy URL "http:\/\/\*\*\*@proxy\.example\/path": .*no path$/,
			],
			[
				['ca-file', '/nonexistent.pem'],
				/^authdeck: cannot read ca-file \/nonexistent\.pem: ENOENT$/,
			],
			[['ca-file', '/etc/passwd'], /^authdeck: ca-file \/etc\/passwd holds no PEM certificate/],
			[['insecure-skip-verify', 'yes'], /^authdeck: insecure-skip-verify takes true or false$/],
			[['storage', 'cloud'], /storage must be "keychain", "file" or "pass", not "cloud"/],
		];
		for (const [args, message] of cases) {
			assert.match(oneErrorLine(await vault.run(['config', 'set', ...args])), message);
		}

		assert.match(oneErrorLine(await vault.run(['config', 'get', 'colour'])), /unknown setting/);
		assert.deepEqual(fs.readFileSync(path.join(vault.configDir, 'config.json')), before);
	});

	// Security row 32: names that every plain object has through Object.prototype are no settings.
	test('names of Object.prototype are unknown settings, for get and set, nothing saved', async () => {
		const before = fs.readFileSync(path.join(vault.configDir, 'config.json'));
		for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) {
			const unknown = new RegExp(
				`^authdeck: unknown setting '${key}'; settings are: ${configKeys.join(', ')}$`,
			);
			const got = await vault.run(['config', 'get', key]);
			assert.equal(got.code, 1, `config get ${key}`);
			assert.match(oneErrorLine(got), unknown);
			const set = await vault.run(['config', 'set', key, '1']);
			assert.equal(set.code, 1, `config set ${key}`);
			assert.match(oneErrorLine(set), unknown);
		}

		assert.deepEqual(fs.readFileSync(path.join(vault.configDir, 'config.json')), before);
	});

	test('set storage while AUTHDECK_STORAGE forces another backend is refused, nothing moved', async () => {
		const other = backend === 'file' ? 'keychain' : 'file';
		const line = oneErrorLine(await vault.run(['config', 'set', 'storage', other]));
		assert.match(line, new RegExp(`AUTHDECK_STORAGE=${backend} is set`));
		assert.equal((await vault.ok(['token', '--show', 'prod'])).stdout, `${seeded.prodKey}\n`);
		assert.equal((await vault.ok(['token', '--show', 'client-a'])).stdout, `${seeded.clientKey}\n`);
		assert.notEqual(vault.storedSecret(seeded.prod.id), undefined);
		if (backend === 'keychain') {
			assert.ok(!fs.existsSync(path.join(vault.configDir, 'secrets.json')));
		}
	});
});

describe('config set storage keychain|file moves every secret', {skip: keyringSkipReason()}, () => {
	let vault: TempVault;
	beforeEach(async () => {
		vault = await TempVault.create('keychain');
	});
	afterEach(async () => {
		await vault.cleanup();
	});

	// The backend comes from the `storage` setting here, not from AUTHDECK_STORAGE.
	const env = {AUTHDECK_STORAGE: undefined};

	test('keychain -> file -> keychain, the key readable all along and in one place at a time', async () => {
		assert.equal(
			(await vault.ok(['config', 'set', 'storage', 'keychain'], {env})).stdout,
			'secrets are stored in the keychain\n',
		);
		const key = plantedKey();
		const other = plantedKey('');
		const prod = await vault.login(key, ['--provider', 'vapi', '--alias', 'prod'], {env});
		const gpu = await vault.login(other, ['--provider', 'vast', '--alias', 'gpu'], {env});
		assert.ok(vault.keychainListing().includes(key));
		assert.deepEqual(vault.filesContaining(key), []);

		const toFile = await vault.ok(['config', 'set', 'storage', 'file'], {env});
		assert.equal(toFile.stdout, 'moved 2 secrets from the keychain to the file\n');
		assert.equal(vault.config().settings.storage, 'file');
		assert.deepEqual(vault.fileSecrets(), {
			[`account:${prod.id}`]: JSON.stringify({apiKey: key}),
			[`account:${gpu.id}`]: JSON.stringify({apiKey: other}),
		});
		assert.ok(!vault.keychainListing().includes(key), 'the keychain copy is deleted');
		assert.ok(!vault.keychainListing().includes(other));
		assert.equal((await vault.ok(['token', '--show', 'prod'], {env})).stdout, `${key}\n`);
		assert.match((await vault.ok(['status'], {env})).stdout, /^ {2}Storage: file$/m);

		const back = await vault.ok(['config', 'set', 'storage', 'keychain'], {env});
		assert.equal(back.stdout, 'moved 2 secrets from the file to the keychain\n');
		assert.deepEqual(vault.fileSecrets(), {});
		assert.deepEqual(vault.filesContaining(key), []);
		assert.ok(vault.keychainListing().includes(key));
		assert.equal((await vault.ok(['token', '--show', 'gpu'], {env})).stdout, `${other}\n`);
		assert.equal(
			(await vault.ok(['config', 'set', 'storage', 'keychain'], {env})).stdout,
			'secrets are already stored in the keychain\n',
		);
	});

	test('a keychain that cannot be reached leaves the file store and the setting intact', async () => {
		await vault.ok(['config', 'set', 'storage', 'file'], {env});
		const key = plantedKey();
		await vault.login(key, ['--provider', 'vapi', '--alias', 'prod'], {env});
		const before = {config: vault.config(), secrets: vault.fileSecrets()};
		const unreachable = {...env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${vault.base}/no-bus`};
		const result = await vault.run(['config', 'set', 'storage', 'keychain'], {env: unreachable});
		assert.match(oneErrorLine(result), /keychain/);
		assert.deepEqual(vault.config(), before.config);
		assert.deepEqual(vault.fileSecrets(), before.secrets);
		assert.ok(!vault.keychainListing().includes(key));
		assert.equal((await vault.ok(['token', '--show'], {env})).stdout, `${key}\n`);
	});
});
