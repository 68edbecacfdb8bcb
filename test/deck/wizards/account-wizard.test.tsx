/**
 * The deck's add-account wizard signs in with a device code (the code and URI shown while it polls)
 * and with the browser, and esc cancels the wait. Real oidc-provider, the deck's own store.
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {render} from 'ink-testing-library';
import {App} from '../../../source/deck/app.js';
import {createDeckEffects} from '../../../source/deck/effects.js';
import type {Store} from '../../../source/store/store.js';
import {StoreContext} from '../../../source/store/use-store.js';
import {useIdentityProvider, useTempVault} from '../../helpers/cli.js';
import {alice, bob} from '../../helpers/identity-provider.js';
import {frameWith, press} from '../../helpers/ink.js';
import {addTestProvider, openTestContext, type TestContext} from '../../helpers/sign-in.js';
import {TestBrowser} from '../../helpers/test-browser.js';

describe('the account wizard signs in', () => {
	const idp = useIdentityProvider();
	const vault = useTempVault(undefined, {scope: 'all', env: {BROWSER: '/bin/false'}});
	let context: TestContext;
	let store: Store;
	const deck = createDeckEffects();

	before(async () => {
		context = await openTestContext(vault(), {effects: deck.effects});
		await addTestProvider(context, idp());
		store = context.store;
	});

	after(async () => {
		deck.dispose();
	});

	/** Resolves once the store's state satisfies `check` (bounded). */
	function until<T>(check: () => T | undefined, timeout = 30_000): Promise<T> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				unsubscribe();
				reject(new Error(`state never matched; busy: ${store.getState().ui.busy}`));
			}, timeout);
			const test = () => {
				const found = check();
				if (found !== undefined) {
					clearTimeout(timer);
					unsubscribe();
					resolve(found);
				}
			};

			const unsubscribe = store.subscribe(test);
			test();
		});
	}

	async function openWizard(instance: ReturnType<typeof render>, method: string) {
		await frameWith(instance, '1 Accounts');
		press(instance, 'a');
		await frameWith(instance, 'Add an account');
		for (let step = 0; step < 10 && !instance.lastFrame()?.includes('❯ Acme (acme)'); step++) {
			press(instance, 'down');
			await new Promise((resolve) => setTimeout(resolve, 20));
		}

		await frameWith(instance, '❯ Acme (acme)');
		press(instance, 'enter');
		await frameWith(instance, 'Sign in with the browser (PKCE)');
		if (method === 'device') {
			press(instance, 'down');
			await frameWith(instance, '❯ Sign in with a device code');
		}

		press(instance, 'enter');
		await frameWith(instance, 'Alias (optional)');
		press(instance, 'enter');
		await frameWith(instance, 'Environment');
		press(instance, 'enter');
	}

	test('device code in the deck: the code and URI are shown while polling; approval adds the account', async () => {
		const instance = render(
			<StoreContext.Provider value={store}>
				<App />
			</StoreContext.Provider>,
		);
		try {
			await openWizard(instance, 'device');
			const {url, code = ''} = await until(() => {
				const {signIn} = store.getState().ui;
				return signIn?.code ? signIn : undefined;
			});
			// Drawn large: one space between the characters, in a box.
			await frameWith(instance, Array.from(code).join(' '));
			await new TestBrowser().verifyDevice(url, code, bob);
			const account = await until(() =>
				store.getState().vault.accounts.find((candidate) => candidate.email === bob.email),
			);
			assert.equal(account.method, 'device');
			assert.deepEqual(
				account.organizations.map((org) => org.id),
				['org_acme'],
			);
			await frameWith(instance, /Added bob/);
		} finally {
			instance.unmount();
		}
	});

	test('browser in the deck: esc cancels the wait and saves nothing', async () => {
		const instance = render(
			<StoreContext.Provider value={store}>
				<App />
			</StoreContext.Provider>,
		);
		try {
			const before = store.getState().vault.accounts.length;
			await openWizard(instance, 'browser');
			await until(() => (store.getState().ui.signIn?.url.startsWith('http') ? true : undefined));
			await frameWith(instance, 'If no browser opened, visit:');
			press(instance, 'escape');
			await until(() =>
				store.getState().ui.notice?.text === 'Sign-in cancelled' ? true : undefined,
			);
			assert.equal(store.getState().vault.accounts.length, before);
			assert.ok(!store.getState().vault.accounts.some((account) => account.email === alice.email));
		} finally {
			instance.unmount();
		}
	});
});
