/**
 * Browser sign-in, concurrent refresh and logout with the tokens in the real Secret Service
 * (gnome-keyring started by with-keyring.sh), through the built binary.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {describeRun, requireBuild, root, runCli, TempVault} from '../../helpers/cli.js';
import {
	alice,
	type IdentityProvider,
	publicClientId,
	startIdentityProvider,
} from '../../helpers/identity-provider.js';
import {keyringSkipReason} from '../../helpers/keyring.js';

const skip = keyringSkipReason();

describe('sign-in with the keychain backend', {skip, timeout: 180_000}, () => {
	let idp: IdentityProvider;
	let vault: TempVault;
	const cli = (args: string[]) => runCli(args, {env: vault.env});

	before(async () => {
		requireBuild();
		idp = await startIdentityProvider();
		vault = await TempVault.create('keychain', {
			env: {
				BROWSER: path.join(root, 'test', 'helpers', 'test-browser.sh'),
				AUTHDECK_TEST_USER: alice.email,
				AUTHDECK_TEST_PASSWORD: alice.password,
			},
		});
		const added = await cli([
			'provider',
			'add',
			'acme',
			'--issuer',
			idp.issuer,
			'--client-id',
			publicClientId,
		]);
		assert.equal(added.code, 0, describeRun(added));
	});

	after(async () => {
		await idp.close();
		await vault.cleanup();
	});

	test('signs in, refreshes once for two processes, logs out with revocation; no token on disk', async () => {
		const login = await cli(['login', '--provider', 'acme', '--alias', 'alice']);
		assert.equal(login.code, 0, describeRun(login));
		assert.equal(
			fs.existsSync(vault.secretsFile),
			false,
			'no secrets file with the keychain backend',
		);

		const config = JSON.parse(fs.readFileSync(vault.configFile, 'utf8'));
		config.accounts[0].tokenExpiresAt = new Date(Date.now() + 10_000).toISOString();
		fs.writeFileSync(vault.configFile, JSON.stringify(config));
		const refreshes = idp.counts.token.refresh_token ?? 0;
		const runs = await Promise.all([cli(['whoami', '--json']), cli(['whoami', '--json'])]);
		for (const run of runs) {
			assert.equal(run.code, 0, describeRun(run));
		}

		assert.equal((idp.counts.token.refresh_token ?? 0) - refreshes, 1);
		const revocations = idp.counts.revocations;
		const logout = await cli(['logout', 'alice', '--yes']);
		assert.equal(logout.code, 0, describeRun(logout));
		assert.equal(idp.counts.revocations - revocations, 2);
	});
});
