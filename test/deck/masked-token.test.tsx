/** The revealed secret fits the rows it is given: a long one shows its start and says what is left. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {RevealedSecret} from '../../source/deck/components/masked-token.js';
import {createStore} from '../../source/store/store.js';
import {StoreContext} from '../../source/store/use-store.js';
import {fixtureState, jwtLike} from '../helpers/fixtures.js';

function show(secret: string, width: number, height: number) {
	return render(
		<StoreContext.Provider value={createStore(fixtureState())}>
			<RevealedSecret
				label="prod"
				secret={secret}
				until={Date.now() + 30_000}
				width={width}
				height={height}
			/>
		</StoreContext.Provider>,
	);
}

test('a 5 KB token in 10 rows: its start, how much more, and when it is masked again', () => {
	const secret = jwtLike(5000);
	const instance = show(secret, 56, 10);
	try {
		const rows = (instance.lastFrame() ?? '').split('\n');
		assert.equal(rows.length, 10, rows.join('\n'));
		assert.match(rows.at(-1) ?? '', /^╰─+╯$/, 'the box is closed');
		const lines = rows.slice(2, -3).map((row) => row.slice(2, -2));
		assert.equal(lines.join(''), secret.slice(0, lines.join('').length), 'the start, in order');
		assert.equal(lines[0]?.length, 52, 'full lines, cut only at the frame');
		const hidden = secret.length - lines.join('').length;
		assert.match(rows.at(-3) ?? '', new RegExp(`… ${hidden} more characters`));
		assert.match(rows.at(-2) ?? '', /masked again in \d+s or on any key/);
	} finally {
		instance.unmount();
	}
});

test('a short secret is shown whole, with no note', () => {
	const instance = show('sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz', 56, 10);
	try {
		const frame = instance.lastFrame() ?? '';
		assert.match(frame, /│ sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz +│/);
		assert.doesNotMatch(frame, /more characters/);
		assert.equal(frame.split('\n').length, 5);
	} finally {
		instance.unmount();
	}
});
