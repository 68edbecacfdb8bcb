/**
 * Keys on the token expiry panel under a `/` filter act on the row the panel shows under the
 * cursor: the panel lists the filtered accounts, and so must the key's target.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Key} from 'ink';
import {plain} from '../../source/deck/keys/split-keys.js';
import {resolveKey} from '../../source/deck/resolve-key.js';
import {reducer} from '../../source/store/reducer.js';
import {visibleAccounts} from '../../source/store/selectors.js';
import type {State} from '../../source/store/state.js';
import {fixtureState} from '../helpers/fixtures.js';

const now = '2026-01-01T00:00:00.000Z';
const resolve = (state: State, input: string, key: Partial<Key> = {}) =>
	resolveKey(state, input, {...plain, ...key}, now);

// Unfiltered, row 1 is prod (client-a, prod, hpc-main, soon, gpu); under "acme" it is hpc-main
// (prod, hpc-main, soon).
const filtered = (cursor: number) =>
	fixtureState({
		filter: 'acme',
		focus: 'expiry',
		cursor: {organization: 0, expiry: cursor, credentials: 0},
	});

test('r on the expiry panel refreshes the filtered row under the cursor', () => {
	assert.deepEqual(
		visibleAccounts(filtered(1)).map((account) => account.alias),
		['prod', 'hpc-main', 'soon'],
	);
	assert.deepEqual(resolve(filtered(1), 'r'), [
		{type: 'intent-requested', intent: {type: 'refresh-account', accountId: 'accthpcmain'}},
	]);
	const unfiltered = fixtureState({
		focus: 'expiry',
		cursor: {organization: 0, expiry: 1, credentials: 0},
	});
	const [other] = resolve(unfiltered, 'r');
	assert.notDeepEqual(other, resolve(filtered(1), 'r')[0], 'without the filter row 1 is another');
});

test('s on the expiry panel asks to reveal the filtered row under the cursor', () => {
	const [command] = resolve(filtered(2), 's');
	const overlay = (command as {overlay: {message: string; onConfirm: unknown}}).overlay;
	assert.match(overlay.message, /secret of soon/);
	assert.deepEqual(overlay.onConfirm, {type: 'reveal-account', accountId: 'acctsoon01'});
});

test('the expiry cursor stays within the filtered rows', () => {
	let state = filtered(0);
	for (let step = 0; step < 5; step++) state = reducer(state, {type: 'cursor-moved', step: 1});
	assert.equal(state.ui.cursor.expiry, 2, 'three rows: the last is 2');

	// Row 4 (gpu) unfiltered; typing a filter that leaves one row keeps the cursor on it.
	let wide = fixtureState({focus: 'expiry', cursor: {organization: 0, expiry: 4, credentials: 0}});
	wide = reducer(wide, {type: 'filter-changed', filter: 'hpc'});
	assert.equal(wide.ui.cursor.expiry, 0);
	assert.deepEqual(resolve(wide, 'r'), [
		{type: 'intent-requested', intent: {type: 'refresh-account', accountId: 'accthpcmain'}},
	]);
});
