// `provider add --whoami`: a user-defined API-key provider declares its "who am I" endpoint and where
// its answer holds the key's permissions, as the presets declare theirs (domain/provider-api.ts);
// whoami and permissions ask it for that provider's accounts. Against a small server on loopback,
// with the CLI spawned asynchronously so the server keeps answering.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {after, before, beforeEach, describe, test} from 'node:test';
import {maskSecret} from '../../../source/lib/mask.js';
import {oneErrorLine, plantedKey, useTempVault} from '../../helpers/cli.js';

type Seen = {path: string; key: string | undefined; authorization: string | undefined};

describe('provider add --whoami: whoami and permissions for its accounts', () => {
	const vault = useTempVault('file');
	let server: http.Server;
	let base: string;
	const seen: Seen[] = [];
	const live = plantedKey('ak_live_');
	// What the server answers as the key's permissions; a test changes it.
	let permissions: unknown;

	before(async () => {
		server = http.createServer((request, response) => {
			const key = request.headers['x-api-key'];
			seen.push({
				path: request.url ?? '',
				key: typeof key === 'string' ? key : undefined,
				authorization: request.headers.authorization,
			});
			response.setHeader('content-type', 'application/json');
			if (request.url !== '/v1/me') {
				response.writeHead(404).end('{"message":"not found"}');
			} else if (key !== live) {
				response.writeHead(401).end('{"message":"unknown key"}');
			} else {
				response.end(
					JSON.stringify({
						data: {
							user: {id: 42, email: 'dev@acme.test', name: 'Dev', api_secret: 'never-kept'},
							permissions,
						},
					}),
				);
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	after(() => new Promise<void>((resolve) => server.close(() => resolve())));
	beforeEach(() => {
		seen.length = 0;
		permissions = ['calls:read', 'keys:write'];
	});

	const addAcme = (...extra: string[]) =>
		vault().ok([
			...['provider', 'add', 'acme', '--kind', 'api-key', '--whoami', `${base}/v1/me`],
			...['--whoami-within', 'data.user', '--auth-header', 'X-Api-Key', ...extra, '--json'],
		]);

	test('declared as the presets declare theirs, stored with the provider and listed', async () => {
		const added = JSON.parse((await addAcme('--permissions-field', 'data.permissions')).stdout);
		assert.equal(added.baseUrl, base, "the URL's origin is the API's base URL");
		assert.deepEqual(added.api, {
			basePath: '',
			auth: {header: 'X-Api-Key', prefix: ''},
			whoami: {
				path: '/v1/me',
				within: 'data.user',
				fields: ['id', 'email', 'name', 'username'],
				permissions: 'data.permissions',
			},
		});
		assert.deepEqual(
			vault()
				.read()
				.providers.find((p) => p.id === 'acme')?.api,
			added.api,
		);
		const listed = JSON.parse((await vault().ok(['provider', 'list', '--json'])).stdout);
		assert.deepEqual(listed.find((p: {id: string}) => p.id === 'acme').whoami, {
			url: `${base}/v1/me`,
			fields: ['id', 'email', 'name', 'username'],
			within: 'data.user',
			permissionsField: 'data.permissions',
		});
		assert.ok(
			(await vault().ok(['provider', 'list'])).stdout.includes(
				`\n                 whoami ${base}/v1/me, permissions in data.permissions\n`,
			),
		);
		// A path below --api-base-url, and Authorization: Bearer unless told otherwise.
		const beta = await vault().ok([
			...['provider', 'add', 'beta', '--kind', 'api-key', '--api-base-url', `${base}/v2`],
			...['--whoami', '/users/me', '--json'],
		]);
		const {baseUrl, api} = JSON.parse(beta.stdout);
		assert.deepEqual(
			[baseUrl, api.whoami.path, api.auth],
			[`${base}/v2`, '/users/me', {header: 'Authorization', prefix: 'Bearer '}],
		);
	});

	test('whoami asks the endpoint with the key in its header and keeps only the declared fields', async () => {
		await addAcme('--permissions-field', 'data.permissions');
		await vault().login(live, ['--provider', 'acme', '--alias', 'acme-dev']);
		const data = JSON.parse((await vault().ok(['whoami', '--json'])).stdout);
		assert.deepEqual(data.provider, {id: 42, email: 'dev@acme.test', name: 'Dev'});
		assert.deepEqual([data.user.id, data.user.email], ['42', 'dev@acme.test']);
		assert.deepEqual(data.permissions, ['calls:read', 'keys:write']);
		assert.deepEqual(seen, [{path: '/v1/me', key: live, authorization: undefined}]);
		assert.ok(!fs.readFileSync(vault().configFile, 'utf8').includes('never-kept'));
		const text = (await vault().ok(['whoami'])).stdout;
		assert.match(text, /^ {2}Permissions: {2}calls:read keys:write$/m);
		assert.match(text, /Checked at the provider: key accepted; name Dev/);
	});

	test('permissions asks what the key may do now, records it, and names a refused key', async () => {
		await addAcme('--permissions-field', 'data.permissions');
		await vault().login(live, ['--provider', 'acme', '--alias', 'acme-dev']);
		const json = JSON.parse((await vault().ok(['permissions', '--json'])).stdout);
		assert.deepEqual([json.source, json.permissions], ['reported', ['calls:read', 'keys:write']]);
		permissions = 'calls:read calls:write';
		assert.equal(
			(await vault().ok(['permissions'])).stdout,
			'acme-dev (acme, api-key)\n  Permissions acme reports for this key:\n    calls:read\n    calls:write\n',
		);
		assert.deepEqual(vault().read().accounts[0]?.scopes, ['calls:read', 'calls:write']);
		assert.equal(seen.length, 2);

		const wrong = plantedKey('ak_dead_');
		await vault().login(wrong, ['--provider', 'acme', '--alias', 'acme-old']);
		for (const command of ['permissions', 'whoami']) {
			const line = oneErrorLine(await vault().run([command, '--account', 'acme-old']));
			assert.match(line, /acme refused the key \(401: unknown key\) for GET \/v1\/me/, command);
			assert.ok(line.includes(maskSecret(wrong)) && !line.includes(wrong), line);
		}
	});

	test('without --permissions-field, permissions stays offline and says the provider reports none', async () => {
		await addAcme();
		await vault().login(live, ['--provider', 'acme', '--alias', 'acme-dev']);
		const json = JSON.parse((await vault().ok(['permissions', '--json'])).stdout);
		assert.deepEqual([json.source, json.permissions], ['unknown', []]);
		assert.deepEqual(seen, [], 'not asked');
		assert.deepEqual(JSON.parse((await vault().ok(['whoami', '--json'])).stdout).permissions, []);
		assert.equal(seen.length, 1);
	});

	test('bad definitions: one line each, nothing added', async () => {
		const before = fs.existsSync(vault().configFile)
			? fs.readFileSync(vault().configFile, 'utf8')
			: undefined;
		const add = ['provider', 'add', 'x', '--kind', 'api-key'];
		const cases: Array<[string[], RegExp]> = [
			[
				[...add, '--whoami', 'http://api.acme.test/me'],
				/plain http:\/\/ is only accepted on loopback addresses; use https:\/\//,
			],
			[[...add, '--whoami', 'https://u:p@api.acme.test/me'], /no credentials or fragment/],
			[[...add, '--whoami', '/me'], /is a path: give --api-base-url too/],
			[
				[...add, '--api-base-url', 'http://api.acme.test', '--whoami', '/me'],
				/invalid API base URL .*plain http:\/\/ is only accepted on loopback/,
			],
			[
				[...add, '--api-base-url', 'https://api.acme.test/v1', '--whoami', '/../admin'],
				/is not below --api-base-url https:\/\/api\.acme\.test\/v1/,
			],
			[
				[...add, '--api-base-url', 'https://api.acme.test', '--whoami', 'https://evil.test/me'],
				/is not below --api-base-url/,
			],
			[[...add, '--permissions-field', 'scopes'], /describes the --whoami endpoint: give --whoami/],
			[[...add, '--whoami', 'https://a.test/me', '--permissions-field', 'a b'], /invalid/],
			[[...add, '--whoami', 'https://a.test/me', '--auth-header', 'X Key'], /a header name/],
			[
				['provider', 'add', 'x', '--whoami', 'https://a.test/me', '--issuer', 'https://a.test'],
				/--whoami is for --kind api-key/,
			],
		];
		for (const [args, message] of cases) {
			assert.match(oneErrorLine(await vault().run(args)), message, args.join(' '));
		}

		const after = fs.existsSync(vault().configFile)
			? fs.readFileSync(vault().configFile, 'utf8')
			: undefined;
		assert.equal(after, before);
	});
});
