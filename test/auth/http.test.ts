/**
 * Issue 9 item 5, security rows 20 and 21: an identity provider that hangs, or drips its answer a
 * byte a second, is given up on at one overall deadline per request, with one line that says so and
 * the stored tokens kept; `refresh --all` over several such providers costs about one deadline.
 * Real servers on loopback, the real binary.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import {after, before, describe, test} from 'node:test';
import {cappedFetch, OfflineError} from '../../source/auth/http.js';
import type {Account} from '../../source/domain.js';
import {describeRun, requireBuild, runCli, TempVault} from '../helpers/cli.js';
import {openTestContext} from '../helpers/sign-in.js';

type Server = {readonly origin: string; close(): void};

/** Accepts connections and never answers a byte. */
async function hungServer(): Promise<Server> {
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('error', () => undefined);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
		close() {
			server.close();
			for (const socket of sockets) {
				socket.destroy();
			}
		},
	};
}

/** Answers 200 at once, then sends the body one byte a second, forever. */
async function drippingServer(): Promise<Server> {
	const timers = new Set<NodeJS.Timeout>();
	const server = http.createServer((_request, response) => {
		response.writeHead(200, {'content-type': 'application/json'});
		response.flushHeaders();
		const timer = setInterval(() => response.write(' '), 1000);
		timers.add(timer);
		response.on('close', () => clearInterval(timer));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
		close() {
			for (const timer of timers) {
				clearInterval(timer);
			}

			server.close();
			server.closeAllConnections();
		},
	};
}

const message = (origin: string, seconds: number) =>
	`the identity provider at ${new URL(origin).host} did not answer within ${seconds} s; stored tokens were kept`;

/** Generous: the machine is shared; the point is "the deadline, not 30 s or forever". */
const margin = 4000;

describe('cappedFetch: one deadline over the whole request', {timeout: 60_000}, () => {
	for (const kind of ['hung', 'dripping'] as const) {
		test(`a ${kind} server is given up on at the deadline`, async () => {
			const server = kind === 'hung' ? await hungServer() : await drippingServer();
			try {
				const started = performance.now();
				await assert.rejects(
					cappedFetch({timeout: 2})(`${server.origin}/.well-known/openid-configuration`, {
						method: 'GET',
						headers: {},
						redirect: 'manual',
					} as never),
					(error: Error) =>
						error instanceof OfflineError && error.message === message(server.origin, 2),
				);
				const elapsed = performance.now() - started;
				assert.ok(elapsed >= 1900, `gave up early, after ${Math.round(elapsed)} ms`);
				assert.ok(elapsed < 2000 + margin, `took ${Math.round(elapsed)} ms`);
			} finally {
				server.close();
			}
		});
	}
});

describe('refresh against hung and dripping providers, through the binary', {
	timeout: 120_000,
}, () => {
	let vault: TempVault;
	let hung: Server;
	let dripping: Server;
	const providers = ['slow-a', 'slow-b', 'slow-c', 'drip'] as const;

	before(async () => {
		requireBuild();
		hung = await hungServer();
		dripping = await drippingServer();
		vault = await TempVault.create('file');
		const context = await openTestContext(vault);
		for (const id of providers) {
			await context.store.dispatch({
				type: 'provider-added',
				provider: {
					id,
					name: id,
					kind: 'oidc',
					// Three hung providers, each its own server would do too: one listener is enough to hang.
					issuer: id === 'drip' ? dripping.origin : hung.origin,
					clientId: 'client',
					envVars: [],
				},
			});
			const at = new Date().toISOString();
			const account: Account = {
				id: `acct${id.replace('-', '')}01`,
				alias: id,
				providerId: id,
				organizations: [],
				environment: 'production',
				method: 'browser',
				scopes: ['openid', 'offline_access'],
				tokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
				refreshable: true,
				createdAt: at,
			};
			await context.store.dispatch({
				type: 'account-saved',
				account,
				aliasGiven: true,
				secret: {accessToken: `access-${id}-0123456789`, refreshToken: `refresh-${id}-0123456789`},
				at,
			});
		}
	});

	after(async () => {
		hung.close();
		dripping.close();
		await vault.cleanup();
	});

	const secrets = () => fs.readFileSync(vault.secretsFile, 'utf8');

	test('a hung provider: one line at the `request-timeout` setting, exit 1, tokens kept', async () => {
		const set = await runCli(['config', 'set', 'request-timeout', '2'], {env: vault.env});
		assert.equal(set.code, 0, describeRun(set));
		const before = secrets();
		const result = await runCli(['refresh', 'slow-a'], {env: vault.env});
		assert.equal(result.code, 1, describeRun(result));
		assert.equal(result.stderr, `authdeck: ${message(hung.origin, 2)}\n`);
		assert.ok(result.ms < 2000 + margin, `took ${Math.round(result.ms)} ms`);
		assert.equal(secrets(), before);
	});

	test('a provider dripping a byte a second: given up on at AUTHDECK_REQUEST_TIMEOUT', async () => {
		const before = secrets();
		const result = await runCli(['refresh', 'drip'], {
			env: {...vault.env, AUTHDECK_REQUEST_TIMEOUT: '3'},
		});
		assert.equal(result.code, 1, describeRun(result));
		assert.equal(result.stderr, `authdeck: ${message(dripping.origin, 3)}\n`);
		assert.ok(result.ms >= 2900, `gave up early, after ${Math.round(result.ms)} ms`);
		assert.ok(result.ms < 3000 + margin, `took ${Math.round(result.ms)} ms`);
		assert.equal(secrets(), before);
	});

	test('refresh --all over four stuck providers takes about one deadline, not four', async () => {
		const before = secrets();
		const deadline = 4;
		const result = await runCli(['refresh', '--all'], {
			env: {...vault.env, AUTHDECK_REQUEST_TIMEOUT: String(deadline)},
		});
		assert.equal(result.code, 1, describeRun(result));
		const lines = result.stdout.trim().split('\n');
		assert.deepEqual(
			lines,
			providers.map(
				(id) => `✗ ${id}: ${message(id === 'drip' ? dripping.origin : hung.origin, deadline)}`,
			),
		);
		// One after another this is 16 s; in parallel one deadline plus start-up.
		assert.ok(result.ms < 2 * deadline * 1000, `took ${Math.round(result.ms)} ms`);
		assert.equal(secrets(), before);
	});

	test('a bad AUTHDECK_REQUEST_TIMEOUT is one line, nothing sent', async () => {
		const result = await runCli(['refresh', 'slow-a'], {
			env: {...vault.env, AUTHDECK_REQUEST_TIMEOUT: 'soon'},
		});
		assert.equal(result.code, 1, describeRun(result));
		assert.match(
			result.stderr,
			/^authdeck: AUTHDECK_REQUEST_TIMEOUT must be between 1 and 600 seconds, not "soon"\n$/,
		);
		assert.ok(result.ms < margin, `took ${Math.round(result.ms)} ms`);
	});
});

/** Reads each request whole, then resets the connection without a byte of answer; counts them. */
async function resettingServer(): Promise<Server & {readonly requests: () => number}> {
	let requests = 0;
	const server = http.createServer((request, _response) => {
		requests++;
		request.resume();
		request.on('end', () => request.socket.resetAndDestroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
		requests: () => requests,
		close() {
			server.close();
			server.closeAllConnections();
		},
	};
}

describe('cappedFetch: what is sent again after a reset', {timeout: 30_000}, () => {
	const send = (origin: string, method: string) =>
		cappedFetch({timeout: 10, delays: [10, 10]})(`${origin}/auth/apikeys/`, {
			method,
			headers: {},
			body: method === 'POST' ? '{"name":"ci"}' : undefined,
			redirect: 'manual',
		} as never);

	test('a GET cut off after it was sent is tried again, up to three times in all', async () => {
		const server = await resettingServer();
		try {
			await assert.rejects(send(server.origin, 'GET'));
			assert.equal(server.requests(), 3);
		} finally {
			server.close();
		}
	});

	test('a POST cut off after it was sent is not repeated: it may have created something', async () => {
		const server = await resettingServer();
		try {
			await assert.rejects(send(server.origin, 'POST'));
			assert.equal(server.requests(), 1);
		} finally {
			server.close();
		}
	});
});
