/** The deck under a profile that sets an account's organization: the panel, the header and `o`/enter follow it. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {announce} from '../../source/deck/announce.js';
import {App} from '../../source/deck/app.js';
import {createStore} from '../../source/store/store.js';
import {StoreContext} from '../../source/store/use-store.js';
import {fixtureState, fixtureVault} from '../helpers/fixtures.js';
import {frameWith, press} from '../helpers/ink.js';

/** prod's own organization is Acme Corp; profile staging, in use, gives it Acme Labs. */
function deck(profile: 'staging' | 'default' = 'staging') {
	const vault = fixtureVault({
		profile,
		profiles: {
			staging: {overrides: {organizations: {acctprod01: 'org_abc124'}}},
			default: {},
		},
	});
	const store = createStore(fixtureState({}, vault));
	const instance = render(
		<StoreContext.Provider value={store}>
			<App />
		</StoreContext.Provider>,
	);
	return {store, instance};
}

const override = (store: ReturnType<typeof deck>['store']) =>
	store.getState().vault.profiles?.staging?.overrides?.organizations?.acctprod01;

test("the panel marks the profile's organization and the header names it", async () => {
	const {instance} = deck();
	const frame = await frameWith(instance, '● Acme Labs');
	assert.match(frame, /○ Acme Corp/);
	assert.match(frame, /current: prod \(vapi\) · profile: staging · org: Acme Labs/);
	instance.unmount();
	const plain = deck('default');
	const own = await frameWith(plain.instance, '● Acme Corp');
	assert.match(own, /profile: default · org: Acme Corp/);
	plain.instance.unmount();
});

test("o starts on the profile's organization; enter changes the profile's choice, not the account's own", async () => {
	const {store, instance} = deck();
	await frameWith(instance, '● Acme Labs');
	press(instance, 'o');
	await frameWith(instance, 'enter/o use org');
	assert.equal(store.getState().ui.cursor.organization, 1, 'the cursor on Acme Labs');
	press(instance, 'up');
	await frameWith(instance, /○ Acme Corp/);
	press(instance, 'enter');
	await frameWith(instance, /org: Acme Corp/);
	assert.equal(
		announce(
			{type: 'organization-switched', accountId: 'acctprod01', orgId: 'org_abc123'},
			store.getState(),
		)?.text,
		"Acme Corp is now prod's organization in profile staging",
	);
	assert.equal(override(store), 'org_abc123');
	assert.equal(store.getState().vault.accounts[0]?.activeOrgId, 'org_abc123', 'own one untouched');
	press(instance, 'down', 'enter');
	await frameWith(instance, '● Acme Labs');
	assert.equal(override(store), 'org_abc124');
	assert.equal(store.getState().vault.accounts[0]?.activeOrgId, 'org_abc123');
	instance.unmount();
});
