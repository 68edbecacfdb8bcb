/** The whole deck on a fixture state (no disk): panels, focus, help, organization switch. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {App} from '../../source/deck/app.js';
import {bindings, modeBindings, scopeLabel} from '../../source/deck/bindings/index.js';
import {createStore} from '../../source/store/store.js';
import {StoreContext} from '../../source/store/use-store.js';
import {fixtureState} from '../helpers/fixtures.js';
import {frameWith, press} from '../helpers/ink.js';

function deck() {
	const store = createStore(fixtureState());
	const instance = render(
		<StoreContext.Provider value={store}>
			<App />
		</StoreContext.Provider>,
	);
	return {store, instance};
}

test('header, four panels and the footer', async () => {
	const {instance} = deck();
	const frame = await frameWith(instance, '4 Credentials (prod)');
	assert.match(frame, /authdeck · storage: keychain · current: prod \(vapi\)/);
	for (const title of ['1 Accounts', '2 Organization (prod)', '3 Token expiry']) {
		assert.ok(frame.includes(title), title);
	}

	assert.match(frame, /enter switch {2}a add/);
	instance.unmount();
});

test('insecure-skip-verify on: the header says TLS is not verified', async () => {
	const state = fixtureState();
	const store = createStore({
		...state,
		vault: {...state.vault, settings: {...state.vault.settings, insecureSkipVerify: true}},
	});
	const instance = render(
		<StoreContext.Provider value={store}>
			<App />
		</StoreContext.Provider>,
	);
	const frame = await frameWith(instance, '4 Credentials (prod)');
	assert.match(frame, /authdeck · storage: keychain +⚠ TLS NOT VERIFIED +· current/);
	instance.unmount();
	const {instance: plain} = deck();
	assert.doesNotMatch(await frameWith(plain, '4 Credentials (prod)'), /TLS NOT VERIFIED/i);
	plain.unmount();
});

test('o goes to the organizations; enter makes the one under the cursor active', async () => {
	const {store, instance} = deck();
	await frameWith(instance, '● Acme Corp');
	press(instance, 'o');
	await frameWith(instance, 'enter/o use org');
	press(instance, 'down');
	await frameWith(instance, /○ Acme Labs/);
	press(instance, 'enter');
	await frameWith(instance, '● Acme Labs');
	assert.equal(store.getState().vault.accounts[0]?.activeOrgId, 'org_abc124');
	instance.unmount();
});

/** The start of a description, which the help overlay never wraps away from its key. */
const firstWords = (text: string) => text.split(' ').slice(0, 3).join(' ');

test('tab and 1-4 move the focus; ? lists every key; esc closes it', async () => {
	const {store, instance} = deck();
	await frameWith(instance, '1 Accounts');
	press(instance, 'tab');
	await frameWith(instance, 'enter/o use org');
	assert.equal(store.getState().ui.focus, 'organization');
	press(instance, 'shift+tab');
	await frameWith(instance, 'enter switch');
	press(instance, '4');
	await frameWith(instance, 'a add  s reveal  d remove');
	press(instance, '?');
	const help = await frameWith(instance, 'Keys of the panels');
	// The first keys; test/deck/help.test.ts scrolls through all of them at 80x24 and 60x16.
	const first = scopeLabel(bindings[0]?.scope ?? 'global');
	for (const binding of bindings.filter((b) => scopeLabel(b.scope) === first).slice(0, 2)) {
		assert.ok(help.includes(firstWords(binding.description)), binding.description);
	}

	press(instance, 'escape');
	await frameWith(instance, '4 Credentials');
	instance.unmount();
});

test('in the help, tab turns to the keys of the dialogs and the filter', async () => {
	const {instance} = deck();
	await frameWith(instance, '1 Accounts');
	press(instance, '?');
	await frameWith(instance, 'esc close  tab page');
	press(instance, 'tab');
	const page = await frameWith(instance, 'Keys of the dialogs and the filter');
	for (const binding of modeBindings.slice(0, 5)) {
		assert.ok(page.includes(firstWords(binding.description)), binding.description);
	}

	press(instance, 'tab');
	await frameWith(instance, 'Keys of the panels');
	instance.unmount();
});

test('a key that does not apply says why on the status line', async () => {
	const {instance} = deck();
	await frameWith(instance, '1 Accounts');
	press(instance, 'enter');
	await frameWith(instance, 'this is already the current account');
	instance.unmount();
});

test('keys that arrive together are each pressed (a held j on a slow machine)', async () => {
	const {store, instance} = deck();
	await frameWith(instance, '1 Accounts');
	instance.stdin.write('jj');
	await frameWith(instance, /▸ {3}soon/);
	assert.equal(store.getState().ui.selectedAccountId, 'acctsoon01');
	instance.unmount();
});
