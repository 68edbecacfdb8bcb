/** The provider API client against the Vast.ai stand-in: root, 401/403 explained, 429 retried once, keys kept out of answers. */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {cappedFetch} from '../../source/auth/http.js';
import {findProvider} from '../../source/auth/providers.js';
import {emptyVault, type Provider, type ProviderApi} from '../../source/domain.js';
import {createKey, deleteKey, listKeys, showKey} from '../../source/providers/keys.js';
import {
	type ApiTarget,
	apiRoot,
	ProviderError,
	retryAfter,
} from '../../source/providers/request.js';
import {askWhoami} from '../../source/providers/whoami.js';
import {startVastServer, type VastServer} from '../helpers/vast-server.js';

const vast = findProvider(emptyVault, 'vast') as Provider & {api: ProviderApi};

describe('provider API (Vast.ai stand-in)', () => {
	let server: VastServer;
	let key: string;
	const target = (
		sent = key,
		from = 'the stored account "gpu" (the active vast account)',
	): ApiTarget => ({
		provider: vast,
		root: apiRoot(vast, {baseUrl: server.url, environment: 'production'}),
		sent: {key: sent, from},
		fetch: cappedFetch({}),
	});

	before(async () => {
		server = await startVastServer();
		key = server.addKey('main').key;
	});
	after(() => server.close());

	test('the API root: the account base URL, else the environment, else the preset, with /api/v0 once', () => {
		assert.equal(apiRoot(vast, undefined), 'https://console.vast.ai/api/v0');
		assert.equal(
			apiRoot(vast, {baseUrl: 'https://console.vast.ai'}),
			'https://console.vast.ai/api/v0',
		);
		assert.equal(apiRoot(vast, {baseUrl: 'http://127.0.0.1:9/'}), 'http://127.0.0.1:9/api/v0');
		assert.equal(apiRoot(vast, {baseUrl: 'http://h/api/v0'}), 'http://h/api/v0');
		assert.equal(apiRoot(vast, {baseUrl: 'http://a'}, 'http://b'), 'http://b/api/v0');
		const staged = {...vast, api: {...vast.api, baseUrls: {staging: 'https://staging.example'}}};
		assert.equal(apiRoot(staged, {environment: 'staging'}), 'https://staging.example/api/v0');
	});

	test('who am I keeps the preset fields and drops api_key', async () => {
		const user = await askWhoami(target());
		assert.equal(user.id, 4242);
		assert.equal(user.email, 'gpu@company.com');
		assert.equal(user.balance, 12.5);
		assert.ok(!('api_key' in user));
		assert.ok(!JSON.stringify(user).includes(key));
		assert.equal(server.requests.at(-1)?.key, key, 'sent as Authorization: Bearer KEY');
	});

	test('a 401 names the key sent, masked, where it came from, and what to do', async () => {
		const wrong = `${'f'.repeat(60)}abcd`;
		const error = await askWhoami(target(wrong, 'VAST_API_KEY from the environment')).catch(
			(e: unknown) => e,
		);
		assert.ok(error instanceof ProviderError);
		assert.equal(error.status, 401);
		assert.match(error.message, /Vast\.ai refused the key \(401: Invalid user key\)/);
		assert.match(error.message, /authdeck sent \*\*\*\*abcd, VAST_API_KEY from the environment/);
		assert.match(error.message, /manage-keys/);
		assert.ok(!error.message.includes(wrong));
	});

	test('a 403 is explained the same way; a server echoing the key does not make it print', async () => {
		server.inject('list', {
			status: 403,
			body: {success: false, error: 'forbidden', msg: `key ${key} lacks rights`},
		});
		const error = (await listKeys(target()).catch((e: unknown) => e)) as ProviderError;
		assert.equal(error.status, 403);
		assert.match(error.message, /refused the key \(403: key \*\*\*\*.{4} lacks rights\)/);
		assert.ok(!error.message.includes(key));
	});

	test('429: waits for Retry-After, tries once more, and succeeds', async () => {
		server.inject('list', {
			status: 429,
			headers: {'retry-after': '1'},
			body: {success: false, error: 'rate', msg: 'slow down'},
		});
		const start = Date.now();
		const count = server.requests.length;
		const keys = await listKeys(target());
		assert.equal(keys.length, 1);
		assert.equal(server.requests.length - count, 2);
		assert.ok(Date.now() - start >= 900, 'waited about a second');
	});

	test('429 twice: one retry only, then says so', async () => {
		server.inject('whoami', {status: 429, times: 2});
		const count = server.requests.length;
		await assert.rejects(
			askWhoami(target()),
			/rate limiting this key \(429\).*again after one retry/,
		);
		assert.equal(server.requests.length - count, 2);
	});

	test('Retry-After: seconds, a date, absent (1 s), capped', () => {
		const with_ = (value?: string) =>
			new Response(null, {status: 429, headers: value ? {'retry-after': value} : {}});
		assert.equal(retryAfter(with_()), 1);
		assert.equal(retryAfter(with_('3')), 3);
		assert.equal(retryAfter(with_('9999')), 10);
		assert.equal(retryAfter(with_(new Date(Date.now() + 4000).toUTCString())), 4);
	});

	test('the key lifecycle: create, list, show, delete; a 404 is one clear line', async () => {
		const created = await createKey(target(), {
			name: 'ci',
			permissions: {api: {instance_read: {}}},
		});
		assert.ok(server.isLive(created.key));
		assert.deepEqual(server.keys.get(Number(created.id))?.rights, {api: {instance_read: {}}});
		const listed = await listKeys(target());
		assert.deepEqual(listed.map((k) => k.id).sort(), [...server.keys.keys()].map(String).sort());
		assert.equal((await showKey(target(), created.id)).key, created.key);
		await deleteKey(target(), created.id);
		assert.ok(!server.isLive(created.key));
		await assert.rejects(
			deleteKey(target(), created.id),
			/Vast\.ai answered 404: no key \d+ for DELETE/,
		);
		await assert.rejects(showKey(target(), '../x'), /a key id is letters/);
	});
});
