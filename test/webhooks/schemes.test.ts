/** Each scheme against vectors its owners published, and against the `stripe` and `standardwebhooks` packages. */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Webhook} from 'standardwebhooks';
import Stripe from 'stripe';
import {namedScheme, schemeOf} from '../../source/webhooks/schemes.js';
import {signDelivery} from '../../source/webhooks/sign.js';
import {verifyDelivery} from '../../source/webhooks/verify.js';

const stripe = new Stripe('sk_test_not_used_offline');
const body = Buffer.from('{"id":"evt_1","type":"invoice.paid"}');
const nowSeconds = 1_700_000_000;
const now = nowSeconds * 1000;

describe('published vectors', () => {
	test("GitHub's: It's a Secret to Everybody", () => {
		const github = namedScheme('github');
		const signed = signDelivery(github, "It's a Secret to Everybody", {
			body: Buffer.from('Hello, World!'),
		});
		assert.equal(
			signed.headers['x-hub-signature-256'],
			'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
		);
		const headers = {'x-hub-signature-256': signed.headers['x-hub-signature-256']};
		assert.deepEqual(
			verifyDelivery(github, ["It's a Secret to Everybody"], {
				body: Buffer.from('Hello, World!'),
				headers,
			}).valid,
			true,
		);
	});

	test("Slack's documented example", () => {
		const slack = namedScheme('slack');
		const slackBody = Buffer.from(
			'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
		);
		const verdict = verifyDelivery(slack, ['8f742231b10e8888abcd99yyyzzz85a5'], {
			body: slackBody,
			headers: {
				'x-slack-request-timestamp': '1531420618',
				'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
			},
			now: 1_531_420_618_000 + 60_000,
		});
		assert.deepEqual(verdict, {valid: true, id: undefined, timestamp: '1531420618'});
	});

	test('RFC 4231 test case 2 for sha256 and sha512, as a custom scheme', () => {
		const settings = {
			type: 'hmac',
			signatureHeader: 'x-signature',
			payloadFormat: '{body}',
		} as const;
		const cases = [
			['sha256', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
			[
				'sha512',
				'164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
			],
		] as const;
		for (const [algorithm, expected] of cases) {
			const scheme = schemeOf({...settings, algorithm});
			const signed = signDelivery(scheme, 'Jefe', {
				body: Buffer.from('what do ya want for nothing?'),
			});
			assert.equal(signed.headers['x-signature'], expected);
		}
	});
});

describe('interop', () => {
	const stripeSecret = 'whsec_stripe_0123456789abcdef';

	test('Stripe: ours pass constructEvent, generateTestHeaderString passes ours', () => {
		const scheme = namedScheme('stripe');
		const signed = signDelivery(scheme, stripeSecret, {body});
		const event = stripe.webhooks.constructEvent(
			body,
			signed.headers['stripe-signature'] ?? '',
			stripeSecret,
		);
		assert.equal(event.id, 'evt_1');
		const header = stripe.webhooks.generateTestHeaderString({
			payload: body.toString(),
			secret: stripeSecret,
			timestamp: nowSeconds,
		});
		assert.equal(
			verifyDelivery(scheme, [stripeSecret], {body, headers: {'stripe-signature': header}, now})
				.valid,
			true,
		);
		assert.equal(
			verifyDelivery(scheme, ['whsec_other'], {body, headers: {'stripe-signature': header}, now})
				.valid,
			false,
		);
	});

	test('Standard Webhooks: ours pass Webhook.verify, Webhook.sign passes ours', () => {
		const secret = `whsec_${Buffer.from('a standard webhooks key, 32 bytes').toString('base64')}`;
		const scheme = namedScheme('standard');
		const signed = signDelivery(scheme, secret, {body, id: 'msg_1'});
		const webhook = new Webhook(secret);
		assert.deepEqual(webhook.verify(body.toString(), signed.headers), JSON.parse(body.toString()));
		const date = new Date(now);
		const signature = webhook.sign('msg_2', date, body.toString());
		const headers = {
			'webhook-id': 'msg_2',
			'webhook-timestamp': String(nowSeconds),
			'webhook-signature': signature,
		};
		assert.deepEqual(verifyDelivery(scheme, [secret], {body, headers, now}), {
			valid: true,
			id: 'msg_2',
			timestamp: String(nowSeconds),
		});
	});
});

describe('refusals with a reason, never a throw (security rows 27 and 36)', () => {
	const scheme = namedScheme('stripe');
	const secret = 'whsec_reasons';
	const good = signDelivery(scheme, secret, {body, timestamp: String(nowSeconds)}).headers[
		'stripe-signature'
	] as string;
	const reason = (headers: Record<string, string>, extra: {body?: Buffer; now?: number} = {}) => {
		const verdict = verifyDelivery(scheme, [secret], {body, headers, now, ...extra});
		return verdict.valid ? 'valid' : verdict.reason;
	};

	test('each failure names itself', () => {
		assert.equal(reason({'stripe-signature': good}), 'valid');
		assert.match(reason({}), /^no signature/);
		assert.match(reason({'stripe-signature': good}, {now: now + 301_000}), /timestamp 301 s old/);
		assert.equal(reason({'stripe-signature': good}, {now: now + 300_000}), 'valid');
		assert.match(reason({'stripe-signature': good}, {now: now - 400_000}), /in the future/);
		assert.equal(
			reason({'stripe-signature': good}, {body: Buffer.from('{}')}),
			'signature mismatch',
		);
		assert.match(reason({'stripe-signature': `t=${nowSeconds},v1=abcd`}), /wrong length/);
		assert.match(reason({'stripe-signature': `t=${nowSeconds},v1=zz`}), /malformed signature/);
		assert.match(reason({'stripe-signature': `v1=${'0'.repeat(64)}`}), /no timestamp/);
		assert.match(
			reason({'stripe-signature': `t=soon,v1=${'0'.repeat(64)}`}),
			/malformed timestamp/,
		);
	});

	test('several signatures: any one that matches will do, too many are refused', () => {
		const several = `t=${nowSeconds},v1=${'0'.repeat(64)},${good.split(',')[1]}`;
		assert.equal(reason({'stripe-signature': several}), 'valid');
		const many = `t=${nowSeconds},${Array.from({length: 17}, () => `v1=${'0'.repeat(64)}`).join(',')}`;
		assert.match(reason({'stripe-signature': many}), /more than 16/);
	});

	test('hostile headers do not throw', () => {
		for (const value of ['', ',', 't=', 'v1=', '\u0000', 'x'.repeat(100_000), 't=1e400,v1==']) {
			assert.doesNotThrow(() => reason({'stripe-signature': value}));
			assert.notEqual(reason({'stripe-signature': value}), 'valid');
		}
	});

	test('rotation: the previous secret verifies too while it is kept', () => {
		const verdict = verifyDelivery(scheme, ['whsec_new', secret], {
			body,
			headers: {'stripe-signature': good},
			now,
		});
		assert.equal(verdict.valid, true);
	});
});
