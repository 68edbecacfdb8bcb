import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, test} from 'node:test';
import {
	type BackendName,
	describeBackends,
	oneErrorLine,
	plantedKey,
	seedAccounts,
	TempVault,
} from '../../helpers/cli.js';

describeBackends('login --with-token', (backend: BackendName) => {
	let vault: TempVault;
	beforeEach(async () => {
		vault = await TempVault.create(backend);
	});
	afterEach(async () => {
		await vault.cleanup();
	});

	test('reads the key from stdin and stores it only in the secret backend', async () => {
		const key = plantedKey();
		const result = await vault.ok(
			['login', '--with-token', '--provider', 'vapi', '--alias', 'prod', '--email', 'a@b.io'],
			{input: `${key}\n`},
		);
		assert.equal(result.stdout, 'Logged in as prod (vapi); it is now the active account\n');
		const [account] = vault.config().accounts;
		assert.ok(account);
		assert.equal(account.alias, 'prod');
		assert.deepEqual(JSON.parse(vault.storedSecret(account.id) ?? '{}'), {apiKey: key});
		if (backend === 'keychain') {
			assert.ok(vault.keychainListing().includes(key), 'secret-tool sees the key');
			assert.deepEqual(vault.filesContaining(key), [], 'the key is nowhere in the config dir');
			assert.ok(!fs.existsSync(path.join(vault.configDir, 'secrets.json')));
		} else {
			assert.deepEqual(vault.filesContaining(key), ['config/secrets.json']);
		}

		const status = await vault.ok(['status', '--json']);
		assert.ok(!status.stdout.includes(key));
		const token = await vault.ok(['token', '--show']);
		assert.equal(token.stdout, `${key}\n`, 'the key round-trips exactly');
	});

	test('a second login with the same provider and email updates the account, not duplicates it', async () => {
		const first = plantedKey();
		const second = plantedKey();
		const a = await vault.login(first, ['--provider', 'vapi', '--email', 'John@Company.com']);
		const b = await vault.login(second, [
			'--provider',
			'vapi',
			'--email',
			'john@company.com',
			'--environment',
			'staging',
		]);
		assert.equal(b.id, a.id);
		assert.equal(b.alias, 'john');
		const {accounts} = vault.config();
		assert.equal(accounts.length, 1);
		assert.deepEqual(JSON.parse(vault.storedSecret(a.id) ?? '{}'), {apiKey: second});
		assert.equal(b.environment, 'staging');
		const everywhere = vault
			.filesContaining(first)
			.concat(vault.keychainListing().includes(first) ? ['keychain'] : []);
		assert.deepEqual(everywhere, [], 'the old key is gone');
		// The same email with another provider is another account.
		await vault.login(plantedKey(), ['--provider', 'vast', '--email', 'john@company.com']);
		assert.equal(vault.config().accounts.length, 2);
	});

	test('without --alias one is derived from the email (or provider) and made unique', async () => {
		const aliases = [];
		for (const args of [
			['--provider', 'vapi', '--email', 'john@company.com'],
			['--provider', 'vapi', '--email', 'john@personal.com'],
			['--provider', 'vast', '--email', 'John@gpu.example'],
			['--provider', 'vantage'],
			['--provider', 'vantage', '--email', 'x@y.z', '--alias', 'vantage-2'],
			['--provider', 'vantage', '--email', 'other@y.z'],
		]) {
			aliases.push((await vault.login(plantedKey(), args)).alias);
		}

		assert.deepEqual(aliases, ['john', 'john-2', 'john-3', 'vantage', 'vantage-2', 'other']);
		assert.equal(new Set(vault.config().accounts.map((a) => a.alias)).size, 6);
	});

	test('bad input: one line on stderr, a non-zero exit, and nothing lost', async () => {
		const {prodKey, clientKey} = await seedAccounts(vault);
		const configBefore = fs.readFileSync(path.join(vault.configDir, 'config.json'));
		const key = plantedKey();
		const cases: Array<{args: string[]; input?: string; message: RegExp}> = [
			{
				args: ['--provider', 'vapi', '--alias', '../../x'],
				message: /invalid alias: an alias is 1-63 characters/,
			},
			{args: ['--provider', 'vapi', '--alias', 'Prod'], message: /invalid alias/},
			// Another person's email under an existing alias must not overwrite that account's key.
			{
				args: ['--provider', 'vapi', '--alias', 'client-a', '--email', 'new@x.io'],
				message: /alias "client-a" is already used/,
			},
			// An alias names one account across providers (the same provider's alias would update it).
			{
				args: ['--provider', 'vast', '--alias', 'client-a'],
				message: /alias "client-a" is already used/,
			},
			{
				args: ['--provider', 'vapi', '--email', 'not-an-email'],
				message: /invalid email "not-an-email"/,
			},
			{
				args: ['--provider', 'vapi', '--environment', 'pre prod'],
				message: /invalid environment "pre prod"/,
			},
			{
				args: ['--provider', 'vapi', '--base-url', 'javascript:alert(1)'],
				message: /invalid base URL .*use https:\/\//,
			},
			{args: ['--provider', 'vapi', '--base-url', 'nope'], message: /invalid base URL "nope"/},
			{
				args: ['--provider', 'vapi', '--org-name', 'a\u001B[2Jb'],
				message: /invalid organization name/,
			},
			{args: ['--provider', 'nope'], message: /unknown provider "nope"; known providers: .*vapi/},
			{args: [], message: /--provider is required/},
			{args: ['--provider', 'vapi'], input: '', message: /no key on stdin/},
			{args: ['--provider', 'vapi'], input: `${key} ${key}`, message: /single line without spaces/},
		];
		for (const {args, input, message} of cases) {
			const result = await vault.run(['login', '--with-token', ...args], {input: input ?? key});
			const line = oneErrorLine(result);
			assert.match(line, message, `${args.join(' ')}: ${line}`);
			assert.ok(!line.includes(key), 'the key is never echoed');
		}

		const withoutFlag = await vault.run(['login', '--provider', 'vapi'], {input: key});
		assert.match(oneErrorLine(withoutFlag), /--with-token/);

		assert.deepEqual(fs.readFileSync(path.join(vault.configDir, 'config.json')), configBefore);
		assert.equal((await vault.ok(['token', '--show', 'prod'])).stdout, `${prodKey}\n`);
		assert.equal((await vault.ok(['token', '--show', 'client-a'])).stdout, `${clientKey}\n`);
		assert.ok(!vault.keychainListing().includes(key));
		assert.deepEqual(vault.filesContaining(key, vault.base), []);
	});
});
