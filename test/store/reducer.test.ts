/** The combined reducer: UI actions, and vault actions reaching the vault slice. */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {emptyVault} from '../../source/domain.js';
import {reducer} from '../../source/store/reducer.js';
import {selectedAccount} from '../../source/store/selectors.js';
import type {State} from '../../source/store/state.js';
import {initialUi} from '../../source/store/state.js';
import {account, apply, saved, t3} from '../helpers/vault-actions.js';

describe('ui actions', () => {
	const accounts = [
		account({alias: 'alpha', providerId: 'vapi', organizations: [{id: 'o1', name: 'One'}]}),
		account({alias: 'beta', providerId: 'vapi', email: 'beta@x.io'}),
		account({alias: 'gamma', providerId: 'vast'}),
	];
	const vault = apply(emptyVault, ...accounts.map((a) => saved(a)));
	const state: State = {vault, ui: initialUi, storage: 'file'};
	const selected = (s: State) => selectedAccount(s)?.alias;

	test('cursor-moved walks the accounts in display order and stops at both ends', () => {
		let s = state;
		assert.equal(selected(s), 'alpha');
		s = reducer(s, {type: 'cursor-moved', step: 1});
		assert.equal(selected(s), 'beta');
		s = reducer(s, {type: 'cursor-moved', step: 5});
		assert.equal(selected(s), 'gamma');
		s = reducer(s, {type: 'cursor-moved', step: -10});
		assert.equal(selected(s), 'alpha');
	});

	test('after the selected account is removed, its neighbour is selected, not the top', () => {
		const id = (alias: string) => state.vault.accounts.find((a) => a.alias === alias)?.id ?? '';
		let s = reducer(state, {type: 'account-selected', accountId: id('beta')});
		s = reducer(s, {type: 'account-removed', accountId: id('beta')});
		assert.equal(selected(s), 'gamma', 'the row below');
		s = reducer(s, {type: 'account-removed', accountId: id('gamma')});
		assert.equal(selected(s), 'alpha', 'the row above, at the end of the list');
		// Removing another account leaves the selection where it is.
		const kept = reducer(state, {type: 'account-selected', accountId: id('gamma')});
		assert.equal(
			selected(reducer(kept, {type: 'account-removed', accountId: id('alpha')})),
			'gamma',
		);
	});

	test('esc after a filter that matched nothing returns to the row selected before', () => {
		const id = (alias: string) => state.vault.accounts.find((a) => a.alias === alias)?.id ?? '';
		let s = reducer(state, {type: 'account-selected', accountId: id('gamma')});
		s = reducer(s, {type: 'filter-started'});
		s = reducer(s, {type: 'filter-changed', filter: 'zzz'});
		assert.equal(s.ui.selectedAccountId, undefined, 'nothing matches');
		s = reducer(s, {type: 'filter-closed', clear: true});
		assert.equal(selected(s), 'gamma');
		// A filter kept (enter) that matches keeps the row it selected.
		s = reducer(s, {type: 'filter-started'});
		s = reducer(s, {type: 'filter-changed', filter: 'alp'});
		s = reducer(s, {type: 'filter-closed', clear: false});
		assert.equal(selected(s), 'alpha');
	});

	test('cursor-moved in another panel is clamped to its rows', () => {
		let s = reducer(state, {type: 'panel-focused', panel: 'expiry'});
		s = reducer(s, {type: 'cursor-moved', step: 10});
		assert.equal(s.ui.cursor.expiry, 2);
		s = reducer(s, {type: 'cursor-moved', step: -1});
		assert.equal(s.ui.cursor.expiry, 1);
		s = reducer(s, {type: 'panel-focused', panel: 'organization'});
		s = reducer(s, {type: 'cursor-moved', step: 3});
		assert.equal(s.ui.cursor.organization, 0, 'alpha has one organization');
	});

	test('filter: starting focuses the accounts; typing keeps the selection on a listed row; closing can clear', () => {
		let s = reducer(state, {type: 'panel-focused', panel: 'credentials'});
		s = reducer(s, {type: 'filter-started'});
		assert.equal(s.ui.focus, 'accounts');
		assert.equal(s.ui.filtering, true);
		s = reducer(s, {type: 'filter-changed', filter: 'BETA@'});
		assert.equal(selected(s), 'beta');
		s = reducer(s, {type: 'filter-changed', filter: 'a'});
		assert.equal(selected(s), 'beta', 'beta still matches, so the selection stays');
		s = reducer(s, {type: 'filter-closed', clear: false});
		assert.equal(s.ui.filtering, false);
		assert.equal(s.ui.filter, 'a');
		s = reducer(s, {type: 'filter-closed', clear: true});
		assert.equal(s.ui.filter, '');
		const none = reducer(state, {type: 'filter-changed', filter: 'zzz'});
		assert.equal(selectedAccount(none), undefined);
	});

	test('panel-cycled wraps around both ways', () => {
		const order: string[] = [];
		let s = state;
		for (let i = 0; i < 5; i++) {
			order.push(s.ui.focus);
			s = reducer(s, {type: 'panel-cycled', step: 1});
		}

		assert.deepEqual(order, ['accounts', 'organization', 'expiry', 'credentials', 'accounts']);
		assert.equal(reducer(state, {type: 'panel-cycled', step: -1}).ui.focus, 'credentials');
	});

	test('a vault action the vault refuses leaves the state object unchanged', () => {
		assert.equal(reducer(state, {type: 'account-switched', accountId: 'unknown', at: t3}), state);
	});
});
