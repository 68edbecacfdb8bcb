import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Key} from 'ink';
import {plain} from '../../source/deck/keys/split-keys.js';
import {keyName, resolveKey} from '../../source/deck/resolve-key.js';
import type {State} from '../../source/store/state.js';
import {fixtureState, fixtureVault} from '../helpers/fixtures.js';

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
	// The selected account is prod, a production account: its alias must be typed.
	assert.equal((remove as {overlay: {kind: string}}).overlay.kind, 'type-confirm');
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

test('a production account is removed or revealed only once its alias is typed', () => {
	// client-a is staging: y/N is enough. prod is production: its alias must be typed.
	const [staging] = resolve(fixtureState({selectedAccountId: 'acctclienta'}), 'd');
	assert.equal((staging as {overlay: {kind: string}}).overlay.kind, 'confirm');

	const onConfirm = {type: 'remove-account', accountId: 'acctprod01'} as const;
	let state = fixtureState();
	const press = (input: string, key: Partial<Key> = {}) => {
		const commands = resolve(state, input, key);
		for (const command of commands) {
			if (typeof command !== 'string' && command.type === 'overlay-opened') {
				state = {...state, ui: {...state.ui, overlay: command.overlay}};
			}
		}

		return commands;
	};

	const [opened] = press('d');
	assert.deepEqual((opened as {overlay: unknown}).overlay, {
		kind: 'type-confirm',
		message: 'Remove prod and delete its secrets?',
		alias: 'prod',
		why: 'prod is a production account.',
		onConfirm,
		typed: '',
	});
	// y, n and q are letters typed here, never an answer or quitting.
	for (const letter of ['y', 'n', 'q']) press(letter);
	assert.equal((state.ui.overlay as {typed: string}).typed, 'ynq');
	press('u', {ctrl: true});
	assert.equal((state.ui.overlay as {typed: string}).typed, '');
	press('pro');
	press('x');
	press('', {backspace: true});
	assert.equal((state.ui.overlay as {typed: string}).typed, 'pro');
	// Enter on something else than the alias: says so and asks again, nothing done.
	const wrong = press('', {return: true});
	assert.ok(
		!wrong.some((command) => typeof command !== 'string' && command.type === 'intent-requested'),
	);
	assert.equal((state.ui.overlay as {wrong: boolean}).wrong, true);
	press('prod');
	assert.deepEqual(press('', {return: true}), [
		{type: 'overlay-closed'},
		{type: 'intent-requested', intent: onConfirm},
	]);
	state = fixtureState({
		overlay: {kind: 'type-confirm', message: 'm', alias: 'prod', why: '', onConfirm, typed: 'prod'},
	});
	assert.deepEqual(resolve(state, '', {escape: true}), [{type: 'overlay-closed'}], 'esc cancels');
});

test('with no account, the account keys say how to add one', () => {
	const empty = {...fixtureVault(), accounts: [], credentials: [], active: {}, current: undefined};
	const notice = {
		type: 'notice-shown',
		notice: {level: 'warning', text: 'no account yet: press a to add one'},
	};
	for (const key of ['o', 's', 'd', 'r', 'e']) {
		assert.deepEqual(resolve(fixtureState({}, empty), key), [notice], key);
	}

	const filtered = fixtureState({filter: 'zzz', selectedAccountId: undefined});
	assert.match(
		JSON.stringify(resolve(filtered, 'o')),
		/no account matches the filter: esc clears it/,
	);
});
