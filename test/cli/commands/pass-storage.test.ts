// The pass backend through the built binary, on the real `pass` and `gpg`: sign in, read, log out,
// move secrets between keychain, file and pass (all or nothing), and each failure in one line.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {oneErrorLine, plantedKey, TempVault} from '../../helpers/cli.js';
import {keyringAvailable, secretToolSearch} from '../../helpers/keyring.js';
import {PassHome, passSkipReason, wrapTool} from '../../helpers/pass-home.js';

describe('storage pass', {skip: passSkipReason()}, () => {
	let vault: TempVault;
	let alice: PassHome;
	/** The vault with alice's key and store, the backend named by the `storage` setting. */
	let member: TempVault;
	beforeEach(async () => {
		vault = await TempVault.create();
		alice = PassHome.create(vault.base, 'alice');
		member = vault.withEnv({...alice.env, AUTHDECK_STORAGE: undefined});
	});
	afterEach(async () => {
		alice.cleanup();
		await vault.cleanup();
	});

	const secretOf = (key: string) => JSON.stringify({apiKey: key});

	test('AUTHDECK_STORAGE=pass: login stores into pass, encrypted; token reads it; logout removes it', async () => {
		const withPass = member.withEnv({AUTHDECK_STORAGE: 'pass'});
		const key = plantedKey();
		const prod = await withPass.login(key, ['--provider', 'vapi', '--alias', 'prod']);
		assert.deepEqual(alice.entries(), [`authdeck/account/${prod.id}`]);
		assert.equal(alice.show(`authdeck/account/${prod.id}`), secretOf(key));
		// Nowhere in plaintext: not the store, the GnuPG home, the config directory or HOME.
		assert.deepEqual(vault.filesContaining(key, vault.base), []);
		assert.ok(!fs.existsSync(vault.secretsFile));

		assert.equal((await withPass.ok(['token', '--show'])).stdout, `${key}\n`);
		assert.match((await withPass.ok(['status'])).stdout, /^ {2}Storage: pass$/m);
		assert.equal((await withPass.ok(['config', 'get', 'storage'])).stdout, 'pass\n');
		const doctor = await withPass.run(['doctor']);
		assert.match(
			doctor.stdout,
			new RegExp(
				`ok +pass: the pass store at ${alice.storeDir} is encrypted to ${alice.fingerprint}; your secret key ${alice.fingerprint} is present`,
			),
		);
		assert.match(doctor.stdout, /ok +secrets: 1 secret in the pass store, none left over/);

		// A copy left in the file (a move killed before its deletes) is found, and removed by --fix.
		fs.writeFileSync(
			vault.secretsFile,
			JSON.stringify({version: 1, entries: {[`account:${prod.id}`]: secretOf(key)}}),
			{mode: 0o600},
		);
		assert.match(
			(await withPass.run(['doctor'])).stdout,
			/warn +secrets: 1 secret is also in the file, which is not in use \(storage: pass\)/,
		);
		await withPass.run(['doctor', '--fix']);
		assert.deepEqual(vault.fileSecrets(), {});
		assert.equal(alice.show(`authdeck/account/${prod.id}`), secretOf(key));

		await withPass.ok(['logout', 'prod', '--yes']);
		assert.deepEqual(alice.entries(), []);
		assert.deepEqual(vault.config().accounts, []);
	});

	test(`file -> pass -> ${keyringAvailable ? 'keychain' : 'file'}: every secret moves, readable all along, in one place at a time`, async () => {
		await member.ok(['config', 'set', 'storage', 'file']);
		const key = plantedKey();
		const other = plantedKey('');
		const prod = await member.login(key, ['--provider', 'vapi', '--alias', 'prod']);
		const gpu = await member.login(other, ['--provider', 'vast', '--alias', 'gpu']);

		const toPass = await member.ok(['config', 'set', 'storage', 'pass']);
		assert.equal(toPass.stdout, 'moved 2 secrets from the file to the pass store\n');
		assert.equal(vault.config().settings.storage, 'pass');
		assert.deepEqual(vault.fileSecrets(), {});
		assert.deepEqual(
			alice.entries(),
			[`authdeck/account/${gpu.id}`, `authdeck/account/${prod.id}`].sort(),
		);
		assert.equal(alice.show(`authdeck/account/${gpu.id}`), secretOf(other));
		assert.deepEqual(vault.filesContaining(key, vault.base), []);
		assert.equal((await member.ok(['token', '--show', 'prod'])).stdout, `${key}\n`);
		assert.equal(
			(await member.ok(['config', 'set', 'storage', 'pass'])).stdout,
			'secrets are already stored in the pass store\n',
		);

		const next = keyringAvailable ? 'keychain' : 'file';
		const away = await member.ok(['config', 'set', 'storage', next]);
		assert.equal(away.stdout, `moved 2 secrets from the pass store to the ${next}\n`);
		assert.deepEqual(alice.entries(), []);
		assert.equal(vault.config().settings.storage, next);
		if (next === 'keychain') {
			assert.ok(secretToolSearch().includes(key));
		} else {
			assert.deepEqual(vault.fileSecrets()[`account:${prod.id}`], secretOf(key));
		}

		assert.equal((await member.ok(['token', '--show', 'gpu'])).stdout, `${other}\n`);
		assert.ok(!fs.existsSync(path.join(vault.configDir, 'pending.json')));
	});

	test('file -> pass failing at the second secret leaves the file, the setting and the store as they were', async () => {
		await member.ok(['config', 'set', 'storage', 'file']);
		const key = plantedKey();
		await member.login(key, ['--provider', 'vapi', '--alias', 'prod']);
		await member.login(plantedKey(), ['--provider', 'vast', '--alias', 'gpu']);
		const before = {config: vault.config(), secrets: vault.fileSecrets()};
		const count = path.join(vault.base, 'inserts');
		const bin = wrapTool(
			vault.base,
			'pass',
			`if [ "$1" = insert ]; then n=$(($(cat ${count} 2>/dev/null || echo 0) + 1)); echo $n > ${count}; if [ $n -ge 2 ]; then echo 'gpg: injected: disk full' >&2; exit 2; fi; fi`,
		);
		const broken = member.withEnv({PATH: `${bin}:${process.env.PATH}`});

		const line = oneErrorLine(await broken.run(['config', 'set', 'storage', 'pass']));
		assert.match(
			line,
			/^authdeck: could not move secrets to the pass store: the password store failed while saving a secret \(gpg: injected: disk full\); nothing was changed$/,
		);
		assert.equal(
			fs.readFileSync(count, 'utf8').trim(),
			'2',
			'the first secret was written before the failure',
		);
		assert.deepEqual(alice.entries(), [], 'the copy that was made is removed again');
		assert.deepEqual(vault.config(), before.config);
		assert.deepEqual(vault.fileSecrets(), before.secrets);
		assert.ok(!fs.existsSync(path.join(vault.configDir, 'pending.json')));
		assert.equal((await member.ok(['token', '--show', 'prod'])).stdout, `${key}\n`);
	});

	test('pass -> file failing at the second read leaves every secret in pass and the setting on pass', async () => {
		await member.ok(['config', 'set', 'storage', 'pass']);
		const key = plantedKey();
		await member.login(key, ['--provider', 'vapi', '--alias', 'prod']);
		await member.login(plantedKey(), ['--provider', 'vast', '--alias', 'gpu']);
		const before = {config: vault.config(), entries: alice.entries()};
		const count = path.join(vault.base, 'shows');
		const bin = wrapTool(
			vault.base,
			'pass',
			`if [ "$1" = show ]; then n=$(($(cat ${count} 2>/dev/null || echo 0) + 1)); echo $n > ${count}; if [ $n -ge 2 ]; then echo 'gpg: injected: read error' >&2; exit 2; fi; fi`,
		);
		const broken = member.withEnv({PATH: `${bin}:${process.env.PATH}`});

		const line = oneErrorLine(await broken.run(['config', 'set', 'storage', 'file']));
		assert.match(
			line,
			/could not move secrets to the file: the password store failed while reading a secret \(gpg: injected: read error\); nothing was changed$/,
		);
		assert.deepEqual(vault.config(), before.config);
		assert.deepEqual(alice.entries(), before.entries);
		assert.deepEqual(vault.fileSecrets(), {}, 'the copy that was made is removed again');
		assert.equal((await member.ok(['token', '--show', 'prod'])).stdout, `${key}\n`);
	});

	test('a store whose .gpg-id names a key nobody has: the move is refused naming that key, nothing changed', async () => {
		await member.ok(['config', 'set', 'storage', 'file']);
		const key = plantedKey();
		await member.login(key, ['--provider', 'vapi', '--alias', 'prod']);
		const before = {config: vault.config(), secrets: vault.fileSecrets()};
		const stranger = 'DEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEF';
		fs.writeFileSync(path.join(alice.storeDir, '.gpg-id'), `${stranger}\n`);

		const result = await member.run(['config', 'set', 'storage', 'pass']);
		assert.match(
			oneErrorLine(result),
			new RegExp(
				`cannot encrypt authdeck/account/\\S+ to ${stranger} \\(from ${alice.storeDir}/\\.gpg-id\\): no public key for ${stranger}`,
			),
		);
		assert.deepEqual(vault.config(), before.config);
		assert.deepEqual(vault.fileSecrets(), before.secrets);
		assert.deepEqual(alice.entries(), []);
	});

	test('pass missing from PATH: one line, exit 3, nothing saved', async () => {
		const empty = path.join(vault.base, 'empty-bin');
		fs.mkdirSync(empty);
		const noPass = member.withEnv({PATH: empty, AUTHDECK_STORAGE: 'pass'});
		const result = await noPass.run(['login', '--with-token', '--provider', 'vapi'], {
			input: plantedKey(),
		});
		assert.equal(result.code, 3);
		assert.match(
			oneErrorLine(result),
			/^authdeck: pass is not installed \(no `pass` command on PATH\); install it .* or choose another store: authdeck config set storage file$/,
		);
		assert.ok(!fs.existsSync(vault.configFile) || vault.config().accounts.length === 0);

		await member.ok(['config', 'set', 'storage', 'file']);
		const moved = await member.withEnv({PATH: empty}).run(['config', 'set', 'storage', 'pass']);
		assert.equal(moved.code, 3);
		assert.match(oneErrorLine(moved), /pass is not installed/);
		assert.equal(vault.config().settings.storage, 'file');
	});

	test('a store not initialised: one line naming it, exit 3, nothing saved', async () => {
		const fresh = path.join(vault.base, 'fresh-store');
		const result = await member
			.withEnv({AUTHDECK_STORAGE: 'pass', PASSWORD_STORE_DIR: fresh})
			.run(['login', '--with-token', '--provider', 'vapi'], {input: plantedKey()});
		assert.equal(result.code, 3);
		assert.match(
			oneErrorLine(result),
			new RegExp(`the password store at ${fresh} is not initialised: run pass init`),
		);
		assert.ok(!fs.existsSync(fresh));
		assert.ok(!fs.existsSync(vault.configFile) || vault.config().accounts.length === 0);
	});

	test("a member without the store's key is told whose key it is encrypted to", async () => {
		await member.ok(['config', 'set', 'storage', 'pass']);
		const key = plantedKey();
		const prod = await member.login(key, ['--provider', 'vapi', '--alias', 'prod']);
		const bob = PassHome.create(vault.base, 'bob', {init: false});
		try {
			const asBob = member.withEnv({GNUPGHOME: bob.gnupgHome});
			const result = await asBob.run(['token', '--show']);
			assert.equal(result.code, 3);
			const line = oneErrorLine(result);
			assert.match(
				line,
				new RegExp(
					`^authdeck: cannot decrypt authdeck/account/${prod.id}: it is encrypted to ${alice.fingerprint} \\(from ${alice.storeDir}/\\.gpg-id\\)`,
				),
			);
			assert.ok(!line.includes(key));
			const doctor = await asBob.run(['doctor']);
			assert.match(
				doctor.stdout,
				new RegExp(
					`error +pass: no GPG secret key for the pass store's recipients ${alice.fingerprint}`,
				),
			);
		} finally {
			bob.cleanup();
		}
	});

	test('a pass that never answers: one line at the timeout, exit 3, and the command ends', async () => {
		const withPass = member.withEnv({AUTHDECK_STORAGE: 'pass'});
		const key = plantedKey();
		await withPass.login(key, ['--provider', 'vapi', '--alias', 'prod']);
		const bin = wrapTool(vault.base, 'pass', 'sleep 60');
		const hung = withPass.withEnv({PATH: `${bin}:${process.env.PATH}`, AUTHDECK_PASS_TIMEOUT: '1'});
		const result = await hung.run(['token', '--show'], {timeout: 15_000});
		assert.equal(result.code, 3);
		assert.match(
			oneErrorLine(result),
			/^authdeck: the password store did not answer within 1 s \(reading a secret\)/,
		);
		assert.ok(result.ms < 8000, `took ${result.ms} ms`);
		assert.equal((await withPass.ok(['token', '--show'])).stdout, `${key}\n`);
	});

	test('no secret in the argv of pass or gpg, through login, token, a move and logout', async () => {
		const log = path.join(vault.base, 'argv.log');
		const record = `printf '%s\\n' "$0 $*" >> ${log}`;
		wrapTool(vault.base, 'pass', record);
		const bin = wrapTool(vault.base, 'gpg', record);
		const watched = member.withEnv({PATH: `${bin}:${process.env.PATH}`});
		await watched.ok(['config', 'set', 'storage', 'pass']);
		const key = plantedKey();
		await watched.login(key, ['--provider', 'vapi', '--alias', 'prod']);
		assert.equal((await watched.ok(['token', '--show'])).stdout, `${key}\n`);
		await watched.ok(['config', 'set', 'storage', 'file']);
		await watched.ok(['config', 'set', 'storage', 'pass']);
		await watched.ok(['logout', 'prod', '--yes']);
		const logged = fs.readFileSync(log, 'utf8');
		for (const call of ['insert --multiline --force', 'show', 'rm --force']) {
			assert.ok(logged.includes(`pass ${call} authdeck/account/`), `pass ${call} ran`);
		}

		assert.match(logged, /\/gpg /);
		assert.ok(!logged.includes(key), logged);
		assert.ok(!logged.includes(key.slice(-12)));
	});
});
