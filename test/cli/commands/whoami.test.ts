/** whoami: user, organisation (active, or --org for one run), permissions; offline shows what is stored. */
import assert from 'node:assert/strict';
import {before, describe, test} from 'node:test';
import {whoami} from '../../../source/cli/commands/whoami.js';
import type {Account} from '../../../source/domain.js';
import {useIdentityProvider, useTempVault} from '../../helpers/cli.js';
import {alice} from '../../helpers/identity-provider.js';
import {
	addTestProvider,
	openTestContext,
	signInAs,
	type TestContext,
} from '../../helpers/sign-in.js';

describe('whoami against oidc-provider', () => {
	const idp = useIdentityProvider();
	const vault = useTempVault(undefined, {scope: 'all'});
	let context: TestContext;
	let account: Account;

	before(async () => {
		context = await openTestContext(vault());
		await addTestProvider(context, idp());
		account = await signInAs(context, alice, 'alice');
	});

	test('the shape: user, organization, permissions', async () => {
		const data = await whoami(context, account);
		assert.deepEqual(data.user, {id: 'user-alice', email: 'alice@acme.test', name: 'Alice Admin'});
		assert.deepEqual(data.organization, {id: 'org_acme', name: 'Acme Corp'});
		assert.deepEqual([...data.permissions].sort(), [
			'email',
			'offline_access',
			'openid',
			'profile',
		]);
	});

	test('--org picks an organisation for one run, by id or name, without saving it', async () => {
		assert.equal((await whoami(context, account, 'globex labs')).organization?.id, 'org_globex');
		assert.equal((await whoami(context, account, 'org_globex')).organization?.name, 'Globex Labs');
		assert.equal(context.store.getState().vault.accounts[0]?.activeOrgId, 'org_acme');
		await assert.rejects(whoami(context, account, 'Initech'), /no organization "Initech"/);
	});

	test('offline, with a token to refresh: a warning and the stored data', async () => {
		await context.store.dispatch({
			type: 'tokens-updated',
			accountId: account.id,
			changes: {tokenExpiresAt: new Date(Date.now() + 5000).toISOString()},
		});
		await idp().close();
		const stored = context.store
			.getState()
			.vault.accounts.find((a) => a.id === account.id) as Account;
		const data = await whoami(context, stored);
		assert.equal(data.user.email, 'alice@acme.test');
		assert.match(context.warnings.join('\n'), /offline/);
	});
});
