/** A refused call names the permission it lacked: from the answer, else from the preset's data. */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {cappedFetch} from '../../source/auth/http.js';
import {findProvider} from '../../source/auth/providers.js';
import {emptyVault, type Provider, type ProviderApi} from '../../source/domain.js';
import {createKey, deleteKey, listKeys} from '../../source/providers/keys.js';
import {missingPermission, permissionNames} from '../../source/providers/permission.js';
import {
	type ApiTarget,
	apiRoot,
	type PermissionReport,
	ProviderError,
} from '../../source/providers/request.js';
import {askWhoami} from '../../source/providers/whoami.js';
import {startVastServer, type VastServer} from '../helpers/vast-server.js';

const vast = findProvider(emptyVault, 'vast') as Provider & {api: ProviderApi};

describe('permissions of a refused call (Vast.ai stand-in)', () => {
	let server: VastServer;
	const reports: PermissionReport[] = [];
	const target = (key: string, rights?: string[]): ApiTarget => ({
		provider: vast,
		root: apiRoot(vast, {baseUrl: server.url}),
		sent: {key, from: 'the stored account "ro"'},
		fetch: cappedFetch({}),
		rights,
		onPermission: async (report) => {
			reports.push(report);
		},
	});

	before(async () => {
		server = await startVastServer();
	});
	after(() => server.close());

	test("a key whose rights lack user_write: the 403 names it, beside the key's own", async () => {
		const readOnly = server.addKey('ro', {api: {user_read: {}, instance_read: {}}});
		reports.length = 0;
		const error = await createKey(target(readOnly.key, ['user_read', 'instance_read']), {
			name: 'x',
		}).catch((e: unknown) => e);
		assert.ok(error instanceof ProviderError);
		assert.equal(error.status, 403);
		assert.deepEqual(error.missing, {
			permission: 'user_write',
			source: 'endpoint',
			noun: 'permission',
		});
		assert.match(
			error.message,
			/refused the key \(403: API key does not have permission for this request\) for POST \/auth\/apikeys\/: it needs the user_write permission, which the key lacks \(its permissions: user_read, instance_read\); authdeck sent \*{4}/,
		);
		assert.ok(!error.message.includes(readOnly.key));
		assert.deepEqual(reports, [
			{permission: 'user_write', call: 'POST /auth/apikeys/', allowed: false},
		]);
		await assert.rejects(deleteKey(target(readOnly.key), String(readOnly.id)), (e: unknown) => {
			assert.match((e as Error).message, /DELETE \/auth\/apikeys\/\d+\/: it needs the user_write/);
			return true;
		});
		assert.ok(server.isLive(readOnly.key), 'nothing was deleted');
	});

	test('an allowed call that needs a permission is reported as allowed', async () => {
		const full = server.addKey('full');
		reports.length = 0;
		await listKeys(target(full.key));
		await askWhoami(target(full.key));
		assert.deepEqual(reports, [
			{permission: 'user_read', call: 'GET /auth/apikeys/', allowed: true},
			{permission: 'user_read', call: 'GET /users/current/', allowed: true},
		]);
	});

	test('without user_read even "who am I" is refused, and says so', async () => {
		const none = server.addKey('misc only', {api: {misc: {}}});
		await assert.rejects(
			askWhoami(target(none.key)),
			/GET \/users\/current\/: it needs the user_read permission; authdeck sent/,
		);
	});

	test('what the answer names wins: an OAuth insufficient_scope challenge, a body field', async () => {
		const full = server.addKey('full');
		server.inject('list', {
			status: 403,
			headers: {'www-authenticate': 'Bearer error="insufficient_scope", scope="keys:read"'},
			body: {error: 'insufficient_scope'},
		});
		await assert.rejects(
			listKeys(target(full.key)),
			/GET \/auth\/apikeys\/: it needs the keys:read scope \(the answer says so\)/,
		);
		server.inject('whoami', {
			status: 403,
			body: {success: false, error: 'forbidden', required_permission: 'user_read\u001b[2J'},
		});
		const error = (await askWhoami(target(full.key)).catch((e: unknown) => e)) as ProviderError;
		assert.equal(error.missing?.source, 'answer');
		assert.ok(!error.message.includes('\u001b'), 'what the answer said is sanitised');
		server.inject('list', {status: 401});
		const unauthenticated = (await listKeys(target(full.key)).catch(
			(e: unknown) => e,
		)) as ProviderError;
		assert.equal(
			unauthenticated.missing,
			undefined,
			'a 401 is a bad key, not a missing permission',
		);
	});

	test("a key's rights as Vast.ai sends them, a list, or names", () => {
		assert.deepEqual(permissionNames({api: {user_read: {}, misc: {}}}), ['user_read', 'misc']);
		assert.deepEqual(permissionNames(['a', 'b', 3]), ['a', 'b']);
		assert.deepEqual(permissionNames(null), []);
		const none = new Response(null, {status: 403});
		assert.equal(missingPermission({...vast.api, requires: {}}, 'list', none, ''), undefined);
	});
});
