// The keychain backend against a real Secret Service (gnome-keyring under with-keyring.sh):
// security.md row 14 (exact round trip of big and multibyte secrets), row 12 (a keychain that
// never answers: the daemon is really stopped with SIGSTOP) and row 13 with a real fault (a
// keychain write that times out after the metadata was saved is rolled back).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import type {Account, AccountSecret} from '../../source/domain.js';
import {openContext} from '../../source/store/context.js';
import {readAccountSecret} from '../../source/vault/read-secret.js';
import {
	describeRun,
	jwtLike,
	login,
	multibyte,
	multibyteKey,
	type RunResult,
	requireBuild,
	runCli,
	stderrLines,
	TempVault,
} from '../helpers/cli.js';
import {keyringSkipReason, secretToolLookup, secretToolSearch} from '../helpers/keyring.js';
import {withKeyringStopped} from '../helpers/keyring-daemon.js';

const skip = keyringSkipReason();

type Stored = {accounts: Account[]; settings: {storage?: string}};

const storedVault = (vault: TempVault) =>
	JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as Stored;

/** Every `account:`/`credential:` key in the keychain now. */
function keychainKeys(): Set<string> {
	return new Set(
		[...secretToolSearch().matchAll(/^attribute\.account = (.+)$/gm)].map(
			(match) => match[1] ?? '',
		),
	);
}

/** Deletes what a test left in the shared throwaway keyring. */
async function deleteKeysSince(before: ReadonlySet<string>): Promise<void> {
	const {default: keytar} = await import('keytar');
	for (const key of keychainKeys()) {
		if (!before.has(key)) {
			await keytar.deletePassword('authdeck', key);
		}
	}
}

/** No file under the vault holds `secret`. */
function assertNotOnDisk(vault: TempVault, secret: string): void {
	for (const name of fs.readdirSync(vault.configDir)) {
		const file = path.join(vault.configDir, name);
		if (fs.statSync(file).isFile()) {
			assert.ok(!fs.readFileSync(file, 'utf8').includes(secret), `${name} holds no secret`);
		}
	}
}

describe('real keychain: exact round trip (row 14)', {skip}, () => {
	test('a 5 KB JWT-like key and a multibyte key through login and token --show', {
		timeout: 120_000,
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('keychain');
		const before = keychainKeys();
		try {
			const jwt = jwtLike(5 * 1024, 'keychain');
			assert.ok(jwt.length >= 5 * 1024);
			for (const [key, email] of [
				[jwt, 'jwt@example.com'],
				[multibyteKey, 'multi@example.com'],
			] as const) {
				const saved = await login(vault, key, ['--provider', 'vapi', '--email', email]);
				assert.equal(saved.code, 0, describeRun(saved));
				const account = storedVault(vault).accounts.find((a) => a.email === email);
				assert.ok(account);

				const shown = await runCli(['token', '--show', account.alias], {env: vault.env});
				assert.equal(shown.code, 0, describeRun(shown));
				assert.equal(shown.stdout, `${key}\n`, 'the key comes back byte for byte');

				// Seen by another Secret Service client, exactly as stored.
				const raw = secretToolLookup({service: 'authdeck', account: `account:${account.id}`});
				assert.deepEqual(JSON.parse(raw ?? 'null'), {apiKey: key});
				assertNotOnDisk(vault, key);
			}

			assert.equal(fs.existsSync(vault.secretsFile), false, 'no secrets file');
			assert.equal(storedVault(vault).settings.storage, 'keychain');
		} finally {
			await deleteKeysSince(before);
			await vault.cleanup();
		}
	});

	test('access, refresh and id tokens saved through the store come back identical', {
		timeout: 120_000,
	}, async () => {
		const vault = await TempVault.create('keychain');
		const before = keychainKeys();
		try {
			const secret: AccountSecret = {
				accessToken: jwtLike(5 * 1024, 'access'),
				refreshToken: `rt_${multibyte}`,
				idToken: jwtLike(2 * 1024, 'ïd-тест-🔑'),
			};
			const at = new Date().toISOString();
			const first = await openContext({env: vault.env, warn: () => undefined});
			await first.store.dispatch({
				type: 'account-saved',
				account: {
					id: 'roundtrip01',
					alias: 'oidc',
					providerId: 'vapi',
					email: 'oidc@example.com',
					organizations: [],
					environment: 'production',
					method: 'browser',
					scopes: ['openid'],
					refreshable: true,
					createdAt: at,
				},
				aliasGiven: true,
				secret,
				at,
			});

			// A fresh context reads it back from the keychain, not from memory.
			const second = await openContext({env: vault.env, warn: () => undefined});
			assert.equal((await second.backend()).store.kind, 'keychain');
			assert.deepEqual(await readAccountSecret(second, 'roundtrip01'), secret);
			const raw = secretToolLookup({service: 'authdeck', account: 'account:roundtrip01'});
			assert.equal(raw, JSON.stringify(secret));
			assertNotOnDisk(vault, secret.refreshToken as string);
		} finally {
			await deleteKeysSince(before);
			await vault.cleanup();
		}
	});
});

/** One line on stderr saying the keychain did not answer within 3 s; ended by itself, well before the harness would kill it. */
function assertKeychainTimeout(result: RunResult): void {
	assert.ok(result.code !== 0, describeRun(result));
	assert.ok(result.ms < 15_000, `ended by itself well under 15 s: ${describeRun(result)}`);
	// It did wait for the keychain: the error comes from the 3 s bound, not an instant failure.
	assert.ok(result.ms >= 2900, `waited for the 3 s timeout: ${describeRun(result)}`);
	const lines = stderrLines(result);
	assert.equal(lines.length, 1, describeRun(result));
	assert.match(
		lines[0] ?? '',
		/^authdeck: (could not move secrets to the file: )?keychain unavailable: .* did not answer within 3 s/,
	);
}

describe('real keychain that never answers (rows 12, 13)', {skip}, () => {
	test('token times out at 3 s and exits; login and a migration are refused and roll back; no silent switch to the file', {
		timeout: 240_000,
	}, async () => {
		requireBuild();
		// The first secret goes to the keychain because AUTHDECK_STORAGE says so; later runs do not
		// set it and must still know that the secrets are in the keychain.
		const seeded = await TempVault.create('keychain');
		const vault = seeded.withEnv({AUTHDECK_STORAGE: undefined});
		const key = 'sk-test_hangingKEYCHAIN00000001';
		const before = keychainKeys();
		try {
			const first = await login(seeded, key, ['--provider', 'vapi', '--email', 'a@example.com']);
			assert.equal(first.code, 0, describeRun(first));
			assert.equal(storedVault(vault).settings.storage, 'keychain', 'the choice is remembered');
			const config = fs.readFileSync(vault.configFile);

			await withKeyringStopped(async () => {
				const token = await runCli(['token', '--show'], {env: vault.env, timeout: 60_000});
				assertKeychainTimeout(token);
				assert.ok(!token.stdout.includes(key));

				// What needs no secret still works while the keychain hangs.
				const status = await runCli(['status'], {env: vault.env, timeout: 60_000});
				assert.equal(status.code, 0, describeRun(status));
				assert.match(status.stdout, /Storage: keychain/);

				const added = await login(
					vault,
					'sk-test_hangingKEYCHAIN00000002',
					['--provider', 'vapi', '--email', 'b@example.com'],
					{timeout: 60_000},
				);
				assertKeychainTimeout(added);

				const moved = await runCli(['config', 'set', 'storage', 'file'], {
					env: vault.env,
					timeout: 60_000,
				});
				assertKeychainTimeout(moved);

				// Rolled back and not redirected: the metadata is as before, nothing went to a file.
				assert.ok(fs.readFileSync(vault.configFile).equals(config), 'config.json unchanged');
				assert.equal(fs.existsSync(vault.secretsFile), false, 'no secret was put in the file');
			});

			// Once the keychain answers again, everything is where it was.
			const token = await runCli(['token', '--show'], {env: vault.env});
			assert.equal(token.code, 0, describeRun(token));
			assert.equal(token.stdout, `${key}\n`);
			const stored = storedVault(vault);
			assert.deepEqual(
				stored.accounts.map((account) => account.email),
				['a@example.com'],
				'no account without its secret',
			);
		} finally {
			await deleteKeysSince(before);
			await vault.cleanup();
		}
	});
});
