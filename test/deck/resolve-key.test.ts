import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Key} from 'ink';
import {plain} from '../../source/deck/keys/split-keys.js';
import {keyName, resolveKey} from '../../source/deck/resolve-key.js';
import type {State} from '../../source/store/state.js';
import {fixtureState} from '../helpers/fixtures.js';

const none: Key = plain;
const now = '2026-01-01T00:00:00.000Z';
const resolve = (state: State, input: string, key: Partial<Key> = {}) =>
	resolveKey(state, input, {...none, ...key}, now);

test('key names', () => {
	assert.equal(keyName('c', {...none, ctrl: true}), 'ctrl+c');
	assert.equal(keyName('', {...none, tab: true, shift: true}), 'shift+tab');
	assert.equal(keyName('', {...none, delete: true}), 'backspace');
	assert.equal(keyName('', {...none, downArrow: true}), 'down');
	assert.equal(keyName('j', none), 'j');
});

test('enter switches to the selected account, with the time of the key', () => {
	const state = fixtureState({selectedAccountId: 'acctclienta'});
	assert.deepEqual(resolve(state, '', {return: true}), [
		{type: 'account-switched', accountId: 'acctclienta', at: now},
	]);
});

test('a key that does not apply says why', () => {
	const [command] = resolve(fixtureState(), '', {return: true});
	assert.deepEqual(command, {
		type: 'notice-shown',
		notice: {level: 'warning', text: 'this is already the current account'},
	});
	const noPrevious = fixtureState();
	const [back] = resolve({...noPrevious, vault: {...noPrevious.vault, previous: undefined}}, '-');
	assert.match((back as {notice: {text: string}}).notice.text, /no previous account/);
});

test('q and ctrl+c quit; ctrl+c even while typing a filter', () => {
	assert.deepEqual(resolve(fixtureState(), 'q'), ['quit']);
	assert.deepEqual(resolve(fixtureState({filtering: true}), 'c', {ctrl: true}), ['quit']);
	assert.deepEqual(resolve(fixtureState({filtering: true}), 'q'), [
		{type: 'filter-changed', filter: 'q'},
	]);
});

test('the filter takes printable text, backspace, enter and esc', () => {
	const state = fixtureState({filtering: true, filter: 'ac'});
	assert.deepEqual(resolve(state, '', {backspace: true}), [{type: 'filter-changed', filter: 'a'}]);
	assert.deepEqual(resolve(state, '', {escape: true}), [{type: 'filter-closed', clear: true}]);
	assert.deepEqual(resolve(state, '', {return: true}), [{type: 'filter-closed', clear: false}]);
	assert.deepEqual(resolve(state, '\u001B[2J'), [], 'control characters are not typed');
});

test('dialogs take keys first: any key hides a revealed secret; esc closes', () => {
	const reveal = fixtureState({overlay: {kind: 'reveal', label: 'prod', secret: 'x', until: 0}});
	assert.deepEqual(resolve(reveal, 'j'), [{type: 'overlay-closed'}]);
	const confirm = fixtureState({
		overlay: {kind: 'confirm', message: 'm', onConfirm: {type: 'remove-account', accountId: 'a'}},
	});
	// The answers are bindings, so a y in the same read as the d that asked is answered too.
	assert.deepEqual(resolve(confirm, 'y'), [
		{type: 'overlay-closed'},
		{type: 'intent-requested', intent: {type: 'remove-account', accountId: 'a'}},
	]);
	assert.deepEqual(resolve(confirm, 'n'), [{type: 'overlay-closed'}]);
	assert.deepEqual(resolve(confirm, '', {return: true}), [{type: 'overlay-closed'}], 'enter is no');
	assert.deepEqual(resolve(confirm, 'd'), []);
	assert.deepEqual(resolve(confirm, '', {escape: true}), [{type: 'overlay-closed'}]);
	assert.deepEqual(resolve(fixtureState({overlay: {kind: 'help'}}), '?'), [
		{type: 'overlay-closed'},
	]);
});

test('d and s ask first; panel keys act on their own rows', () => {
	const [remove] = resolve(fixtureState(), 'd');
	assert.equal((remove as {overlay: {kind: string}}).overlay.kind, 'confirm');
	const [reveal] = resolve(
		fixtureState({focus: 'credentials', cursor: {organization: 0, expiry: 0, credentials: 1}}),
		's',
	);
	assert.deepEqual((reveal as {overlay: {onConfirm: unknown}}).overlay.onConfirm, {
		type: 'reveal-credential',
		credentialId: 'cred_aaaaaa2',
	});
	// On the expiry panel r refreshes the row under the cursor (sorted: client-a, prod, hpc-main, ...).
	const [refresh] = resolve(
		fixtureState({focus: 'expiry', cursor: {organization: 0, expiry: 0, credentials: 0}}),
		'r',
	);
	assert.deepEqual(refresh, {
		type: 'intent-requested',
		intent: {type: 'refresh-account', accountId: 'acctclienta'},
	});
	assert.deepEqual(resolve(fixtureState(), '3'), [{type: 'panel-focused', panel: 'expiry'}]);
});

test('tab turns the help between the panel keys and the dialog keys; the dialog inputs keep theirs', () => {
	assert.deepEqual(resolve(fixtureState({overlay: {kind: 'help'}}), '', {tab: true}), [
		{type: 'overlay-opened', overlay: {kind: 'help', page: 'dialogs'}},
	]);
	assert.deepEqual(
		resolve(fixtureState({overlay: {kind: 'help', page: 'dialogs'}}), '', {tab: true}),
		[{type: 'overlay-opened', overlay: {kind: 'help', page: 'panels'}}],
	);
	const prompt = fixtureState({
		overlay: {kind: 'prompt', label: 'l', value: 'v', purpose: 'alias', targetId: 'acctprod01'},
	});
	assert.deepEqual(resolve(prompt, '', {return: true}), [], 'the text input submits itself');
	assert.deepEqual(resolve(prompt, 'q'), [], 'q is typed, not quit');
	assert.deepEqual(
		resolve(fixtureState({overlay: {kind: 'wizard', target: 'account'}}), '', {escape: true}),
		[{type: 'overlay-closed'}],
	);
});
