import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {ExpiryPanel} from '../../../source/deck/panels/expiry.js';
import {createStore} from '../../../source/store/store.js';
import {StoreContext} from '../../../source/store/use-store.js';
import {fixtureState, fixtureVault} from '../../helpers/fixtures.js';
import {frameWith} from '../../helpers/ink.js';

test('every account: expires in, expired, no expiry, refreshable, key age and rotation', async () => {
	const instance = render(
		<StoreContext.Provider value={createStore(fixtureState())}>
			<ExpiryPanel width={70} height={10} focused={false} />
		</StoreContext.Provider>,
	);
	const frame = await frameWith(instance, '█');
	const line = (alias: string) => frame.split('\n').find((row) => row.includes(` ${alias} `)) ?? '';
	assert.match(line('client-a'), /oauth +expires in 42m/);
	assert.match(line('client-a'), /↻/);
	assert.match(line('hpc-main'), /device +expired 3h ago/);
	assert.match(line('prod'), /api key +no expiry +age 97d ⚠ rotate/);
	assert.match(line('gpu'), /no expiry +age 12d/);
	assert.ok(!line('gpu').includes('rotate'), 'a key younger than 90 days has no hint');
	instance.unmount();
});

test('a refused refresh says to sign in again', () => {
	const vault = fixtureVault();
	const accounts = vault.accounts.map((account) =>
		account.alias === 'client-a' ? {...account, needsSignIn: true} : account,
	);
	const {lastFrame, unmount} = render(
		<StoreContext.Provider value={createStore(fixtureState({}, {...vault, accounts}))}>
			<ExpiryPanel width={70} height={10} focused={false} />
		</StoreContext.Provider>,
	);
	assert.match(lastFrame() ?? '', /client-a +oauth +sign in again/);
	unmount();
});

test('counts down live', async () => {
	const instance = render(
		<StoreContext.Provider value={createStore(fixtureState())}>
			<ExpiryPanel width={70} height={10} focused={false} />
		</StoreContext.Provider>,
	);
	// soon expires in 2m 30s: within a few ticks it reads 2m, then later frames keep coming.
	const first = instance.frames.length;
	await frameWith(instance, /soon +oauth +expires in 2m/);
	await new Promise<void>((resolve) => {
		const check = setInterval(() => {
			if (instance.frames.length > first + 1) {
				clearInterval(check);
				resolve();
			}
		}, 50);
	});
	instance.unmount();
});

test('when authdeck last handed each key out: "used 2h ago", or "never used"', async () => {
	const vault = fixtureVault();
	const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000).toISOString();
	const accounts = vault.accounts.map((account) =>
		account.alias === 'gpu' ? {...account, lastUsedAt: twoHoursAgo} : account,
	);
	const instance = render(
		<StoreContext.Provider value={createStore(fixtureState({}, {...vault, accounts}))}>
			<ExpiryPanel width={110} height={10} focused={false} />
		</StoreContext.Provider>,
	);
	const frame = await frameWith(instance, '█');
	const line = (alias: string) => frame.split('\n').find((row) => row.includes(` ${alias} `)) ?? '';
	assert.match(line('gpu'), /age 12d used 2h ago/);
	assert.match(line('prod'), /never used/);
	instance.unmount();
});
