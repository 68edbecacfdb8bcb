import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {AccountsPanel} from '../../../source/deck/panels/accounts.js';
import type {State} from '../../../source/store/state.js';
import {createStore} from '../../../source/store/store.js';
import {StoreContext} from '../../../source/store/use-store.js';
import {fixtureState, fixtureVault, manyAccounts} from '../../helpers/fixtures.js';

function show(state: State, height = 20) {
	const store = createStore(state);
	return render(
		<StoreContext.Provider value={store}>
			<AccountsPanel width={42} height={height} focused />
		</StoreContext.Provider>,
	);
}

test('groups accounts by provider, marks the active ones and the selection', () => {
	const {lastFrame, unmount} = show(fixtureState());
	const frame = lastFrame() ?? '';
	const lines = frame.split('\n');
	const order = [
		'Vapi (vapi)',
		'client-a',
		'prod',
		'Vantage (vantage)',
		'hpc-main',
		'soon',
		'Vast.ai (vast)',
		'gpu',
	];
	const positions = order.map((text) => lines.findIndex((line) => line.includes(text)));
	assert.deepEqual(
		[...positions].sort((a, b) => a - b),
		positions,
		'grouped in provider order',
	);
	assert.match(frame, /▸ ★ prod/, 'the current account is selected and marked ★');
	assert.match(frame, / {4}client-a/, 'an inactive account has no mark');
	assert.match(frame, /✓ hpc-main/);
	assert.match(frame, /PROD/);
	assert.match(frame, /STG/);
	assert.match(frame, /5 accounts/);
	assert.match(frame, /sk-prod_\*\*\*\*wxyz/, 'the masked key of the selection');
	unmount();
});

test('the filter line shows what is typed and how many match', () => {
	const {lastFrame, unmount} = show(
		fixtureState({filter: 'acme', filtering: true, selectedAccountId: 'accthpcmain'}),
	);
	const frame = lastFrame() ?? '';
	assert.match(frame, /\/ filter: acme_ {2}\(3 of 5\)/);
	assert.match(frame, /hpc-main/);
	assert.match(frame, /prod/, 'matched by its organization, Acme Corp');
	assert.match(frame, /prod/, 'matched by its organization, Acme Corp');
	assert.ok(!frame.includes('client-a'));
	unmount();
});

test('with 1,000 accounts only the visible rows render and the selection stays in view', () => {
	const accounts = manyAccounts(1000);
	const state = fixtureState(
		{selectedAccountId: accounts[700]?.id},
		fixtureVault({accounts, credentials: [], active: {}, current: undefined, previous: undefined}),
	);
	const {lastFrame, unmount} = show(state, 20);
	const frame = lastFrame() ?? '';
	const rows = frame.split('\n').filter((line) => line.includes('@example.com'));
	assert.ok(rows.length <= 16, `rendered ${rows.length} rows`);
	assert.match(frame, /▸ {3}user-00700/);
	assert.equal(frame.split('\n').length, 20);
	unmount();
});

test('an empty vault says how to add an account', () => {
	const state = fixtureState(
		{},
		fixtureVault({accounts: [], credentials: [], active: {}, current: undefined}),
	);
	const {lastFrame, unmount} = show(state);
	assert.match(lastFrame() ?? '', /no accounts yet: press a to add one/);
	unmount();
});
