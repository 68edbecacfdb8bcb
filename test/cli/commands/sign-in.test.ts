/**
 * Every sign-in flow through the built binary (dist/authdeck.cjs) against a real OpenID provider
 * (oidc-provider on 127.0.0.1), with the scripted browser standing in for the user's.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {
	describeRun,
	type RunResult,
	requireBuild,
	root,
	runCli,
	TempVault,
} from '../../helpers/cli.js';
import {
	alice,
	type IdentityProvider,
	publicClientId,
	serviceClientId,
	serviceClientSecret,
	startIdentityProvider,
} from '../../helpers/identity-provider.js';
import {startCli} from '../../helpers/spawn-cli.js';
import {TestBrowser} from '../../helpers/test-browser.js';

const browserScript = path.join(root, 'test', 'helpers', 'test-browser.sh');

type Secrets = Record<string, {accessToken?: string; refreshToken?: string; idToken?: string}>;

function readSecrets(vault: TempVault): Secrets {
	const file = JSON.parse(fs.readFileSync(vault.secretsFile, 'utf8')) as {
		entries: Record<string, string>;
	};
	return Object.fromEntries(
		Object.entries(file.entries).map(([key, value]) => [key, JSON.parse(value)]),
	) as Secrets;
}

function rawTokens(vault: TempVault): string[] {
	return Object.values(readSecrets(vault)).flatMap((secret) =>
		[secret.accessToken, secret.refreshToken, secret.idToken].filter(
			(token): token is string => typeof token === 'string',
		),
	);
}

/** Row 2: no raw token in any output, nor in any file of the vault but the secret store. */
function assertNoTokenLeak(
	vault: TempVault,
	runs: readonly RunResult[],
	tokens: readonly string[],
) {
	const files = fs
		.readdirSync(vault.configDir, {recursive: true})
		.map((name) => path.join(vault.configDir, String(name)))
		.filter((file) => fs.statSync(file).isFile() && file !== vault.secretsFile);
	for (const token of tokens) {
		for (const run of runs) {
			assert.ok(!run.stdout.includes(token), `token in stdout:\n${describeRun(run)}`);
			assert.ok(!run.stderr.includes(token), `token in stderr:\n${describeRun(run)}`);
		}

		for (const file of files) {
			assert.ok(!fs.readFileSync(file, 'utf8').includes(token), `token in ${file}`);
		}
	}
}

describe('sign-in through the built binary', {timeout: 240_000}, () => {
	let idp: IdentityProvider;
	let vault: TempVault;
	const runs: RunResult[] = [];
	const cli = async (args: string[], env: NodeJS.ProcessEnv = vault.env) => {
		const result = await runCli(args, {env, timeout: 60_000});
		runs.push(result);
		return result;
	};

	before(async () => {
		requireBuild();
		idp = await startIdentityProvider();
		vault = await TempVault.create('file', {
			env: {
				BROWSER: browserScript,
				AUTHDECK_TEST_USER: alice.email,
				AUTHDECK_TEST_PASSWORD: alice.password,
			},
		});
		vault.env.AUTHDECK_TEST_BROWSER_LOG = path.join(vault.base, 'browser.log');
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

	test('plain http issuers are refused unless on loopback', async () => {
		const result = await cli([
			'provider',
			'add',
			'evil',
			'--issuer',
			'http://example.com',
			'--client-id',
			'x',
		]);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /only accepted on loopback/);
	});

	test('browser: PKCE, loopback callback, tokens stored, profile and orgs from the claims', async () => {
		const result = await cli(['login', '--provider', 'acme', '--alias', 'alice', '--json']);
		assert.equal(result.code, 0, describeRun(result));
		assert.match(result.stderr, /Open this URL to sign in/);
		const url = new URL(/(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(result.stderr)?.[1] ?? '');
		assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
		assert.match(
			url.searchParams.get('redirect_uri') ?? '',
			/^http:\/\/127\.0\.0\.1:\d+\/callback$/,
		);
		const account = JSON.parse(result.stdout);
		assert.equal(account.email, 'alice@acme.test');
		assert.equal(account.method, 'browser');
		assert.equal(account.refreshable, true);
		assert.ok(Date.parse(account.tokenExpiresAt) > Date.now());
		assert.deepEqual(
			account.organizations.map((org: {id: string}) => org.id),
			['org_acme', 'org_globex'],
		);
		const secret = Object.values(readSecrets(vault))[0];
		assert.ok(secret?.accessToken && secret.refreshToken && secret.idToken);
		assert.equal(idp.counts.token.authorization_code, 1);
	});

	test('whoami, orgs, org switch and --org', async () => {
		const who = await cli(['whoami', '--json']);
		assert.equal(who.code, 0, describeRun(who));
		const data = JSON.parse(who.stdout);
		assert.deepEqual(data.user, {id: 'user-alice', email: 'alice@acme.test', name: 'Alice Admin'});
		assert.deepEqual(data.organization, {id: 'org_acme', name: 'Acme Corp'});
		assert.ok(data.permissions.includes('openid'));
		const human = await cli(['whoami']);
		assert.match(human.stdout, /Organization: Acme Corp \(org_acme\)/);

		const once = await cli(['whoami', '--json', '--org', 'Globex Labs']);
		assert.equal(JSON.parse(once.stdout).organization.id, 'org_globex');
		assert.equal(JSON.parse((await cli(['whoami', '--json'])).stdout).organization.id, 'org_acme');

		const switched = await cli(['org', 'switch', 'org_globex']);
		assert.equal(switched.code, 0, describeRun(switched));
		const orgs = await cli(['orgs']);
		assert.match(orgs.stdout, /● Globex Labs\s+org_globex/);
		assert.match(orgs.stdout, /○ Acme Corp\s+org_acme/);
		const unknown = await cli(['org', 'switch', 'nope']);
		assert.equal(unknown.code, 1);
		assert.match(unknown.stderr, /no organization "nope"/);
	});

	test('refresh rotates the refresh token and saves it; the old one is then refused', async () => {
		const before = Object.values(readSecrets(vault))[0];
		const result = await cli(['refresh', 'alice']);
		assert.equal(result.code, 0, describeRun(result));
		assert.match(result.stdout, /✓ alice: token expires in/);
		const after = Object.values(readSecrets(vault))[0];
		assert.notEqual(after?.refreshToken, before?.refreshToken);
		assert.notEqual(after?.accessToken, before?.accessToken);

		// Put the spent refresh token back, as a stale copy would be: the provider refuses it.
		const file = JSON.parse(fs.readFileSync(vault.secretsFile, 'utf8'));
		const [key] = Object.keys(file.entries);
		const saved = file.entries[key as string];
		file.entries[key as string] = JSON.stringify({...after, refreshToken: before?.refreshToken});
		fs.writeFileSync(vault.secretsFile, JSON.stringify(file));
		const reused = await cli(['refresh', 'alice']);
		assert.equal(reused.code, 1);
		assert.match(reused.stderr, /sign in again/);
		const status = JSON.parse((await cli(['status', '--json'])).stdout);
		assert.equal(status.providers[0].active.needsSignIn, true);
		file.entries[key as string] = saved;
		fs.writeFileSync(vault.secretsFile, JSON.stringify(file));
	});

	test('a denied consent saves nothing', async () => {
		const result = await cli(['login', '--provider', 'acme', '--alias', 'denied'], {
			...vault.env,
			AUTHDECK_TEST_DENY: '1',
		});
		assert.equal(result.code, 1, describeRun(result));
		assert.match(result.stderr, /denied/);
		const status = JSON.parse((await cli(['status', '--json'])).stdout);
		assert.ok(!JSON.stringify(status).includes('"denied"'));
	});

	// oidc-provider promises `iss` (RFC 9207), so a callback without one is as forged as a wrong one.
	for (const tamper of ['state', 'iss', 'no-iss'] as const) {
		test(`a callback with ${tamper === 'no-iss' ? 'no iss' : `a wrong ${tamper}`} is refused, no code is exchanged, and the login times out`, async () => {
			const exchanges = idp.counts.token.authorization_code ?? 0;
			const result = await cli(
				['login', '--provider', 'acme', '--alias', 'forged', '--timeout', '4'],
				{
					...vault.env,
					AUTHDECK_TEST_TAMPER: tamper,
				},
			);
			assert.equal(result.code, 1, describeRun(result));
			assert.match(result.stderr, /timed out/);
			assert.equal(idp.counts.token.authorization_code ?? 0, exchanges);
			const log = fs.readFileSync(vault.env.AUTHDECK_TEST_BROWSER_LOG as string, 'utf8');
			assert.match(log.trim().split('\n').at(-1) ?? '', /"status":400/);
		});
	}

	test('device code: the URI and code are printed, approval ends the poll', async () => {
		const run = await startCli(
			['login', '--provider', 'acme', '--no-browser', '--alias', 'alice-device'],
			vault.env,
		);
		const [, uri] = await run.waitFor(/open\n\n {2}(\S+)\n/);
		const [, code] = await run.waitFor(/enter the code: (\S+)/);
		const browsed = await new TestBrowser().verifyDevice(uri as string, code as string, alice);
		assert.equal(browsed.status, 200);
		const result = await run.done;
		runs.push(result);
		assert.equal(result.code, 0, describeRun(result));
		assert.match(result.stdout, /Logged in as alice@acme.test \(alice-device, acme\)/);
	});

	test('service account: a wrong secret is invalid_client; the right one signs in', async () => {
		const keyFile = path.join(vault.base, 'key.json');
		const key = {
			client_id: serviceClientId,
			client_secret: 'wrong',
			issuer: idp.issuer,
			scope: 'api:read',
		};
		fs.writeFileSync(keyFile, JSON.stringify(key));
		const wrong = await cli(['login', '--service-account', keyFile, '--provider', 'acme']);
		assert.equal(wrong.code, 1);
		assert.match(wrong.stderr, /invalid_client/);

		const right = await cli(['login', '--provider', 'acme', '--alias', 'robot', '--json'], {
			...vault.env,
			AUTHDECK_SERVICE_ACCOUNT_KEY: JSON.stringify({...key, client_secret: serviceClientSecret}),
		});
		assert.equal(right.code, 0, describeRun(right));
		const account = JSON.parse(right.stdout);
		assert.equal(account.method, 'service-account');
		assert.equal(account.alias, 'robot');
		// The key names no auth method: Basic was refused, the form body worked and is remembered,
		// so the refetch is one request.
		const before = idp.counts.token.client_credentials ?? 0;
		const refreshed = await cli(['refresh', 'robot']);
		assert.equal(refreshed.code, 0, describeRun(refreshed));
		assert.equal((idp.counts.token.client_credentials ?? 0) - before, 1);
		assert.ok(!fs.readFileSync(vault.configFile, 'utf8').includes(serviceClientSecret));
		for (const run of runs) {
			assert.ok(
				!run.stdout.includes(serviceClientSecret) && !run.stderr.includes(serviceClientSecret),
			);
		}
	});

	test('no token appears in any output, in the metadata, or in the browser argv (row 2)', () => {
		const tokens = rawTokens(vault);
		assertNoTokenLeak(vault, runs, tokens);
		// The browser's argv is the only argv authdeck builds; the scripted browser logged each one.
		const argv = fs.readFileSync(vault.env.AUTHDECK_TEST_BROWSER_LOG as string, 'utf8');
		assert.match(argv, /"url":"http:\/\/127\.0\.0\.1:\d+\/auth\?/);
		for (const token of tokens) {
			assert.ok(!argv.includes(token), 'a token in the browser argv');
		}
	});

	test('logout revokes at the provider, then forgets; the revoked refresh token is refused', async () => {
		// The device sign-in of the same user updated the browser account (same subject), renaming it.
		const status = JSON.parse((await cli(['status', '--json'])).stdout);
		const {providers} = status as {
			providers: Array<{
				active: {id: string; alias: string};
				others: Array<{id: string; alias: string}>;
			}>;
		};
		const id = providers
			.flatMap((provider) => [provider.active, ...provider.others])
			.find((account) => account.alias === 'alice-device')?.id;
		assert.ok(id);
		const secret = readSecrets(vault)[`account:${id}`];
		const revocations = idp.counts.revocations;
		const result = await cli(['logout', 'alice-device', '--yes']);
		assert.equal(result.code, 0, describeRun(result));
		assert.equal(idp.counts.revocations, revocations + 2);
		assert.equal(result.stderr, '');
		const client = await import('openid-client');
		const config = await client.discovery(
			new URL(idp.issuer),
			publicClientId,
			undefined,
			client.None(),
			{
				execute: [client.allowInsecureRequests],
			},
		);
		await assert.rejects(
			client.refreshTokenGrant(config, secret?.refreshToken as string),
			(error: {error?: string}) => error.error === 'invalid_grant',
		);
	});
});
