/**
 * Issue 16: a provider call (`key list`, `whoami`, `key rotate`) takes the same road as sign-in: through a real
 * tinyproxy and microsocks, counted in each proxy's own log, and NO_PROXY sends it direct.
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {type TempVault, useTempVault} from '../../helpers/cli.js';
import {
	freePort,
	type RunningProxy,
	startMicrosocks,
	startTinyproxy,
	withCredentials,
} from '../../helpers/proxies.js';
import {startVastServer, type VastServer} from '../../helpers/vast-server.js';

describe('provider calls through real proxies', {timeout: 240_000}, () => {
	let server: VastServer;
	let tiny: RunningProxy;
	let socks: RunningProxy;
	let tinyAuth: RunningProxy;
	let socksAuth: RunningProxy;
	const auth = {user: 'team', password: 'hunter2-provider-proxy'};
	const vault = useTempVault('file');
	const port = () => Number(new URL(server.url).port);

	before(async () => {
		server = await startVastServer();
		[tiny, socks, tinyAuth, socksAuth] = await Promise.all([
			startTinyproxy(),
			startMicrosocks(),
			startTinyproxy(auth),
			startMicrosocks(auth),
		]);
	});
	after(async () => {
		await Promise.all([tiny, socks, tinyAuth, socksAuth].map((proxy) => proxy?.stop()));
		await server?.close();
	});

	async function addAccount(v: TempVault) {
		const stored = server.addKey('gpu');
		await v.login(stored.key, ['--provider', 'vast', '--base-url', server.url, '--alias', 'gpu']);
		return stored;
	}

	test('key list and whoami through HTTP_PROXY: every request tunnels through tinyproxy', async () => {
		await addAccount(vault());
		const before = tiny.tunnels(port());
		const seen = server.requests.length;
		await vault().ok(['key', 'list'], {env: {HTTP_PROXY: tiny.url}});
		await vault().ok(['whoami'], {env: {HTTP_PROXY: tiny.url}});
		const sent = server.requests.length - seen;
		assert.ok(sent >= 2, 'the provider was asked');
		assert.equal(
			tiny.tunnels(port()) - before,
			sent,
			'each provider request went through tinyproxy',
		);
	});

	test('key rotate through the proxy setting over SOCKS5, and no way round it when the proxy is down', async () => {
		const old = await addAccount(vault());
		// A SOCKS proxy that is not running: nothing may reach the provider by another road.
		await vault().ok(['config', 'set', 'proxy', `socks5://127.0.0.1:${await freePort()}`]);
		const seen = server.requests.length;
		const refused = await vault().run(['key', 'rotate', 'gpu']);
		assert.notEqual(refused.code, 0);
		assert.equal(server.requests.length, seen, 'no request went direct');
		assert.equal(server.isLive(old.key), true, 'the old key is untouched');

		await vault().ok(['config', 'set', 'proxy', socks.url]);
		const before = socks.tunnels(port());
		await vault().ok(['key', 'rotate', 'gpu']);
		assert.equal(server.isLive(old.key), false, 'the old key was deleted at the provider');
		assert.ok(server.requests.length - seen >= 3, 'create, who-am-I and delete were sent');
		// One process keeps its connection alive, so microsocks counts connections, not requests.
		assert.ok(socks.tunnels(port()) - before >= 1, 'the calls went through microsocks');
	});

	test('NO_PROXY naming the provider sends the call direct: the proxy sees nothing', async () => {
		await addAccount(vault());
		const before = tiny.tunnels();
		const seen = server.requests.length;
		await vault().ok(['key', 'list'], {env: {HTTP_PROXY: tiny.url, NO_PROXY: '127.0.0.1'}});
		assert.ok(server.requests.length > seen, 'the provider was asked');
		assert.equal(tiny.tunnels(), before);
	});

	test("a profile's proxy is used while that profile is (or --profile names it), and no other", async () => {
		await addAccount(vault());
		await vault().ok(['profile', 'create', 'office', '--from', 'default']);
		await vault().ok(['config', 'set', '--profile', 'office', 'proxy', tiny.url]);
		const before = tiny.tunnels(port());
		await vault().ok(['key', 'list']);
		assert.equal(tiny.tunnels(port()), before, 'the default profile has no proxy');
		await vault().ok(['key', 'list', '--profile', 'office']);
		assert.equal(tiny.tunnels(port()), before + 1, '--profile office goes through its proxy');
		await vault().ok(['key', 'list'], {env: {AUTHDECK_PROFILE: 'office'}});
		assert.equal(tiny.tunnels(port()), before + 2, 'AUTHDECK_PROFILE=office too');
		await vault().ok(['profile', 'use', 'office']);
		await vault().ok(['key', 'list']);
		assert.equal(tiny.tunnels(port()), before + 3, 'and office in use');
	});

	test('through proxies that ask for a user and password: refused without, through with, never printed', async () => {
		await addAccount(vault());
		const refused = await vault().run(['key', 'list'], {
			env: {HTTPS_PROXY: '', HTTP_PROXY: tinyAuth.url},
		});
		assert.notEqual(refused.code, 0);
		assert.match(refused.stderr, /authentication/i);
		for (const proxy of [tinyAuth, socksAuth]) {
			const before = proxy.tunnels(port());
			const result = await vault().ok(['key', 'list'], {
				env: {
					HTTP_PROXY: withCredentials(proxy.url, auth),
					ALL_PROXY: withCredentials(proxy.url, auth),
				},
			});
			assert.ok(proxy.tunnels(port()) > before, `${proxy.url}: the call went through it`);
			assert.ok(
				!(result.stdout + result.stderr).includes(auth.password),
				'the password is never printed',
			);
		}
	});
});
