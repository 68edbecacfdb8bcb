/**
 * logout and token when the secret cannot be reached, with real parts: a gnome-keyring daemon stopped
 * with SIGSTOP (every D-Bus call hangs), a keyring really locked over D-Bus (in a throwaway keyring of
 * its own, so the run's shared one stays unlocked), and an encrypted secrets.json with a wrong or
 * missing AUTHDECK_PASSPHRASE. The account and its secret must survive each; the exit code is the
 * documented one (3 for the keychain), within the 3 s keychain bound, in one line.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {
	describeRun,
	login,
	requireBuild,
	root,
	runCli,
	stderrLines,
	TempVault,
} from '../../helpers/cli.js';
import {keyringSkipReason, secretToolLookup} from '../../helpers/keyring.js';
import {withKeyringStopped} from '../../helpers/keyring-daemon.js';

const skip = keyringSkipReason();
const key = 'sk-test_logoutKEYCHAIN000000001';

const accountIds = (config: string) =>
	(JSON.parse(fs.readFileSync(config, 'utf8')) as {accounts: Array<{id: string}>}).accounts.map(
		(account) => account.id,
	);

describe('logout and token against a keychain that does not answer', {
	skip,
	timeout: 120_000,
}, () => {
	test('exit 3 after the 3 s bound, one line, the account and the secret kept', async () => {
		requireBuild();
		const vault = await TempVault.create('keychain');
		try {
			const saved = await login(vault, key, ['--provider', 'vapi', '--email', 'k@example.com']);
			assert.equal(saved.code, 0, describeRun(saved));
			const [id] = accountIds(vault.configFile);
			await withKeyringStopped(async () => {
				for (const args of [
					['logout', '--yes'],
					['token', '--show'],
				]) {
					const run = await runCli(args, {env: vault.env, timeout: 60_000});
					assert.equal(run.code, 3, describeRun(run));
					assert.ok(run.ms >= 2900 && run.ms < 8000, `ended at the 3 s bound: ${describeRun(run)}`);
					const lines = stderrLines(run);
					assert.equal(lines.length, 1, describeRun(run));
					assert.match(lines[0] ?? '', /^authdeck: .*did not answer within 3 s/);
					assert.ok(!run.stdout.includes(key) && !run.stderr.includes(key));
				}
			});

			assert.deepEqual(accountIds(vault.configFile), [id], 'the account is kept');
			const stored = secretToolLookup({service: 'authdeck', account: `account:${id}`});
			assert.deepEqual(JSON.parse(stored ?? 'null'), {apiKey: key}, 'and its secret');

			// Once the keychain answers, logout deletes both.
			const done = await runCli(['logout', '--yes'], {env: vault.env});
			assert.equal(done.code, 0, describeRun(done));
			assert.equal(secretToolLookup({service: 'authdeck', account: `account:${id}`}), undefined);
		} finally {
			await vault.cleanup();
		}
	});
});

/** Runs `script` (bash) inside a fresh throwaway keyring of its own; returns its output. */
function inOwnKeyring(script: string, env: NodeJS.ProcessEnv) {
	return spawnSync('bash', [path.join(root, 'scripts', 'with-keyring.sh'), 'bash', '-c', script], {
		env,
		encoding: 'utf8',
		timeout: 90_000,
	});
}

describe('a locked keyring', {skip, timeout: 120_000}, () => {
	test('is said to be locked, with how to unlock it; logout keeps the account', async () => {
		requireBuild();
		const vault = await TempVault.create('keychain');
		try {
			const authdeck = `"${process.execPath}" "${path.join(root, 'dist', 'authdeck.cjs')}"`;
			const result = inOwnKeyring(
				[
					'set -u',
					`printf %s '${key}' | ${authdeck} login --with-token --provider vapi --email l@example.com >/dev/null || exit 10`,
					// Service.Lock on the login collection, as a screen lock or a timeout does.
					'gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets --method org.freedesktop.Secret.Service.Lock "[\'/org/freedesktop/secrets/collection/login\']" >/dev/null || exit 11',
					`${authdeck} token --show; echo "token=$?"`,
					`${authdeck} logout --yes; echo "logout=$?"`,
					`${authdeck} status --json >/dev/null; echo "status=$?"`,
				].join('\n'),
				vault.env,
			);
			const output = `${result.stdout}${result.stderr}`;
			assert.equal(result.status, 0, output);
			assert.match(result.stdout, /token=3/, output);
			assert.match(result.stdout, /logout=3/, output);
			const said = result.stderr.split('\n').filter((line) => line.startsWith('authdeck:'));
			assert.equal(said.length, 2, output);
			for (const line of said) {
				assert.match(line, /the keyring is locked: unlock it/);
				assert.doesNotMatch(line, /no secret is stored|sign in again/);
			}
			assert.ok(!output.includes(key));
			assert.equal(accountIds(vault.configFile).length, 1, 'logout kept the account');
		} finally {
			await vault.cleanup();
		}
	});
});
