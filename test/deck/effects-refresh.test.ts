/** `r` in the deck on a signed-in account: the effects refresh it against a real OpenID provider. */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {createDeckEffects} from '../../source/deck/effects.js';
import type {Account} from '../../source/domain.js';
import type {Store} from '../../source/store/store.js';
import {readAccountSecret} from '../../source/vault/read-secret.js';
import {useIdentityProvider, useTempVault} from '../helpers/cli.js';
import {alice} from '../helpers/identity-provider.js';
import {addTestProvider, openTestContext, signInAs, type TestContext} from '../helpers/sign-in.js';

describe('the deck effects refresh a signed-in account', () => {
	const idp = useIdentityProvider();
	const vault = useTempVault(undefined, {scope: 'all', env: {BROWSER: '/bin/false'}});
	let context: TestContext;
	let store: Store;
	const deck = createDeckEffects();
	let account: Account;

	before(async () => {
		context = await openTestContext(vault(), {effects: deck.effects});
		await addTestProvider(context, idp());
		account = await signInAs(context, alice, 'alice');
		store = context.store;
	});

	after(async () => {
		deck.dispose();
	});

	test('r refreshes a signed-in account and saves the new token', async () => {
		assert.ok(account.refreshable, 'the browser sign-in gave a refresh token');
		const before = await readAccountSecret(context, account.id);
		await store.dispatch({
			type: 'intent-requested',
			intent: {type: 'refresh-account', accountId: account.id},
		});
		assert.equal(store.getState().ui.notice?.text, "Refreshed alice's token");
		assert.equal(store.getState().ui.busy, undefined, 'the spinner is gone');
		const after = await readAccountSecret(context, account.id);
		assert.ok(
			after?.accessToken && after.accessToken !== before?.accessToken,
			'a new access token',
		);
	});

	test('a refresh the provider refuses says so on the status line and marks the account', async () => {
		// A refresh token the provider does not know: as after a revocation elsewhere.
		const secret = await readAccountSecret(context, account.id);
		await context.store.dispatch({
			type: 'tokens-updated',
			accountId: account.id,
			changes: {},
			secret: {...secret, refreshToken: 'not-a-real-refresh-token'},
		});
		await store.dispatch({
			type: 'intent-requested',
			intent: {type: 'refresh-account', accountId: account.id},
		});
		const {notice} = store.getState().ui;
		assert.equal(notice?.level, 'error');
		assert.match(notice?.text ?? '', /sign in again|invalid_grant|refused/i);
		const saved = store.getState().vault.accounts.find((a) => a.id === account.id);
		assert.equal(saved?.needsSignIn, true, 'the expiry panel shows "sign in again"');
	});
});
