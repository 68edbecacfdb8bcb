/**
 * The `/` filter in the panels: the matching part of each row is bold and underlined (and in the
 * theme's `match` colour when colour is allowed), and the token expiry panel lists what the accounts
 * panel lists.
 */
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {AccountsPanel} from '../../../source/deck/panels/accounts.js';
import {ExpiryPanel} from '../../../source/deck/panels/expiry.js';
import {matchParts} from '../../../source/deck/panels/highlight.js';
import type {State} from '../../../source/store/state.js';
import {createStore} from '../../../source/store/store.js';
import {StoreContext} from '../../../source/store/use-store.js';
import {fixtureState, fixtureVault} from '../../helpers/fixtures.js';

// ink-testing-library's stream is not a terminal, so chalk would draw no escapes at all: force them,
// as a terminal gets them, to read bold/underline and colour from the frame.
const level = chalk.level;
before(() => {
	chalk.level = 1;
});
after(() => {
	chalk.level = level;
});

const esc = String.fromCodePoint(0x1b);
/** `text` drawn underlined: the SGR 4 right before it, with any other attributes between. */
const underlined = (text: string) => new RegExp(`${esc}\\[4m(?:${esc}\\[[0-9;]*m)*${text}`);
const colours = new RegExp(`${esc}\\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])m`);
const plain = (frame: string) => frame.replaceAll(new RegExp(`${esc}\\[[0-9;]*m`, 'g'), '');

function show(panel: 'accounts' | 'expiry', state: State) {
	const Panel = panel === 'accounts' ? AccountsPanel : ExpiryPanel;
	return render(
		<StoreContext.Provider value={createStore(state)}>
			<Panel width={70} height={12} focused />
		</StoreContext.Provider>,
	);
}

test('matchParts cuts out every match, in any case', () => {
	assert.deepEqual(matchParts('client-a', 'ENT'), [
		{text: 'cli', match: false},
		{text: 'ent', match: true},
		{text: '-a', match: false},
	]);
	assert.deepEqual(
		matchParts('aXa', 'a').map((part) => part.match),
		[true, false, true],
	);
	assert.deepEqual(matchParts('gpu', ''), [{text: 'gpu', match: false}]);
	assert.deepEqual(matchParts('gpu', ' x '), [{text: 'gpu', match: false}]);
});

test('the accounts panel underlines the matching part of the alias and the email', () => {
	const instance = show('accounts', fixtureState({filter: 'john'}));
	const frame = instance.lastFrame() ?? '';
	assert.match(plain(frame), /\(2 of 5\)/);
	const rows = frame.split('\n').filter((line) => line.includes('company.com'));
	assert.equal(rows.length, 2, 'prod and gpu, both john@company.com');
	for (const row of rows) assert.match(row, underlined('john'));
	assert.doesNotMatch(frame, underlined('@company'), 'only the match is underlined');
	instance.unmount();

	const alias = show('accounts', fixtureState({filter: 'HPC'}));
	assert.match(alias.lastFrame() ?? '', underlined('hpc'));
	alias.unmount();
});

test('without colour (monochrome, as NO_COLOR draws) the match is still bold and underlined', () => {
	const vault = fixtureVault();
	const state = fixtureState(
		{filter: 'acme', selectedAccountId: 'accthpcmain'},
		{...vault, settings: {...vault.settings, theme: 'monochrome'}},
	);
	const instance = show('accounts', state);
	const frame = instance.lastFrame() ?? '';
	const row = frame.split('\n').find((line) => line.includes('ops@')) ?? '';
	assert.match(row, underlined('acme'));
	assert.match(row, new RegExp(`${esc}\\[1m`), 'bold');
	assert.doesNotMatch(frame, colours, 'no colour parameter at all');
	instance.unmount();
});

test('the token expiry panel lists only the rows the filter leaves, highlighted', () => {
	const all = show('expiry', fixtureState());
	const unfiltered = plain(all.lastFrame() ?? '');
	for (const alias of ['client-a', 'prod', 'hpc-main', 'soon', 'gpu']) {
		assert.match(unfiltered, new RegExp(` ${alias} `));
	}
	all.unmount();

	// acme: prod by its organization, hpc-main and soon by their emails.
	const instance = show('expiry', fixtureState({filter: 'acme'}));
	const frame = plain(instance.lastFrame() ?? '');
	for (const alias of ['prod', 'hpc-main', 'soon']) assert.match(frame, new RegExp(` ${alias} `));
	for (const alias of ['client-a', 'gpu']) assert.doesNotMatch(frame, new RegExp(` ${alias} `));
	instance.unmount();

	const hpc = show('expiry', fixtureState({filter: 'main'}));
	assert.match(hpc.lastFrame() ?? '', underlined('main'));
	hpc.unmount();

	const none = show('expiry', fixtureState({filter: 'nothing-like-this'}));
	assert.match(plain(none.lastFrame() ?? ''), /no account matches the filter/);
	none.unmount();
});
