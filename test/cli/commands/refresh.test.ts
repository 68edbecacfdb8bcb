/** Refresh against oidc-provider: rows 5 and 20-23 of security.md. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {nextSecret} from '../../../source/auth/claims.js';
import {OfflineError} from '../../../source/auth/http.js';
import type {Account} from '../../../source/domain.js';
import {freshToken} from '../../../source/services/fresh-token.js';
import {logoutAccount} from '../../../source/services/logout.js';
import {refreshAccount} from '../../../source/services/refresh.js';
import {findAccount} from '../../../source/store/selectors.js';
import {readAccountSecret} from '../../../source/vault/read-secret.js';
import {describeRun, requireBuild, root, runCli, TempVault} from '../../helpers/cli.js';
import {
	alice,
	bob,
	type IdentityProvider,
	publicClientId,
	startIdentityProvider,
} from '../../helpers/identity-provider.js';
import {
	addTestProvider,
	openTestContext,
	signInAs,
	type TestContext,
} from '../../helpers/sign-in.js';

const accountOf = (context: TestContext, id: string) =>
	findAccount(context.store.getState().vault, id) as Account;

describe('refresh in one process', {timeout: 120_000}, () => {
	let idp: IdentityProvider;
	let vault: TempVault;
	let context: TestContext;
	let first: Account;
	let second: Account;

	before(async () => {
		idp = await startIdentityProvider();
		vault = await TempVault.create();
		context = await openTestContext(vault);
		await addTestProvider(context, idp);
		first = await signInAs(context, alice, 'alice');
		second = await signInAs(context, bob, 'bob');
	});

	after(async () => {
		await idp.close();
		await vault.cleanup();
	});

	test('an API key does not refresh', async () => {
		await context.store.dispatch({
			type: 'account-saved',
			account: {
				id: 'apikeyaccount1',
				alias: 'key',
				providerId: 'vapi',
				organizations: [],
				environment: 'production',
				method: 'api-key',
				scopes: [],
				refreshable: false,
				createdAt: new Date().toISOString(),
			},
			aliasGiven: true,
			secret: {apiKey: 'sk-test_0123456789abcdef'},
			at: new Date().toISOString(),
		});
		await assert.rejects(
			refreshAccount(context, 'apikeyaccount1'),
			/API keys do not expire or refresh/,
		);
	});

	test('a rotated refresh token is saved before it is used (row 22)', async () => {
		const before = await readAccountSecret(context, first.id);
		const refreshed = await refreshAccount(context, first.id);
		const after = await readAccountSecret(context, first.id);
		assert.ok(after?.refreshToken && after.refreshToken !== before?.refreshToken);
		assert.ok(Date.parse(refreshed.tokenExpiresAt ?? '') > Date.now());
		// Stored on disk, not just in memory: a new context reads the new token.
		const other = await openTestContext(vault);
		assert.equal((await readAccountSecret(other, first.id))?.refreshToken, after.refreshToken);
	});

	test('a response without a refresh token keeps the old one (row 22)', () => {
		const kept = nextSecret(
			{accessToken: 'old-access', refreshToken: 'old-refresh', idToken: 'old-id'},
			{access_token: 'new-access', token_type: 'bearer'},
			Date.parse('2026-01-01T00:00:00Z'),
		);
		assert.deepEqual(kept, {
			accessToken: 'new-access',
			refreshToken: 'old-refresh',
			idToken: 'old-id',
			obtainedAt: '2026-01-01T00:00:00.000Z',
		});
	});

	test('an HTML 502 and a 10 MB body: clear errors, tokens kept, no sign-in mark (row 20)', async () => {
		const before = await readAccountSecret(context, first.id);
		idp.faults.push('html-502');
		await assert.rejects(refreshAccount(context, first.id), /HTTP 502/);
		idp.faults.push('huge-body');
		await assert.rejects(refreshAccount(context, first.id), /larger than 1 MB/);
		assert.deepEqual(await readAccountSecret(context, first.id), before);
		assert.equal(accountOf(context, first.id).needsSignIn, undefined);
	});

	test('invalid_grant marks only that account "sign in again" (row 20)', async () => {
		const bobBefore = await readAccountSecret(context, second.id);
		const secret = await readAccountSecret(context, first.id);
		await context.store.dispatch({
			type: 'tokens-updated',
			accountId: first.id,
			changes: {},
			secret: {...secret, refreshToken: 'not-a-refresh-token-the-provider-issued'},
		});
		await assert.rejects(refreshAccount(context, first.id), /sign in again/);
		assert.equal(accountOf(context, first.id).needsSignIn, true);
		assert.equal(accountOf(context, second.id).needsSignIn, undefined);
		assert.deepEqual(await readAccountSecret(context, second.id), bobBefore);
		await assert.rejects(freshToken(context, accountOf(context, first.id)), /must sign in again/);
	});

	test('automatic refresh only inside the refresh window', async () => {
		const before = await readAccountSecret(context, second.id);
		assert.equal(await freshToken(context, accountOf(context, second.id)), before?.accessToken);
		await context.store.dispatch({
			type: 'tokens-updated',
			accountId: second.id,
			changes: {tokenExpiresAt: new Date(Date.now() + 60_000).toISOString()},
		});
		const token = await freshToken(context, accountOf(context, second.id));
		assert.notEqual(token, before?.accessToken);
		assert.equal(token, (await readAccountSecret(context, second.id))?.accessToken);
	});

	test('logout: revocation answered 503 → forgotten anyway, with a warning (row 23)', async () => {
		idp.revocationDown = true;
		const result = await logoutAccount(context, accountOf(context, first.id));
		idp.revocationDown = false;
		assert.match(result.warnings.join('\n'), /server was not told.*503/);
		assert.equal(findAccount(context.store.getState().vault, first.id), undefined);
		assert.equal(await readAccountSecret(context, first.id), undefined);
	});

	test('network down: bounded retries, old tokens kept, an offline message; logout still forgets (rows 21, 23)', async () => {
		const before = await readAccountSecret(context, second.id);
		await idp.close();
		const requests: string[] = [];
		await assert.rejects(
			refreshAccount(context, second.id, {
				fetch: {delays: [10, 10], onRequest: (url) => requests.push(url)},
			}),
			(error: Error) => error instanceof OfflineError && /offline/.test(error.message),
		);
		assert.equal(requests.length, 3);
		assert.deepEqual(await readAccountSecret(context, second.id), before);
		assert.equal(accountOf(context, second.id).needsSignIn, undefined);

		// A command that needs the token gets the one that is still valid, with a warning.
		await context.store.dispatch({
			type: 'tokens-updated',
			accountId: second.id,
			changes: {tokenExpiresAt: new Date(Date.now() + 60_000).toISOString()},
		});
		const fast = {fetch: {delays: [1, 1]}};
		assert.equal(
			await freshToken(context, accountOf(context, second.id), fast),
			before?.accessToken,
		);
		assert.match(
			context.warnings.at(-1) ?? '',
			/offline.*using the current token until it expires/,
		);
		await context.store.dispatch({
			type: 'tokens-updated',
			accountId: second.id,
			changes: {tokenExpiresAt: new Date(Date.now() - 1000).toISOString()},
		});
		await assert.rejects(freshToken(context, accountOf(context, second.id), fast), OfflineError);

		const result = await logoutAccount(context, accountOf(context, second.id));
		assert.match(result.warnings.join('\n'), /server was not told/);
		assert.equal(findAccount(context.store.getState().vault, second.id), undefined);
	});
});

describe('two processes refreshing the same account (row 5)', {timeout: 180_000}, () => {
	let idp: IdentityProvider;
	let vault: TempVault;

	before(async () => {
		requireBuild();
		idp = await startIdentityProvider();
		vault = await TempVault.create('file', {
			env: {
				BROWSER: path.join(root, 'test', 'helpers', 'test-browser.sh'),
				AUTHDECK_TEST_USER: alice.email,
				AUTHDECK_TEST_PASSWORD: alice.password,
			},
		});
		const added = await runCli(
			['provider', 'add', 'acme', '--issuer', idp.issuer, '--client-id', publicClientId],
			{env: vault.env},
		);
		assert.equal(added.code, 0, describeRun(added));
		const login = await runCli(['login', '--provider', 'acme', '--alias', 'alice'], {
			env: vault.env,
		});
		assert.equal(login.code, 0, describeRun(login));
	});

	after(async () => {
		await idp.close().catch(() => undefined);
		await vault.cleanup();
	});

	/** Makes the stored token look as if it expires in ten seconds, inside the refresh window. */
	function expireSoon() {
		const config = JSON.parse(fs.readFileSync(vault.configFile, 'utf8'));
		config.accounts[0].tokenExpiresAt = new Date(Date.now() + 10_000).toISOString();
		fs.writeFileSync(vault.configFile, JSON.stringify(config));
	}

	test('a token inside the window, needed by two processes at once: one network refresh', async () => {
		for (let round = 0; round < 3; round++) {
			expireSoon();
			const refreshes = idp.counts.token.refresh_token ?? 0;
			const runs = await Promise.all([
				runCli(['whoami', '--json'], {env: vault.env}),
				runCli(['whoami', '--json'], {env: vault.env}),
			]);
			for (const run of runs) {
				assert.equal(run.code, 0, describeRun(run));
				assert.doesNotMatch(run.stderr, /invalid_grant|sign in again/);
			}

			assert.equal((idp.counts.token.refresh_token ?? 0) - refreshes, 1, `round ${round}`);
		}
	});

	test('two forced refreshes started together: one network refresh, both succeed', async () => {
		for (let round = 0; round < 3; round++) {
			const refreshes = idp.counts.token.refresh_token ?? 0;
			const runs = await Promise.all([
				runCli(['refresh', 'alice'], {env: vault.env}),
				runCli(['refresh', 'alice'], {env: vault.env}),
			]);
			for (const run of runs) {
				assert.equal(run.code, 0, describeRun(run));
			}

			assert.equal((idp.counts.token.refresh_token ?? 0) - refreshes, 1, `round ${round}`);
		}

		// One started after the other finished refreshes again.
		const refreshes = idp.counts.token.refresh_token ?? 0;
		const final = await runCli(['refresh', 'alice'], {env: vault.env});
		assert.equal(final.code, 0, describeRun(final));
		assert.equal((idp.counts.token.refresh_token ?? 0) - refreshes, 1);
	});

	test('the provider down: refresh fails with an offline message, tokens kept; whoami still answers', async () => {
		const secrets = fs.readFileSync(vault.secretsFile, 'utf8');
		await idp.close();
		const refresh = await runCli(['refresh', 'alice'], {env: vault.env});
		assert.equal(refresh.code, 1, describeRun(refresh));
		assert.match(
			refresh.stderr,
			/^authdeck: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\) after 3 attempts; .*offline.*stored tokens were kept\n$/,
		);
		assert.equal(fs.readFileSync(vault.secretsFile, 'utf8'), secrets);
		expireSoon();
		const who = await runCli(['whoami', '--json'], {env: vault.env});
		assert.equal(who.code, 0, describeRun(who));
		assert.equal(JSON.parse(who.stdout).user.email, alice.email);
		assert.match(who.stderr, /warning: .*offline/);
	});
});
