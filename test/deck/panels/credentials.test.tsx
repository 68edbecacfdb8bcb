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

test('oauth2: "token ok, 51m left" or the error; when each was last used', () => {
	const base = fixtureState({focus: 'credentials'});
	const now = Date.now();
	const accountId = base.vault.credentials[0]?.accountId as string;
	const oauth = {
		id: 'cred_oauthpanel1',
		name: 'Robot',
		accountId,
		settings: {type: 'oauth2', tokenUrl: 'https://id.test/token', clientId: 'robot'},
		usedBy: ['asst_9'],
		secretHint: '****abcd',
		createdAt: new Date(now - 86_400_000).toISOString(),
		lastUsedAt: new Date(now - 5 * 60_000 - 1000).toISOString(),
		tokenExpiresAt: new Date(now + 51 * 60_000 + 30_000).toISOString(),
	} as const;
	const failing = {
		...oauth,
		id: 'cred_oauthpanel2',
		name: 'Broken',
		usedBy: [],
		lastUsedAt: undefined,
		tokenExpiresAt: undefined,
		tokenError: 'the token request of Broken refused: invalid_client',
	};
	const state = {
		...base,
		vault: {...base.vault, credentials: [...base.vault.credentials, oauth, failing]},
	} as State;
	const {lastFrame, unmount} = render(
		<StoreContext.Provider value={createStore(state)}>
			<CredentialsPanel width={160} height={10} focused />
		</StoreContext.Provider>,
	);
	const frame = lastFrame() ?? '';
	assert.match(frame, /Robot +oauth2 .*token ok, 51m left · used by asst_9, last 5m ago/);
	assert.match(
		frame,
		/Broken +oauth2 .*token error: the token request of Broken refused: invalid_client · unused/,
	);
	unmount();
});
