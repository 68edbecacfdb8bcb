/**
 * A waiting sign-in in the wizard at 60 columns: the address on lines of its own, whole (never cut
 * with "…", never past the frame), and the device code large, spaced out, in a box.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {Form} from '../../../source/deck/wizards/form.js';
import {spacedCode, urlLines} from '../../../source/deck/wizards/sign-in-prompt.js';
import type {SignInPrompt} from '../../../source/store/state.js';
import {createStore} from '../../../source/store/store.js';
import {StoreContext} from '../../../source/store/use-store.js';
import {fixtureState} from '../../helpers/fixtures.js';

const url =
	'https://login.example.com/realms/engineering-platform/protocol/openid-connect/auth/device' +
	'?client_id=authdeck-cli&tenant=0f6a1c2e-8d44-4b7a-9a55-3c1f2b7d9e10&ui_locales=en';

function show(signIn: SignInPrompt, width = 60, height = 16) {
	const state = fixtureState({busy: 'waiting for approval (esc cancels)', signIn});
	return render(
		<StoreContext.Provider value={createStore(state)}>
			<Form
				title="Add an account"
				fieldsOf={() => []}
				state={state}
				busy
				width={width}
				height={height}
				onSubmit={() => undefined}
			/>
		</StoreContext.Provider>,
	);
}

/** The frame's rows inside the border (`│ … │`), trimmed. */
const inside = (frame: string) =>
	frame.split('\n').map((line) => line.replace(/^│ ?/, '').replace(/ ?│$/, '').trimEnd());

test('urlLines cuts the address into full lines that join back to it', () => {
	const lines = urlLines(url, 56);
	assert.ok(lines.length >= 3);
	assert.equal(lines.join(''), url);
	for (const line of lines.slice(0, -1)) assert.equal(line.length, 56);
	assert.equal(spacedCode('WDJB-MJHT'), 'W D J B - M J H T');
});

test('at 60 columns the device sign-in shows the long address whole and the code in a box', () => {
	const instance = show({url, code: 'WDJB-MJHT'});
	const frame = instance.lastFrame() ?? '';
	const rows = frame.split('\n');
	for (const row of rows) assert.ok(row.length <= 60, `wider than 60: ${row}`);
	// As tall as what it holds, within the rows it was given: nothing overprints the footer.
	assert.ok(rows.length <= 16, `taller than its 16 rows:\n${frame}`);
	assert.match(rows.at(-1) ?? '', /^╰─+╯$/, 'the frame is closed on its last row');

	const lines = inside(frame);
	const first = lines.findIndex((line) => line.startsWith('https://'));
	assert.ok(first > 0, frame);
	const urlRows = lines.slice(first, first + urlLines(url, 56).length);
	assert.equal(urlRows.join(''), url, 'the address, whole, on lines of its own');
	assert.ok(!urlRows.some((line) => line.includes('…')), 'never cut with …');

	assert.match(frame, /Open this address on any device:/);
	assert.match(frame, /and enter the code:/);
	const codeRow = rows.findIndex((row) => row.includes('W D J B - M J H T'));
	assert.ok(codeRow > 0, 'the code, spaced out');
	assert.match(rows[codeRow - 1] ?? '', /╔═+╗/, 'in a box');
	assert.match(rows[codeRow + 1] ?? '', /╚═+╝/);
	assert.match(frame, /waiting for approval \(esc cancels\)/);
	instance.unmount();
});

test('the browser sign-in shows the address to visit, whole, and no code box', () => {
	const instance = show({url});
	const frame = instance.lastFrame() ?? '';
	assert.match(frame, /If no browser opened, visit:/);
	const lines = inside(frame);
	const first = lines.findIndex((line) => line.startsWith('https://'));
	assert.equal(lines.slice(first, first + urlLines(url, 56).length).join(''), url);
	assert.doesNotMatch(frame, /╔/);
	instance.unmount();
});

test('on a short terminal (10 rows) the code loses its box, not its place: the address stays whole', () => {
	const instance = show({url, code: 'WDJB-MJHT'}, 56, 10);
	const frame = instance.lastFrame() ?? '';
	instance.unmount();
	const rows = frame.split('\n');
	assert.ok(rows.length <= 10, `taller than its 10 rows:\n${frame}`);
	assert.match(rows.at(-1) ?? '', /^╰─+╯$/, 'the frame is closed on its last row');
	const lines = inside(frame);
	const first = lines.findIndex((line) => line.startsWith('https://'));
	assert.equal(lines.slice(first, first + urlLines(url, 52).length).join(''), url, frame);
	assert.match(frame, /and enter the code: {2}W D J B - M J H T /);
	assert.doesNotMatch(frame, /╔/);
	assert.match(frame, /waiting for approval/);
});
