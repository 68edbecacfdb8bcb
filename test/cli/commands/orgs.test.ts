/** orgs and org switch on an account's organisations. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
	findOrganization,
	formatOrganizations,
	listOrganizations,
} from '../../../source/cli/commands/orgs.js';
import type {Account} from '../../../source/domain.js';

const account: Account = {
	id: 'acct000001',
	alias: 'work',
	providerId: 'acme',
	organizations: [
		{id: 'org_a', name: 'Acme Corp', plan: 'enterprise'},
		{id: 'org_b', name: 'Acme Labs'},
		{id: 'org_c', name: 'acme labs'},
		{id: 'org_d', name: '\u001b]0;pwned\u0007Evil'},
	],
	activeOrgId: 'org_a',
	environment: 'production',
	method: 'browser',
	scopes: [],
	refreshable: true,
	createdAt: '2026-01-01T00:00:00Z',
};

test('finds by id, then by a unique name (any case); ambiguous and unknown names are refused', () => {
	assert.equal(findOrganization(account, 'org_b').name, 'Acme Labs');
	assert.equal(findOrganization(account, 'ACME CORP').id, 'org_a');
	assert.throws(
		() => findOrganization(account, 'Acme Labs'),
		/names 2 organizations of "work"; use the id/,
	);
	assert.throws(() => findOrganization(account, 'Initech'), /no organization "Initech"/);
});

test('lists with the active one marked, --org marking another for one run, and prints inert', () => {
	assert.deepEqual(
		listOrganizations(account).map((org) => org.active),
		[true, false, false, false],
	);
	assert.deepEqual(
		listOrganizations(account, 'org_b').map((org) => org.active),
		[false, true, false, false],
	);
	const text = formatOrganizations(account, listOrganizations(account));
	assert.match(text, /^● Acme Corp\s+org_a\s+enterprise$/m);
	assert.ok(!text.includes('\u001b') && !text.includes('\u0007'));
});
