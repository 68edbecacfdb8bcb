/**
 * Issue 16: the local OpenID provider served over HTTPS with a certificate from a CA the test makes
 * (openssl), through the built binary: refused without `ca-file` (the message names it), accepted
 * with it (also through a proxy) and with NODE_EXTRA_CA_CERTS, and `insecure-skip-verify` accepted
 * for a development account and refused, nothing sent, for a production one.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {makeCertificates, type TestCertificates} from '../../helpers/certificates.js';
import {describeRun, requireBuild, TempVault} from '../../helpers/cli.js';
import {
	type IdentityProvider,
	publicClientId,
	serviceClientId,
	serviceClientSecret,
	startIdentityProvider,
} from '../../helpers/identity-provider.js';
import {type RunningProxy, startTinyproxy} from '../../helpers/proxies.js';

describe('an HTTPS identity provider with a private CA', {timeout: 240_000}, () => {
	let certificates: TestCertificates;
	let idp: IdentityProvider;
	let vault: TempVault;
	let proxy: RunningProxy;
	let serviceKey: string;
	const grants = () => idp.counts.token.client_credentials ?? 0;
	const robot = (alias: string, environment?: string) => [
		'login',
		'--alias',
		alias,
		...(environment ? ['--environment', environment] : []),
	];

	before(async () => {
		requireBuild();
		certificates = makeCertificates();
		idp = await startIdentityProvider({tls: {key: certificates.key, cert: certificates.cert}});
		proxy = await startTinyproxy();
		vault = await TempVault.create('file');
		serviceKey = JSON.stringify({
			client_id: serviceClientId,
			client_secret: serviceClientSecret,
			issuer: idp.issuer,
			scope: 'api:read',
		});
		vault.env.AUTHDECK_SERVICE_ACCOUNT_KEY = serviceKey;
	});

	after(async () => {
		await proxy?.stop();
		await idp?.close();
		await vault?.cleanup();
		certificates?.cleanup();
	});

	test('without ca-file: one line naming ca-file, nothing stored', async () => {
		assert.match(idp.issuer, /^https:\/\/127\.0\.0\.1:\d+$/);
		const added = await vault.run([
			'provider',
			'add',
			'acme',
			'--issuer',
			idp.issuer,
			'--client-id',
			publicClientId,
		]);
		assert.equal(added.code, 1, describeRun(added));
		assert.match(
			added.stderr,
			/^authdeck: .*the certificate of 127\.0\.0\.1:\d+ is not trusted \(\w+\); .*run: authdeck config set ca-file \/path\/to\/ca\.pem\n$/,
		);
		const login = await vault.run(robot('robot', 'development'));
		assert.equal(login.code, 1);
		assert.match(login.stderr, /is not trusted .*authdeck config set ca-file/);
		assert.ok(!fs.existsSync(vault.configFile) || vault.read().accounts.length === 0);
		assert.equal(grants(), 0);
	});

	test('NODE_EXTRA_CA_CERTS, which Node reads itself, is trusted too', async () => {
		const result = await vault.run(robot('extra', 'development'), {
			env: {NODE_EXTRA_CA_CERTS: certificates.caFile},
		});
		assert.equal(result.code, 0, describeRun(result));
		assert.equal(grants(), 1);
	});

	test('with ca-file: signed in and refreshed, directly and through a proxy', async () => {
		const set = await vault.ok(['config', 'set', 'ca-file', certificates.caFile]);
		assert.match(set.stdout, /^1 certificate from .*ca\.pem trusted besides Node's roots\n$/);
		await vault.ok([
			'provider',
			'add',
			'acme',
			'--issuer',
			idp.issuer,
			'--client-id',
			publicClientId,
		]);
		await vault.ok(robot('robot', 'development'));
		const before = [grants(), proxy.tunnels(idp.port)];
		const refreshed = await vault.run(['refresh', 'robot'], {env: {HTTPS_PROXY: proxy.url}});
		assert.equal(refreshed.code, 0, describeRun(refreshed));
		assert.equal(grants(), (before[0] ?? 0) + 1);
		assert.ok(proxy.tunnels(idp.port) > (before[1] ?? 0), proxy.log());
		const doctor = await vault.run(['doctor']);
		assert.match(doctor.stdout, /network: ca-file .*ca\.pem: 1 certificate trusted/);
	});

	test('insecure-skip-verify: a development account works, with a warning on every command; a production one is refused, nothing sent', async () => {
		await vault.ok(['config', 'set', 'ca-file', '']);
		const on = await vault.ok(['config', 'set', 'insecure-skip-verify', 'true']);
		assert.match(on.stdout, /insecure-skip-verify is on/);

		const count = grants();
		const refreshed = await vault.run(['refresh', 'robot']);
		assert.equal(refreshed.code, 0, describeRun(refreshed));
		assert.equal(grants(), count + 1);
		assert.match(
			refreshed.stderr,
			/^warning: insecure-skip-verify is on: certificates are NOT checked/m,
		);
		assert.match((await vault.ok(['status'])).stderr, /insecure-skip-verify is on/);

		const production = await vault.run(robot('prod-robot'));
		assert.equal(production.code, 1, describeRun(production));
		assert.match(
			production.stderr,
			/^authdeck: insecure-skip-verify is refused for "prod-robot" \(production\): nothing was sent; turn it off/m,
		);
		assert.equal(grants(), count + 1);
		assert.ok(!vault.read().accounts.some((account) => account.alias === 'prod-robot'));

		await vault.ok(['config', 'set', 'insecure-skip-verify', 'false']);
		const off = await vault.run(['refresh', 'robot']);
		assert.equal(off.code, 1);
		assert.doesNotMatch(off.stderr, /insecure-skip-verify is on/);
		assert.match(off.stderr, /not trusted .*ca-file/);
	});
});
