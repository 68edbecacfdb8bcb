/** `authdeck provider add|list|remove` through the built binary. */
import assert from 'node:assert/strict';
import net from 'node:net';
import {after, before, describe, test} from 'node:test';
import {describeRun, requireBuild, runCli, TempVault} from '../../helpers/cli.js';
import {
	type IdentityProvider,
	publicClientId,
	startIdentityProvider,
} from '../../helpers/identity-provider.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('provider', {timeout: 120_000}, () => {
	let idp: IdentityProvider;
	let vault: TempVault;
	const cli = (args: string[]) => runCli(args, {env: vault.env});

	before(async () => {
		requireBuild();
		idp = await startIdentityProvider();
		vault = await TempVault.create('file');
	});

	after(async () => {
		await idp.close();
		await vault.cleanup();
	});

	test('add checks the issuer by discovery and stores scopes and the API base URL', async () => {
		const added = await cli([
			'provider',
			'add',
			'Acme',
			'--issuer',
			`${idp.issuer}/`,
			'--client-id',
			publicClientId,
			'--scopes',
			'openid email offline_access',
			'--api-base-url',
			'https://api.acme.test/v1',
			'--json',
		]);
		assert.equal(added.code, 0, describeRun(added));
		const provider = JSON.parse(added.stdout);
		assert.equal(provider.id, 'acme');
		assert.equal(provider.issuer, idp.issuer, 'the issuer as discovery names it');
		assert.deepEqual(provider.scopes, ['openid', 'email', 'offline_access']);
		assert.equal(provider.baseUrl, 'https://api.acme.test/v1');
		assert.deepEqual(provider.envVars, ['ACME_TOKEN']);

		const list = await cli(['provider', 'list', '--json']);
		const ids = JSON.parse(list.stdout).map((view: {id: string}) => view.id);
		assert.ok(ids.includes('acme') && ids.includes('vapi'));
		assert.match(
			(await cli(['provider', 'list'])).stdout,
			/^acme\s+oidc\s+http:\/\/127\.0\.0\.1:\d+/m,
		);
	});

	test('a provider declares the variables its tools read the organization and base URL from', async () => {
		const added = await cli([
			'provider',
			'add',
			'corp',
			'--issuer',
			idp.issuer,
			'--client-id',
			publicClientId,
			'--org-env',
			'CORP_ORG,CORP_TENANT',
			'--base-url-env',
			'CORP_API_URL',
			'--json',
		]);
		assert.equal(added.code, 0, describeRun(added));
		const provider = JSON.parse(added.stdout);
		assert.deepEqual(provider.orgEnvVars, ['CORP_ORG', 'CORP_TENANT']);
		assert.deepEqual(provider.baseUrlEnvVars, ['CORP_API_URL']);
		const bad = await cli([
			'provider',
			'add',
			'corp2',
			'--issuer',
			idp.issuer,
			'--client-id',
			'c',
			'--org-env',
			'A-B',
		]);
		assert.match(bad.stderr, /invalid variable name "A-B"/);
	});

	test('refuses unsafe issuers, built-in names and unreachable issuers, each with one line', async () => {
		const closed = await closedPort();
		const cases: Array<[string[], RegExp]> = [
			[
				['provider', 'add', 'x', '--issuer', 'http://id.example.com', '--client-id', 'c'],
				/only accepted on loopback/,
			],
			[
				['provider', 'add', 'x', '--issuer', 'javascript:alert(1)', '--client-id', 'c'],
				/use https/,
			],
			[['provider', 'add', 'vapi', '--issuer', idp.issuer, '--client-id', 'c'], /built-in/],
			[
				['provider', 'add', '../x', '--issuer', idp.issuer, '--client-id', 'c'],
				/invalid provider name/,
			],
			[
				['provider', 'add', 'down', '--issuer', `http://127.0.0.1:${closed}`, '--client-id', 'c'],
				/cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
			],
			[['provider', 'remove', 'vapi'], /built-in/],
			[['provider', 'remove', 'nope'], /unknown provider/],
		];
		for (const [args, message] of cases) {
			const result = await cli(args);
			assert.equal(result.code, 1, describeRun(result));
			assert.match(result.stderr, message);
			assert.equal(result.stderr.trim().split('\n').length, 1, describeRun(result));
		}
	});

	test('remove forgets a provider without accounts', async () => {
		const removed = await cli(['provider', 'remove', 'acme']);
		assert.equal(removed.code, 0, describeRun(removed));
		assert.ok(!(await cli(['provider', 'list'])).stdout.includes('acme'));
	});
});
