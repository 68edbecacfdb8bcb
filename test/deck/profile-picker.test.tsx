// The deck's `p`: a picker of the profiles; enter uses the one under the cursor, esc keeps the one in use.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Key} from 'ink';
import {render} from 'ink-testing-library';
import {App} from '../../source/deck/app.js';
import {plain} from '../../source/deck/keys/split-keys.js';
import {resolveKey} from '../../source/deck/resolve-key.js';
import type {Action} from '../../source/store/actions.js';
import {reducer} from '../../source/store/reducer.js';
import type {State} from '../../source/store/state.js';
import {createStore} from '../../source/store/store.js';
import {StoreContext} from '../../source/store/use-store.js';
import {fixtureState, fixtureVault} from '../helpers/fixtures.js';
import {frameWith, press} from '../helpers/ink.js';

const now = '2026-01-01T00:00:00.000Z';
const withStaging = fixtureVault({
	profiles: {staging: {active: {vapi: 'acctclienta'}, current: 'acctclienta'}},
});

/** Presses keys on a state through the deck's own resolver and reducers. */
function pressAll(start: State, keys: Array<[string, Partial<Key>?]>): State {
	let state = start;
	for (const [input, key = {}] of keys) {
		for (const command of resolveKey(state, input, {...plain, ...key}, now)) {
			assert.notEqual(command, 'quit');
			state = reducer(state, command as Action);
		}
	}

	return state;
}

test('p opens the profiles with the one in use under the cursor; down and enter use another', () => {
	const opened = pressAll(fixtureState({}, withStaging), [['p']]);
	assert.deepEqual(opened.ui.overlay, {kind: 'profiles', names: ['default', 'staging'], index: 0});
	const used = pressAll(opened, [
		['', {downArrow: true}],
		['', {return: true}],
	]);
	assert.equal(used.ui.overlay, undefined);
	assert.equal(used.vault.profile, 'staging');
	assert.deepEqual(used.vault.active, {vapi: 'acctclienta'});
	assert.equal(used.vault.current, 'acctclienta');
});

test('esc closes the picker and the profile in use stays', () => {
	const state = pressAll(fixtureState({}, withStaging), [
		['p'],
		['', {downArrow: true}],
		['', {escape: true}],
	]);
	assert.equal(state.ui.overlay, undefined);
	assert.equal(state.vault.profile, undefined);
});

test('the header names the profile; the picker lists each with its accounts', async () => {
	const store = createStore(fixtureState({}, withStaging));
	const instance = render(
		<StoreContext.Provider value={store}>
			<App />
		</StoreContext.Provider>,
	);
	await frameWith(instance, 'profile: default');
	press(instance, 'p');
	const frame = await frameWith(instance, 'Switch profile');
	assert.match(frame, /staging +client-a/);
	press(instance, 'down');
	press(instance, 'enter');
	await frameWith(instance, 'profile: staging');
	assert.equal(store.getState().vault.profile, 'staging');
	instance.unmount();
});
