/**
 * enter on a catalogue row of an OpenID provider: the add-account wizard asks only browser or
 * device code, and signs in with the template's alias, environment and protection. Real
 * oidc-provider, the deck's own store and effects.
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {render} from 'ink-testing-library';
import {App} from '../../../source/deck/app.js';
import {createDeckEffects} from '../../../source/deck/effects.js';
import {StoreContext} from '../../../source/store/use-store.js';
import {useIdentityProvider, useTempVault} from '../../helpers/cli.js';
import {bob} from '../../helpers/identity-provider.js';
import {frameWith, press} from '../../helpers/ink.js';
import {addTestProvider, openTestContext, type TestContext} from '../../helpers/sign-in.js';
import {TestBrowser} from '../../helpers/test-browser.js';

describe('signing in from a catalogue row of an OpenID provider', () => {
	const idp = useIdentityProvider();
	const vault = useTempVault(undefined, {scope: 'all', env: {BROWSER: '/bin/false'}});
	let context: TestContext;
	const deck = createDeckEffects();

	before(async () => {
		context = await openTestContext(vault(), {effects: deck.effects});
		await addTestProvider(context, idp());
		await context.store.dispatch({
			type: 'catalog-saved',
			catalog: {
				name: 'team',
				url: '/srv/team.git',
				entries: {
					providers: [],
					accounts: [
						{alias: 'acme-ops', provider: 'acme', environment: 'staging', protected: true},
					],
					credentials: [],
				},
			},
		});
	});

	after(() => {
		deck.dispose();
	});

	test('device code from a catalogue row: only the method is asked; the template is what is saved', async () => {
		const {store} = context;
		const instance = render(
			<StoreContext.Provider value={store}>
				<App />
			</StoreContext.Provider>,
		);
		try {
			// No account yet: the row is the first entry, under the cursor.
			await frameWith(instance, /▸ ○ acme-ops +not yet · team +STG/);
			press(instance, 'enter');
			await frameWith(instance, 'Sign in to acme-ops (from catalogue team)');
			await frameWith(instance, 'Sign in with the browser (PKCE)');
			press(instance, 'down');
			await frameWith(instance, '❯ Sign in with a device code');
			press(instance, 'enter');
			const {url, code = ''} = await new Promise<{url: string; code?: string}>((resolve) => {
				const check = () => {
					const {signIn} = store.getState().ui;
					if (signIn?.code) {
						unsubscribe();
						resolve(signIn);
					}
				};

				const unsubscribe = store.subscribe(check);
				check();
			});
			await new TestBrowser().verifyDevice(url, code, bob);
			// The deck's first poll comes 5 s after the code (RFC 8628's default interval), nearly all of
			// frameWith's usual wait; one that comes before the approval is followed by another 5 s on.
			const frame = await frameWith(instance, /Added acme-ops/, 15_000);
			assert.ok(!frame.includes('not signed in yet'), 'the row became the account');
			const account = store.getState().vault.accounts.find((a) => a.alias === 'acme-ops');
			assert.equal(account?.email, bob.email);
			assert.equal(account?.method, 'device');
			assert.equal(account?.environment, 'staging');
			assert.equal(account?.protected, true);
		} finally {
			instance.unmount();
		}
	});
});
