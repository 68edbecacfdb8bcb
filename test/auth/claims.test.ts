/** Organisations, profile and token changes from ID token and userinfo claims. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {organizationsOf, profileOf, tokenChanges} from '../../source/auth/claims.js';
import {formatWhoami} from '../../source/cli/commands/whoami.js';

test('an organizations claim of objects', () => {
	assert.deepEqual(
		organizationsOf({
			organizations: [
				{id: 'org_1', name: 'One', role: 'owner'},
				{id: 'org_2', name: 'Two'},
			],
			org: 'org_2',
		}),
		{
			organizations: [
				{id: 'org_1', name: 'One', plan: 'owner'},
				{id: 'org_2', name: 'Two'},
			],
			activeOrgId: 'org_2',
		},
	);
});

test('org and orgs claims of ids', () => {
	assert.deepEqual(organizationsOf({orgs: ['a', 'b'], org: 'b'}), {
		organizations: [
			{id: 'a', name: 'a'},
			{id: 'b', name: 'b'},
		],
		activeOrgId: 'b',
	});
	assert.deepEqual(organizationsOf({org: {id: 'x', name: 'X Corp'}}), {
		organizations: [{id: 'x', name: 'X Corp'}],
		activeOrgId: 'x',
	});
	assert.deepEqual(organizationsOf({}), {organizations: [], activeOrgId: undefined});
	assert.deepEqual(organizationsOf({org_id: 'org_9', org_name: 'Nine'}), {
		organizations: [{id: 'org_9', name: 'Nine'}],
		activeOrgId: 'org_9',
	});
	assert.equal(organizationsOf({organization: {id: 'o', name: 'O'}}).activeOrgId, 'o');
	assert.deepEqual(organizationsOf({orgs: 'not-a-list', organizations: [42, null]}).organizations, [
		{id: 'not-a-list', name: 'not-a-list'},
	]);
});

test('userinfo completes the ID token; hostile claims are stored bounded and printed inert', () => {
	const profile = profileOf(
		{sub: 'u1', email: 'a@b.test'},
		{name: `\u001b[2J\u001b]52;c;ZXZpbA==\u0007Mallory\u202E${'x'.repeat(5000)}`, org: 'o'},
	);
	assert.equal(profile.subject, 'u1');
	assert.ok((profile.name ?? '').length <= 200);
	const text = formatWhoami({
		user: {id: 'u1', email: profile.email ?? null, name: profile.name ?? null},
		organization: {id: 'o', name: 'o'},
		permissions: ['openid'],
		account: {alias: 'a', provider: 'p', method: 'browser', tokenExpiresAt: null},
	});
	for (const char of ['\u001b', '\u0007', '\u202E']) {
		assert.ok(!text.includes(char));
	}
});

test('token changes: expiry, scopes, the masked hint', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');
	const changes = tokenChanges(
		{
			access_token: 'eyJhbGciOiJSUzI1NiJ9.payload.signature',
			token_type: 'bearer',
			expires_in: 60,
			scope: 'openid email',
		},
		now,
	);
	assert.equal(changes.tokenExpiresAt, '2026-01-01T00:01:00.000Z');
	assert.deepEqual(changes.scopes, ['openid', 'email']);
	assert.equal(changes.secretHint, '****ture');
});
