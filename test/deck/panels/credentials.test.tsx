import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {CredentialsPanel} from '../../../source/deck/panels/credentials.js';
import type {State} from '../../../source/store/state.js';
import {createStore} from '../../../source/store/store.js';
import {StoreContext} from '../../../source/store/use-store.js';
import {fixtureState} from '../../helpers/fixtures.js';

function show(state: State) {
	return render(
		<StoreContext.Provider value={createStore(state)}>
			<CredentialsPanel width={80} height={8} focused />
		</StoreContext.Provider>,
	);
}

test("the selected account's credentials: name, type, header, masked secret, usage", () => {
	const {lastFrame, unmount} = show(fixtureState({focus: 'credentials'}));
	const frame = lastFrame() ?? '';
	assert.match(frame, /4 Credentials \(prod\)/);
	assert.match(
		frame,
		/Production API Auth +bearer +Authorization +\*\*\*\*wxyz +used by asst_123 \+1/,
	);
	assert.match(frame, /Webhook signing +hmac +sha256 x-signature +\*\*\*\*9f3a +unused/);
	assert.ok(!frame.includes('Staging OAuth'), "another account's credential is not listed");
	unmount();
});

test('an account without credentials says how to add one', () => {
	const {lastFrame, unmount} = show(fixtureState({selectedAccountId: 'acctgpu001'}));
	assert.match(lastFrame() ?? '', /no credentials: press 4 then a to add one/);
	unmount();
});
