import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {plantedKey, type TempVault, useTempVault} from '../../helpers/cli.js';
import {spawnDeck} from '../../helpers/pty.js';

describe('import', () => {
	const tempVault = useTempVault('file');
	let vault: TempVault;
	const vastKey = `${plantedKey('')}vast`;
	const legacyKey = `${plantedKey('')}lgcy`;
	const vapiKey = `${plantedKey('sk-')}vapi`;
	const vastFile = () => path.join(vault.xdgConfigHome, 'vastai', 'vast_api_key');

	const plant = () => {
		vault = tempVault();
		fs.mkdirSync(path.dirname(vastFile()), {recursive: true});
		fs.writeFileSync(vastFile(), `${vastKey}\n`);
		fs.writeFileSync(path.join(vault.home, '.vast_api_key'), legacyKey);
		fs.writeFileSync(
			path.join(vault.home, '.vapi-cli.yaml'),
			`# written by the vapi CLI\napi_key: "${vapiKey}"\nbase_url: https://api.eu.vapi.ai # EU\ntelemetry:\n  enabled: false\n`,
		);
	};

	test('--dry-run shows what it found, masked, and changes nothing', async () => {
		plant();
		const {stdout} = await vault.ok(['import', '--dry-run']);
		assert.equal(
			stdout,
			[
				`vast key ****vast in ${vastFile()}: would be added (dry run)`,
				`vast key ****lgcy in ${path.join(vault.home, '.vast_api_key')}: would be added (dry run)`,
				`vapi key sk-****vapi in ${path.join(vault.home, '.vapi-cli.yaml')} (base URL https://api.eu.vapi.ai): would be added (dry run)`,
				'',
			].join('\n'),
		);
		for (const key of [vastKey, legacyKey, vapiKey]) assert.ok(!stdout.includes(key));
		assert.ok(!fs.existsSync(vault.configFile) || vault.read().accounts.length === 0);
	});

	test('adds each key as an account, once; the files are left as they were', async () => {
		plant();
		const before = fs.readFileSync(vastFile(), 'utf8');
		await vault.ok(['import']);
		const accounts = vault.read().accounts;
		assert.deepEqual(accounts.map((a) => [a.alias, a.providerId, a.baseUrl]).sort(), [
			['vapi', 'vapi', 'https://api.eu.vapi.ai'],
			['vast', 'vast', 'https://console.vast.ai'],
			['vast-2', 'vast', 'https://console.vast.ai'],
		]);
		const keys = [];
		for (const alias of ['vast', 'vast-2', 'vapi']) {
			keys.push((await vault.ok(['token', alias, '--show'])).stdout.trim());
		}
		assert.deepEqual(keys, [vastKey, legacyKey, vapiKey]);
		assert.equal(fs.readFileSync(vastFile(), 'utf8'), before);
		// Again: every key is already stored.
		const again = await vault.ok(['import', 'vast']);
		assert.match(again.stdout, /^vast key \*\*\*\*vast in .*: already stored \(vast\), skipped$/m);
		assert.equal(vault.read().accounts.length, 3);
	});

	test('a yaml file it cannot read is a warning; the other files still import', async () => {
		plant();
		fs.writeFileSync(path.join(vault.home, '.vapi-cli.yaml'), 'api_key: [1, 2]\n');
		const result = await vault.ok(['import']);
		assert.match(
			result.stderr,
			/warning: cannot read .*\.vapi-cli\.yaml: line 1: a value this reader does not understand/,
		);
		assert.equal(vault.read().accounts.length, 2);
	});

	test("sync-files never overwrites the user's own key file without a backup, and logout leaves it", async () => {
		plant();
		await vault.ok(['import', 'vast']);
		const other = `${plantedKey('')}othr`;
		await vault.login(other, ['--provider', 'vast', '--alias', 'gpu']);
		const result = await vault.ok(['config', 'set', 'sync-files', 'vast', 'on']);
		assert.match(
			result.stdout,
			/held another key: kept a copy in .*vast_api_key\.authdeck-backup-/,
		);
		const dir = path.dirname(vastFile());
		const backups = fs
			.readdirSync(dir)
			.filter((name) => name.startsWith('vast_api_key.authdeck-backup-'));
		assert.equal(backups.length, 1);
		const backup = path.join(dir, backups[0] ?? '');
		assert.equal(fs.readFileSync(backup, 'utf8'), `${vastKey}\n`);
		assert.equal(fs.statSync(backup).mode & 0o777, 0o600);
		assert.equal(fs.readFileSync(vastFile(), 'utf8'), other);
		// authdeck's own write is replaced on the next switch without another backup.
		await vault.ok(['switch', 'vast']);
		assert.equal(fs.readFileSync(vastFile(), 'utf8'), vastKey);
		assert.equal(fs.readdirSync(dir).filter((n) => n.includes('authdeck-backup')).length, 1);
	});

	test('logout never deletes a key file authdeck did not write', async () => {
		plant();
		await vault.ok(['config', 'set', 'sync-files', 'vast', 'off']);
		await vault.ok(['import', 'vast']);
		// The file holds the imported account's key, but the user put it there.
		await vault.ok(['logout', '--all', '--yes']);
		assert.equal(fs.readFileSync(vastFile(), 'utf8'), `${vastKey}\n`);
		assert.equal(fs.readFileSync(path.join(vault.home, '.vast_api_key'), 'utf8'), legacyKey);
	});

	test('the first vast login on a terminal offers the import', async () => {
		plant();
		const login = spawnDeck({env: vault.env, args: ['login', '--provider', 'vast']});
		try {
			await login.waitForText('Import it into authdeck? [y/N]');
			login.type('y\r');
			assert.equal((await login.waitForExit()).exitCode, 0);
		} finally {
			login.kill();
		}

		assert.match(login.screenText(), /added as vast/);
		assert.ok(!login.raw().includes(vastKey));
		assert.deepEqual(
			vault
				.read()
				.accounts.map((a) => a.alias)
				.sort(),
			['vast', 'vast-2'],
		);
	});

	test('switch with no argument on a terminal offers the import, then picks', async () => {
		plant();
		fs.rmSync(path.join(vault.home, '.vapi-cli.yaml'));
		const picker = spawnDeck({env: vault.env, args: ['switch']});
		try {
			await picker.waitForText("vast's own CLI keeps a key in");
			picker.type('y\r');
			await picker.waitForText('Type to filter');
			picker.press('escape');
			await picker.waitForExit();
		} finally {
			picker.kill();
		}

		assert.deepEqual(
			vault
				.read()
				.accounts.map((a) => a.alias)
				.sort(),
			['vast', 'vast-2'],
		);
	});
});
