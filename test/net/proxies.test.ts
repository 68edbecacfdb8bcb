/**
 * The network layer in one process: which proxy curl would take (pure), and real requests through a
 * real tinyproxy and microsocks, counted in their logs, with one line for each way a proxy fails.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type net from 'node:net';
import {after, before, describe, test} from 'node:test';
import {cappedFetch} from '../../source/auth/http.js';
import {bypassesProxy, checkProxyUrl, maskProxy, proxyFor} from '../../source/net/proxy.js';
import type {NetworkOptions} from '../../source/net/route.js';
import {
	freePort,
	type RunningProxy,
	startMicrosocks,
	startTinyproxy,
	withCredentials,
} from '../helpers/proxies.js';

const url = (text: string) => new URL(text);

describe('which proxy a request takes', () => {
	test('curl order: the setting, then HTTPS_PROXY or HTTP_PROXY by scheme, then ALL_PROXY', () => {
		const env = {
			HTTPS_PROXY: 'http://secure:1',
			http_proxy: 'http://plain:2',
			ALL_PROXY: 'socks5h://all:3',
		};
		assert.equal(proxyFor(url('https://idp.example/'), env, undefined)?.url.host, 'secure:1');
		assert.equal(proxyFor(url('http://idp.example/'), env, undefined)?.from, 'http_proxy');
		assert.equal(
			proxyFor(url('https://idp.example/'), {ALL_PROXY: env.ALL_PROXY}, undefined)?.url.protocol,
			'socks5h:',
		);
		const set = proxyFor(url('https://idp.example/'), env, 'socks5://mine:4');
		assert.deepEqual([set?.url.host, set?.from], ['mine:4', 'the proxy setting']);
		assert.equal(proxyFor(url('https://idp.example/'), {}, undefined), undefined);
		// A bare host:port is an http proxy, as curl takes it.
		assert.equal(
			proxyFor(url('https://a.test/'), {https_proxy: 'p.test:8080'}, undefined)?.url.href,
			'http://p.test:8080/',
		);
	});

	test('lower case first, as curl reads them', () => {
		const env = {https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2'};
		assert.equal(proxyFor(url('https://a.test/'), env, undefined)?.url.host, 'lower:1');
	});

	test('NO_PROXY: hosts, domains, ports, CIDR, *; and it applies to the setting too', () => {
		const no = (list: string, target: string) => bypassesProxy(url(target), {NO_PROXY: list});
		assert.ok(no('example.com', 'https://example.com/'));
		assert.ok(no('example.com', 'https://api.example.com/'));
		assert.ok(no('.example.com', 'https://api.example.com/'));
		assert.ok(!no('example.com', 'https://notexample.com/'));
		assert.ok(no('a.test, 127.0.0.1', 'http://127.0.0.1:9/'));
		assert.ok(no('127.0.0.0/8', 'http://127.1.2.3/'));
		assert.ok(!no('10.0.0.0/8', 'http://127.0.0.1/'));
		assert.ok(no('127.0.0.1:9', 'http://127.0.0.1:9/'));
		assert.ok(!no('127.0.0.1:9', 'http://127.0.0.1:10/'));
		assert.ok(no('*', 'https://anything.test/'));
		assert.ok(no('[::1]', 'http://[::1]:80/'));
		assert.equal(
			proxyFor(url('http://127.0.0.1/'), {no_proxy: '127.0.0.1'}, 'http://p:1'),
			undefined,
		);
		// Loopback is proxied unless NO_PROXY names it.
		assert.equal(proxyFor(url('http://127.0.0.1/'), {}, 'http://p:1')?.url.host, 'p:1');
	});

	test('proxy URLs: four schemes, no path; credentials masked in every message', () => {
		assert.equal(checkProxyUrl('socks5h://127.0.0.1:1080/'), 'socks5h://127.0.0.1:1080');
		assert.throws(
			() => checkProxyUrl('ftp://p:1'),
			/use http:\/\/, https:\/\/, socks5:\/\/ or socks5h:\/\//,
		);
		assert.throws(
			() => checkProxyUrl('http://u:hunter2@p:1/x'),
			(error: Error) => !error.message.includes('hunter2'),
		);
		assert.equal(maskProxy('http://user:hunter2@proxy:3128'), 'http://***@proxy:3128');
		assert.equal(maskProxy('not a url user:hunter2@proxy'), '***@proxy');
		assert.throws(
			() => proxyFor(url('https://a.test/'), {HTTPS_PROXY: 'ftp://u:hunter2@p:1'}, undefined),
			(error: Error) =>
				/HTTPS_PROXY is ftp:\/\/\*\*\*@p:1/.test(error.message) &&
				!error.message.includes('hunter2'),
		);
	});
});

describe('requests through real proxies', {timeout: 120_000}, () => {
	const auth = {user: 'deck', password: 'hunter2-proxy-pass'};
	let server: http.Server;
	let port: number;
	let tiny: RunningProxy;
	let tinyAuth: RunningProxy;
	let socks: RunningProxy;
	let socksAuth: RunningProxy;
	let hits = 0;

	before(async () => {
		server = http.createServer((_request, response) => {
			hits++;
			response.setHeader('content-type', 'application/json');
			// No keep-alive: each request opens its own tunnel, so each is counted in the proxy's log.
			response.setHeader('connection', 'close');
			response.end('{"ok":true}');
		});
		// Both stacks, so `localhost` works whichever address it resolves to first.
		await new Promise<void>((resolve) => server.listen(0, resolve));
		port = (server.address() as net.AddressInfo).port;
		[tiny, tinyAuth, socks, socksAuth] = await Promise.all([
			startTinyproxy(),
			startTinyproxy(auth),
			startMicrosocks(),
			startMicrosocks(auth),
		]);
	});

	after(async () => {
		await Promise.all([tiny, tinyAuth, socks, socksAuth].map((proxy) => proxy?.stop()));
		server.closeAllConnections();
		server.close();
	});

	const get = (network: NetworkOptions, target = `http://127.0.0.1:${port}/`) =>
		cappedFetch({network, delays: [], timeout: 10})(target, {} as never);

	test("HTTP_PROXY: the request is a CONNECT in tinyproxy's log", async () => {
		const before = tiny.tunnels(port);
		const response = await get({env: {HTTP_PROXY: tiny.url}});
		assert.equal(response.status, 200);
		assert.deepEqual(await response.json(), {ok: true});
		assert.equal(tiny.tunnels(port), before + 1);
	});

	test('NO_PROXY sends it direct: the proxy sees nothing, the server answers', async () => {
		const [tunnels, served] = [tiny.tunnels(), hits];
		const response = await get({env: {HTTP_PROXY: tiny.url, NO_PROXY: 'localhost,127.0.0.1'}});
		assert.equal(response.status, 200);
		assert.equal(tiny.tunnels(), tunnels);
		assert.equal(hits, served + 1);
	});

	test('the proxy setting beats the environment', async () => {
		const dead = `http://127.0.0.1:${await freePort()}`;
		const before = tiny.tunnels(port);
		const response = await get({env: {HTTP_PROXY: dead, ALL_PROXY: dead}, proxy: tiny.url});
		assert.equal(response.status, 200);
		assert.equal(tiny.tunnels(port), before + 1);
	});

	test('407: one line saying the proxy needs authentication, never the password', async () => {
		await assert.rejects(get({env: {}, proxy: tinyAuth.url}), (error: Error) => {
			assert.match(
				error.message,
				/^the proxy http:\/\/127\.0\.0\.1:\d+ \(from the proxy setting\) needs authentication \(407\)/,
			);
			return true;
		});
		// tinyproxy logs the refused CONNECT too: count from here.
		const before = tinyAuth.tunnels(port);
		const response = await get({env: {}, proxy: withCredentials(tinyAuth.url, auth)});
		assert.equal(response.status, 200);
		assert.equal(tinyAuth.tunnels(port), before + 1);
	});

	test('a proxy that refuses: one line naming it (masked) and where it came from', async () => {
		const dead = withCredentials(`http://127.0.0.1:${await freePort()}`, auth);
		await assert.rejects(get({env: {HTTPS_PROXY: dead, HTTP_PROXY: dead}}), (error: Error) => {
			assert.match(
				error.message,
				/^the proxy http:\/\/\*\*\*@127\.0\.0\.1:\d+ \(from HTTP_PROXY\) refused the connection/,
			);
			assert.ok(!error.message.includes(auth.password));
			return true;
		});
	});

	test('a SOCKS proxy that is not running: the same one line', async () => {
		const dead = `socks5h://127.0.0.1:${await freePort()}`;
		await assert.rejects(get({env: {ALL_PROXY: dead}}), (error: Error) =>
			/^the proxy socks5h:\/\/127\.0\.0\.1:\d+ \(from ALL_PROXY\) refused the connection/.test(
				error.message,
			),
		);
	});

	test('a name that does not resolve: one line saying DNS, tokens kept', async () => {
		await assert.rejects(get({env: {}}, 'http://authdeck-test.invalid/'), (error: Error) =>
			/^cannot resolve authdeck-test\.invalid \(DNS[^)]*\); check the name and your network; stored tokens were kept$/.test(
				error.message,
			),
		);
	});

	test('socks5h hands the proxy the name; socks5 resolves it here', async () => {
		const named = `http://localhost:${port}/`;
		await get({env: {ALL_PROXY: socks.url.replace('socks5:', 'socks5h:')}}, named);
		assert.match(socks.log(), new RegExp(`connected to localhost:${port}$`, 'm'));
		const before = socks.tunnels(port);
		await get({env: {}, proxy: socks.url}, named);
		assert.equal(socks.tunnels(port), before + 1);
		const last = socks.log().trim().split('\n').at(-1) ?? '';
		assert.doesNotMatch(last, /localhost/);
		assert.match(last, /connected to (127\.0\.0\.1|::1):\d+$/);
	});

	test('SOCKS5 with a user and password; without them one line, never the password', async () => {
		await assert.rejects(get({env: {ALL_PROXY: socksAuth.url}}), (error: Error) => {
			assert.match(
				error.message,
				/^the proxy socks5:\/\/127\.0\.0\.1:\d+ \(from ALL_PROXY\) needs authentication/,
			);
			return true;
		});
		const response = await get({env: {ALL_PROXY: withCredentials(socksAuth.url, auth)}});
		assert.equal(response.status, 200);
		assert.equal(socksAuth.tunnels(port), 1);
	});
});
