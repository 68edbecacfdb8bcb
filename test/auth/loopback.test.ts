/** Rows 15 and 16: the loopback listener. */
import assert from 'node:assert/strict';
import net from 'node:net';
import os from 'node:os';
import {test} from 'node:test';
import {startLoopback} from '../../source/auth/loopback.js';

const get = async (url: string) => {
	const response = await fetch(url);
	return {status: response.status, body: await response.text()};
};

/** Whether something accepts TCP connections at host:port. */
function connects(host: string, port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({host, port});
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

test('bound to 127.0.0.1 only, on an ephemeral port, path /callback', async (t) => {
	const loopback = await startLoopback();
	try {
		assert.match(loopback.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
		assert.ok(loopback.port >= 1024);
		assert.equal(await connects('127.0.0.1', loopback.port), true);
		const external = Object.values(os.networkInterfaces())
			.flat()
			.find((address) => address && !address.internal && address.family === 'IPv4');
		if (external) {
			assert.equal(
				await connects(external.address, loopback.port),
				false,
				`reachable on ${external.address}`,
			);
		} else {
			t.diagnostic(
				'no non-loopback IPv4 interface on this machine: the outside check had nothing to try',
			);
		}

		assert.equal(await connects('::1', loopback.port), false);
		assert.equal((await get(`http://127.0.0.1:${loopback.port}/other`)).status, 404);
	} finally {
		loopback.close();
	}
});

test('a wrong or missing state, or another iss, is refused and the wait goes on; one good callback closes it', async () => {
	const loopback = await startLoopback();
	const waiting = loopback.waitForCallback({
		state: 'good-state',
		issuer: 'http://127.0.0.1:1',
		timeoutMs: 20_000,
	});
	const base = loopback.redirectUri;
	assert.equal((await get(`${base}?code=x&state=bad`)).status, 400);
	assert.equal((await get(`${base}?code=x`)).status, 400);
	assert.equal((await get(`${base}?code=x&state=good-state&iss=http://evil.test`)).status, 400);
	const good = await get(
		`${base}?code=abc&state=good-state&iss=${encodeURIComponent('http://127.0.0.1:1')}`,
	);
	assert.equal(good.status, 200);
	assert.match(good.body, /close this tab/);
	const url = await waiting;
	assert.equal(url.searchParams.get('code'), 'abc');
	assert.equal(
		await connects('127.0.0.1', loopback.port),
		false,
		'still listening after the callback',
	);
});

test('the wait ends at the timeout and the listener closes', async () => {
	const loopback = await startLoopback();
	await assert.rejects(loopback.waitForCallback({state: 's', timeoutMs: 200}), /timed out/);
	assert.equal(await connects('127.0.0.1', loopback.port), false);
});

test('a provider that promises iss: a callback without one is refused and the wait goes on', async () => {
	const loopback = await startLoopback();
	const issuer = 'http://127.0.0.1:1';
	const waiting = loopback.waitForCallback({state: 'good-state', issuer, requireIss: true});
	const base = loopback.redirectUri;
	const missing = await get(`${base}?code=x&state=good-state`);
	assert.equal(missing.status, 400);
	assert.doesNotMatch(missing.body, /Signed in/);
	assert.equal((await get(`${base}?error=access_denied&state=good-state`)).status, 400);
	assert.equal(await connects('127.0.0.1', loopback.port), true, 'stopped listening');
	const good = await get(`${base}?code=abc&state=good-state&iss=${encodeURIComponent(issuer)}`);
	assert.equal(good.status, 200);
	assert.equal((await waiting).searchParams.get('code'), 'abc');
});
