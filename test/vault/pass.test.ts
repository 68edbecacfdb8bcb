// The pass backend on the real `pass` and `gpg`: a throwaway GnuPG home and password store per test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {passEntry, passStore} from '../../source/vault/pass.js';
import {PassError} from '../../source/vault/pass-run.js';
import {PassHome, passSkipReason, wrapTool} from '../helpers/pass-home.js';

describe('pass secret store', {skip: passSkipReason()}, () => {
	let base: string;
	let member: PassHome;
	let env: NodeJS.ProcessEnv;
	beforeEach(() => {
		base = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-pass-'));
		member = PassHome.create(base, 'alice');
		env = {PATH: process.env.PATH, HOME: base, ...member.env};
	});
	afterEach(() => {
		member.cleanup();
		fs.rmSync(base, {recursive: true, force: true});
	});

	test('keys map to entries under authdeck/, and nothing else reaches a path', () => {
		assert.equal(passEntry('account:abc_1-2'), 'authdeck/account/abc_1-2');
		assert.equal(passEntry('credential:cred_x'), 'authdeck/credential/cred_x');
		for (const bad of ['account:../x', 'account:a/b', '../x', 'account:', '']) {
			assert.throws(() => passEntry(bad), /not a secret key/);
		}
	});

	// Security row 14: a 5 KB JWT plus refresh token, multibyte characters, newlines: exact round trip.
	test('a large, multibyte, multi-line secret round-trips exactly, encrypted on disk', async () => {
		const store = passStore(env);
		const value = JSON.stringify({
			accessToken: `eyJ${'a'.repeat(5000)}.é✓🔑`,
			refreshToken: 'line one\nline two\n',
		});
		assert.equal(await store.get('account:a1'), undefined);
		await store.set('account:a1', value);
		assert.equal(await store.get('account:a1'), value);
		assert.equal(member.show('authdeck/account/a1'), value);
		assert.deepEqual(member.entries(), ['authdeck/account/a1']);
		for (const bytes of member.entryFiles()) {
			assert.ok(!bytes.includes('refreshToken'), 'no plaintext on disk');
			// An OpenPGP packet: the high bit of the first byte is set (ASCII text never has it).
			assert.ok(((bytes[0] as number) & 0x80) !== 0);
		}

		await store.set('account:a1', 'second');
		assert.equal(await store.get('account:a1'), 'second');
		assert.equal(await store.delete('account:a1'), true);
		assert.equal(await store.delete('account:a1'), false);
		assert.equal(await store.get('account:a1'), undefined);
		assert.deepEqual(member.entries(), []);
	});

	test('the secret is never in the argv of pass or gpg', async () => {
		const log = path.join(base, 'argv.log');
		const record = `printf '%s\\n' "$0 $*" >> ${log}`;
		wrapTool(base, 'pass', record);
		const bin = wrapTool(base, 'gpg', record);
		const store = passStore({...env, PATH: `${bin}:${env.PATH}`});
		const secret = 'sk-argv_9f8e7d6c5b4a';
		await store.set('account:argv', secret);
		assert.equal(await store.get('account:argv'), secret);
		await store.delete('account:argv');
		const logged = fs.readFileSync(log, 'utf8');
		assert.match(logged, /pass insert --multiline --force authdeck\/account\/argv/);
		assert.match(logged, /pass show authdeck\/account\/argv/);
		assert.match(logged, /pass rm --force authdeck\/account\/argv/);
		assert.match(logged, /gpg .*-e/, 'gpg ran through the wrapper too');
		assert.ok(!logged.includes(secret), logged);
		assert.ok(!logged.includes('9f8e7d6c'));
	});

	test('a store not initialised: one line naming the directory, and nothing made in it', async () => {
		const dir = path.join(base, 'empty-store');
		const store = passStore({...env, PASSWORD_STORE_DIR: dir});
		for (const call of [() => store.set('account:x', 'v'), () => store.get('account:x')]) {
			await assert.rejects(call, (error: Error) => {
				assert.ok(error instanceof PassError);
				assert.equal(error.exitCode, 3);
				assert.match(error.message, new RegExp(`password store at ${dir} is not initialised`));
				assert.match(error.message, /pass init/);
				return true;
			});
		}

		assert.ok(!fs.existsSync(dir));
	});

	test('pass missing from PATH: one line saying so', async () => {
		const empty = path.join(base, 'no-tools');
		fs.mkdirSync(empty);
		const store = passStore({...env, PATH: empty});
		await assert.rejects(store.set('account:x', 'v'), (error: Error) => {
			assert.ok(error instanceof PassError);
			assert.match(error.message, /^pass is not installed \(no `pass` command on PATH\)/);
			return true;
		});
	});

	test("an entry encrypted to someone else's key says whose key it is", async () => {
		await passStore(env).set('account:shared', 'secret');
		const bob = PassHome.create(base, 'bob', {init: false});
		try {
			const store = passStore({...env, GNUPGHOME: bob.gnupgHome});
			await assert.rejects(store.get('account:shared'), (error: Error) => {
				assert.ok(error instanceof PassError);
				assert.match(
					error.message,
					new RegExp(
						`^cannot decrypt authdeck/account/shared: it is encrypted to ${member.fingerprint} \\(from .*\\.gpg-id\\)`,
					),
				);
				assert.ok(!error.message.includes('secret'.repeat(2)));
				return true;
			});
		} finally {
			bob.cleanup();
		}
	});

	test('a key whose passphrase nobody can be asked for is not called missing', async () => {
		const carol = PassHome.create(base, 'carol', {passphrase: 'correct horse'});
		try {
			const store = passStore({...env, ...carol.env});
			await store.set('account:locked', 'v');
			await assert.rejects(store.get('account:locked'), (error: Error) => {
				assert.ok(error instanceof PassError);
				assert.match(
					error.message,
					new RegExp(
						`^cannot decrypt authdeck/account/locked: your key ${carol.fingerprint} is one of its recipients, but gpg could not use it .*run pass show authdeck/account/locked in this terminal$`,
					),
				);
				return true;
			});
		} finally {
			carol.cleanup();
		}
	});

	test('a store whose .gpg-id names a key nobody has: the write fails naming that key', async () => {
		const missing = 'DEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEF';
		fs.writeFileSync(path.join(member.storeDir, '.gpg-id'), `${missing}\n`);
		await assert.rejects(passStore(env).set('account:x', 'v'), (error: Error) => {
			assert.ok(error instanceof PassError);
			assert.match(error.message, new RegExp(`cannot encrypt authdeck/account/x to ${missing}`));
			assert.match(error.message, new RegExp(`no public key for ${missing}`));
			return true;
		});
		assert.deepEqual(member.entries(), []);
	});

	test('a call that never answers ends at the timeout, with the gpg it started', async () => {
		const pidFile = path.join(base, 'sleeper.pid');
		const bin = wrapTool(base, 'pass', `sleep 60 & echo $! > ${pidFile}; wait`);
		const store = passStore({...env, PATH: `${bin}:${env.PATH}`, AUTHDECK_PASS_TIMEOUT: '1'});
		const started = Date.now();
		await assert.rejects(store.set('account:x', 'v'), (error: Error) => {
			assert.ok(error instanceof PassError);
			assert.match(
				error.message,
				/^the password store did not answer within 1 s \(saving a secret\)/,
			);
			return true;
		});
		const took = Date.now() - started;
		assert.ok(took >= 900 && took < 5000, `took ${took} ms`);
		const pid = Number(fs.readFileSync(pidFile, 'utf8'));
		await new Promise((resolve) => setTimeout(resolve, 200));
		// Gone, or a zombie left for a PID 1 that does not reap: either way no longer running.
		const stat = path.join('/proc', String(pid), 'stat');
		const state = fs.existsSync(stat) ? fs.readFileSync(stat, 'utf8').split(') ')[1]?.[0] : 'gone';
		assert.ok(state === 'gone' || state === 'Z', `the process group was killed (state ${state})`);
	});

	test('AUTHDECK_PASS_TIMEOUT out of range is refused', () => {
		for (const bad of ['0', '601', 'soon', '1.5']) {
			assert.throws(
				() => passStore({...env, AUTHDECK_PASS_TIMEOUT: bad}),
				/AUTHDECK_PASS_TIMEOUT must be a whole number of seconds from 1 to 600/,
			);
		}
	});
});
