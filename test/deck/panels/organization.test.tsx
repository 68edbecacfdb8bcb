import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {OrganizationPanel} from '../../../source/deck/panels/organization.js';
import type {State} from '../../../source/store/state.js';
import {createStore} from '../../../source/store/store.js';
import {StoreContext} from '../../../source/store/use-store.js';
import {fixtureState} from '../../helpers/fixtures.js';

function show(state: State, focused = false) {
	return render(
		<StoreContext.Provider value={createStore(state)}>
			<OrganizationPanel width={58} height={6} focused={focused} />
		</StoreContext.Provider>,
	);
}

test("lists the selected account's organizations with the active one marked", () => {
	const {lastFrame, unmount} = show(fixtureState());
	const frame = lastFrame() ?? '';
	assert.match(frame, /2 Organization \(prod\)/);
	assert.match(frame, /● Acme Corp +org_abc123 +enterprise/);
	assert.match(frame, /○ Acme Labs +org_abc124/);
	unmount();
});

test('an account without organizations says so', () => {
	const {lastFrame, unmount} = show(fixtureState({selectedAccountId: 'acctgpu001'}));
	assert.match(lastFrame() ?? '', /no organizations/);
	unmount();
});
