/**
 * Issue 16, one network layer: sign-in and refresh through the built binary against the real OpenID
 * provider, through a real tinyproxy and microsocks (with and without authentication), each
 * request counted in the proxy's own log; NO_PROXY; the setting beating the environment; one line
 * for a 407; proxy passwords never printed (security row 35).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {describeRun, type RunResult, requireBuild, root, TempVault} from '../../helpers/cli.js';
import {
	alice,
	type IdentityProvider,
	publicClientId,
	startIdentityProvider,
} from '../../helpers/identity-provider.js';
import {
	freePort,
	type RunningProxy,
	startMicrosocks,
	startTinyproxy,
	withCredentials,
} from '../../helpers/proxies.js';

const auth = {user: 'deck', password: 'hunter2-proxy-secret'};

describe('sign-in and refresh through real proxies', {timeout: 240_000}, () => {
	let idp: IdentityProvider;
	let vault: TempVault;
	let tiny: RunningProxy;
	let tinyAuth: RunningProxy;
	let socks: RunningProxy;
	let socksAuth: RunningProxy;
	let dead: string;
	const runs: RunResult[] = [];
	const run = async (args: string[], env: Record<string, string | undefined> = {}) => {
		const result = await vault.run(args, {env, timeout: 60_000});
		runs.push(result);
		return result;
	};

	const ok = async (args: string[], env: Record<string, string | undefined> = {}) => {
		const result = await run(args, env);
		assert.equal(result.code, 0, describeRun(result));
		return result;
	};

	const refreshes = () => idp.counts.token.refresh_token ?? 0;

	before(async () => {
		requireBuild();
		idp = await startIdentityProvider();
		[tiny, tinyAuth, socks, socksAuth] = await Promise.all([
			startTinyproxy(),
			startTinyproxy(auth),
			startMicrosocks(),
			startMicrosocks(auth),
		]);
		dead = `http://127.0.0.1:${await freePort()}`;
		vault = await TempVault.create('file', {
			env: {
				BROWSER: path.join(root, 'test', 'helpers', 'test-browser.sh'),
				AUTHDECK_TEST_USER: alice.email,
				AUTHDECK_TEST_PASSWORD: alice.password,
			},
		});
		await ok(['provider', 'add', 'acme', '--issuer', idp.issuer, '--client-id', publicClientId], {
			HTTP_PROXY: tiny.url,
		});
		assert.ok(tiny.tunnels(idp.port) >= 1, 'discovery went through the proxy');
	});

	after(async () => {
		await Promise.all([tiny, tinyAuth, socks, socksAuth].map((proxy) => proxy?.stop()));
		await idp?.close();
		await vault?.cleanup();
	});

	test('browser sign-in through HTTP_PROXY: discovery and the code exchange tunnel through tinyproxy', async () => {
		const before = tiny.tunnels(idp.port);
		const codes = idp.counts.token.authorization_code ?? 0;
		const result = await ok(['login', '--provider', 'acme', '--alias', 'alice', '--json'], {
			HTTP_PROXY: tiny.url,
		});
		assert.equal(JSON.parse(result.stdout).email, alice.email);
		assert.equal(idp.counts.token.authorization_code, codes + 1);
		assert.ok(tiny.tunnels(idp.port) > before, tiny.log());
	});

	test('refresh through the proxy setting, which beats HTTP_PROXY and ALL_PROXY', async () => {
		await ok(['config', 'set', 'proxy', tiny.url]);
		const [tunnels, count] = [tiny.tunnels(idp.port), refreshes()];
		await ok(['refresh', 'alice'], {HTTP_PROXY: dead, ALL_PROXY: dead});
		assert.equal(refreshes(), count + 1);
		assert.ok(tiny.tunnels(idp.port) > tunnels);
		await ok(['config', 'set', 'proxy', '']);
	});

	test('NO_PROXY sends the request direct: refreshed, and the proxy saw nothing', async () => {
		const [tunnels, count] = [tiny.tunnels(), refreshes()];
		await ok(['refresh', 'alice'], {HTTP_PROXY: tiny.url, NO_PROXY: '127.0.0.1'});
		assert.equal(refreshes(), count + 1);
		assert.equal(tiny.tunnels(), tunnels);
	});

	test('refresh through ALL_PROXY=socks5:// and socks5h:// (microsocks)', async () => {
		for (const scheme of ['socks5:', 'socks5h:']) {
			const [tunnels, count] = [socks.tunnels(idp.port), refreshes()];
			await ok(['refresh', 'alice'], {ALL_PROXY: socks.url.replace('socks5:', scheme)});
			assert.equal(refreshes(), count + 1);
			assert.ok(socks.tunnels(idp.port) > tunnels, `${scheme} ${socks.log()}`);
		}
	});

	test('a proxy that wants a password: one line (407), nothing changed; with it, refreshed', async () => {
		const count = refreshes();
		await ok(['config', 'set', 'proxy', tinyAuth.url]);
		const refused = await run(['refresh', 'alice']);
		assert.equal(refused.code, 1);
		assert.match(
			refused.stderr,
			/^authdeck: .*the proxy http:\/\/127\.0\.0\.1:\d+ \(from the proxy setting\) needs authentication \(407\)[^\n]*\n$/,
		);
		assert.equal(refreshes(), count);

		const set = await ok(['config', 'set', 'proxy', withCredentials(tinyAuth.url, auth)]);
		assert.match(set.stdout, /every request now goes through http:\/\/\*\*\*@127\.0\.0\.1:\d+/);
		const before = tinyAuth.tunnels(idp.port);
		await ok(['refresh', 'alice']);
		assert.equal(refreshes(), count + 1);
		assert.ok(tinyAuth.tunnels(idp.port) > before);
		assert.match(
			(await ok(['config', 'get', 'proxy'])).stdout,
			/^http:\/\/\*\*\*@127\.0\.0\.1:\d+\n$/,
		);
		assert.match(
			(await ok(['config', 'get'])).stdout,
			/"proxy": "http:\/\/\*\*\*@127\.0\.0\.1:\d+"/,
		);
		const doctor = await run(['doctor']);
		assert.match(doctor.stdout, /network: every request goes through http:\/\/\*\*\*@127/);
	});

	test('SOCKS5 with a user and password in the setting; a wrong one is one line', async () => {
		await ok([
			'config',
			'set',
			'proxy',
			withCredentials(socksAuth.url, {...auth, password: 'wrong-pass'}),
		]);
		const refused = await run(['refresh', 'alice']);
		assert.equal(refused.code, 1);
		assert.match(
			refused.stderr,
			/^authdeck: .*socks5:\/\/\*\*\*@127\.0\.0\.1:\d+ .*needs authentication[^\n]*\n$/,
		);
		await ok(['config', 'set', 'proxy', withCredentials(socksAuth.url, auth)]);
		const [tunnels, count] = [socksAuth.tunnels(idp.port), refreshes()];
		await ok(['refresh', 'alice']);
		assert.equal(refreshes(), count + 1);
		assert.ok(socksAuth.tunnels(idp.port) > tunnels);
		await ok(['config', 'set', 'proxy', '']);
	});

	test('a proxy that is not running: one line naming it and where it came from; tokens kept', async () => {
		const result = await run(['refresh', 'alice'], {HTTP_PROXY: withCredentials(dead, auth)});
		assert.equal(result.code, 1);
		assert.match(
			result.stderr,
			/^authdeck: .*the proxy http:\/\/\*\*\*@127\.0\.0\.1:\d+ \(from HTTP_PROXY\) refused the connection after 3 attempts; .*stored tokens were kept\n$/,
		);
	});

	test('no proxy password in any output (row 35)', () => {
		for (const result of runs) {
			for (const secret of [auth.password, 'wrong-pass']) {
				assert.ok(!result.stdout.includes(secret), describeRun(result));
				assert.ok(!result.stderr.includes(secret), describeRun(result));
			}
		}
	});
});
