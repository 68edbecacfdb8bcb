/** Rows 18 and 19: device-code polling and verification URI checks, against oidc-provider. */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import * as client from 'openid-client';
import {checkVerificationUri, pollDeviceGrant, promptOf} from '../../source/auth/device.js';
import {connect} from '../../source/auth/oidc.js';
import {useIdentityProvider} from '../helpers/hooks.js';
import {alice, type IdentityProvider, publicClientId} from '../helpers/identity-provider.js';
import {TestBrowser} from '../helpers/test-browser.js';

describe('verification URI checks (row 19)', () => {
	const refused = [
		'javascript:alert(1)',
		'file:///etc/passwd',
		'data:text/html,<script>alert(1)</script>',
		'http://example.com/device',
		'https://example.com/device\u001b]8;;https://evil.test\u0007',
		'https://exa\nmple.com/device',
		'https://example.com/\tdevice',
		'https://example.com/\u202Eecived',
		'https://user:pass@example.com/device',
		'',
		'not a url',
	];
	for (const uri of refused) {
		test(`refuses ${JSON.stringify(uri)}`, () => {
			assert.throws(() => checkVerificationUri(uri), /refusing|verification URI/);
		});
	}

	test('accepts https: and http: on loopback', () => {
		assert.equal(
			checkVerificationUri('https://id.example.com/device'),
			'https://id.example.com/device',
		);
		assert.equal(
			checkVerificationUri('http://127.0.0.1:3000/device'),
			'http://127.0.0.1:3000/device',
		);
	});

	test('an unsafe verification_uri_complete refuses the whole prompt', () => {
		const response = {
			device_code: 'd',
			user_code: 'ABCD-EFGH',
			verification_uri: 'https://id.example.com/device',
			verification_uri_complete: 'javascript:alert(1)',
			expires_in: 600,
		};
		assert.throws(() => promptOf(response), /refusing/);
		assert.equal(
			promptOf({...response, verification_uri_complete: undefined}).userCode,
			'ABCD-EFGH',
		);
	});
});

describe('device polling against oidc-provider (row 18)', {timeout: 120_000}, () => {
	const idp = useIdentityProvider();
	const shortLived = useIdentityProvider({lifetimes: {deviceCode: 1}});

	const start = async (server: IdentityProvider) => {
		const config = await connect(server.issuer, publicClientId);
		const response = await client.initiateDeviceAuthorization(config, {
			scope: 'openid email profile',
		});
		return {config, response};
	};

	test('no interval: polls at 5 s; slow_down twice: 10 s, then 15 s; then tokens', async () => {
		const {config, response} = await start(idp());
		const withoutInterval = {...response, interval: undefined};
		idp().slowDowns = 2;
		const waits: number[] = [];
		let approving: Promise<unknown> | undefined;
		const tokens = await pollDeviceGrant(config, withoutInterval, {
			// One second of the schedule lasts 40 ms here; the schedule itself is what is asserted.
			secondMs: 40,
			onWait(seconds) {
				waits.push(seconds);
				if (waits.length === 3) {
					approving = new TestBrowser().verifyDevice(
						response.verification_uri_complete as string,
						response.user_code,
						alice,
					);
				}
			},
		});
		await approving;
		assert.deepEqual(waits.slice(0, 3), [5, 10, 15]);
		assert.ok(waits.slice(3).every((wait) => wait === 15));
		assert.ok(tokens.access_token);
		assert.equal(idp().slowDowns, 0);
	});

	test('denied in the browser: its own message', async () => {
		const {config, response} = await start(idp());
		await new TestBrowser().verifyDevice(
			response.verification_uri_complete as string,
			response.user_code,
			{
				...alice,
				deny: true,
			},
		);
		await assert.rejects(
			pollDeviceGrant(config, response, {secondMs: 10}),
			/denied in the browser/,
		);
	});

	test('expired: its own message', async () => {
		const {config, response} = await start(shortLived());
		await assert.rejects(
			pollDeviceGrant(config, response, {secondMs: 400}),
			/device code expired before sign-in was approved/,
		);
	});

	test('never approved before the code lifetime: timed out', async () => {
		const {config, response} = await start(idp());
		let clock = 0;
		await assert.rejects(
			pollDeviceGrant(config, response, {
				secondMs: 1,
				now: () => {
					clock += 200_000;
					return clock;
				},
			}),
			/sign-in timed out/,
		);
	});

	test('esc cancels a poll', async () => {
		const {config, response} = await start(idp());
		const abort = new AbortController();
		const polling = pollDeviceGrant(config, response, {signal: abort.signal});
		abort.abort();
		await assert.rejects(polling, /cancelled/);
	});
});
