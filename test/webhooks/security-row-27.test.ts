/**
 * Row 27 of the security table, at the level `credential verify` and `credential listen` use:
 * verifyDelivery over a scheme and the live secrets of a credential. RFC 4231 vectors (through a
 * custom scheme), GitHub's and Standard Webhooks' published vectors, a timestamp 301 s old, several
 * signatures (and several secrets, during a rotation), a signature of the wrong length: each is
 * accepted or refused correctly, and verification answers false with a reason, never throws.
 * The expected values are copied from the RFC and the publishers, not computed here.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {liveSecrets} from '../../source/services/credential-use.js';
import {namedScheme, schemeOf} from '../../source/webhooks/schemes.js';
import {verifyDelivery} from '../../source/webhooks/verify.js';

const custom = (algorithm: 'sha256' | 'sha512') =>
	schemeOf({
		type: 'hmac',
		scheme: 'custom',
		algorithm,
		signatureHeader: 'x-signature',
		payloadFormat: '{body}',
	});

// RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?" (text keys only: a credential's
// secret is text).
const rfc = {
	key: 'Jefe',
	data: 'what do ya want for nothing?',
	sha256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
	sha512:
		'164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
};

const standard = {
	secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
	id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
	timestamp: '1614265330',
	body: '{"test": 2432232314}',
	signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const standardHeaders = (signature = standard.signature, timestamp = standard.timestamp) => ({
	'webhook-id': standard.id,
	'webhook-timestamp': timestamp,
	'webhook-signature': signature,
});
const at = (seconds: number) => (Number(standard.timestamp) + seconds) * 1000;

describe('security row 27: HMAC verification accepts and rejects correctly, never throws', () => {
	for (const algorithm of ['sha256', 'sha512'] as const) {
		test(`RFC 4231 test case 2, HMAC-${algorithm.toUpperCase()}`, () => {
			const body = Buffer.from(rfc.data);
			const good = verifyDelivery(custom(algorithm), [rfc.key], {
				body,
				headers: {'x-signature': rfc[algorithm]},
			});
			assert.deepEqual(good, {valid: true, id: undefined, timestamp: undefined});
			const flipped = rfc[algorithm].replace(/^./, (c) => (c === '0' ? '1' : '0'));
			const bad = verifyDelivery(custom(algorithm), [rfc.key], {
				body,
				headers: {'x-signature': flipped},
			});
			assert.deepEqual(bad, {valid: false, reason: 'signature mismatch'});
		});
	}

	test("GitHub's published vector", () => {
		const verdict = verifyDelivery(namedScheme('github'), ["It's a Secret to Everybody"], {
			body: Buffer.from('Hello, World!'),
			headers: {
				'x-hub-signature-256':
					'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
			},
		});
		assert.equal(verdict.valid, true);
	});

	test("Standard Webhooks' published vector; 300 s old accepted, 301 s old refused", () => {
		const scheme = namedScheme('standard');
		const body = Buffer.from(standard.body);
		const check = (now: number, headers = standardHeaders()) =>
			verifyDelivery(scheme, [standard.secret], {body, headers, now});
		assert.equal(check(at(0)).valid, true);
		assert.equal(check(at(300)).valid, true);
		assert.deepEqual(check(at(301)), {
			valid: false,
			reason: 'timestamp 301 s old (tolerance 300 s)',
		});
		assert.equal(check(at(-301)).valid, false, 'or 301 s ahead');
	});

	test('several signatures: accepted when one matches; several secrets during a rotation', () => {
		const scheme = namedScheme('standard');
		const body = Buffer.from(standard.body);
		const other = 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
		const verdict = verifyDelivery(scheme, [standard.secret], {
			body,
			headers: standardHeaders(`${other} ${standard.signature}`),
			now: at(0),
		});
		assert.equal(verdict.valid, true);

		const rotated = {
			value: 'whsec_bmV3LXNlY3JldC1hZnRlci1yb3RhdGlvbg==',
			previous: {value: standard.secret, until: new Date(at(60)).toISOString()},
		};
		const during = liveSecrets(rotated, at(0));
		assert.deepEqual(during, [rotated.value, standard.secret]);
		assert.equal(
			verifyDelivery(scheme, during, {body, headers: standardHeaders(), now: at(0)}).valid,
			true,
		);
		const afterGrace = liveSecrets(rotated, at(61));
		assert.deepEqual(afterGrace, [rotated.value]);
		assert.equal(
			verifyDelivery(scheme, afterGrace, {body, headers: standardHeaders(), now: at(0)}).valid,
			false,
		);
	});

	test('a signature of the wrong length is false with a reason, not an exception', () => {
		for (const [scheme, headers] of [
			[namedScheme('github'), {'x-hub-signature-256': 'sha256=757107ea'}],
			[namedScheme('standard'), standardHeaders('v1,g0hM9SsE')],
			[custom('sha512'), {'x-signature': rfc.sha256}],
		] as const) {
			const verdict = verifyDelivery(scheme, ['Jefe', standard.secret], {
				body: Buffer.from(standard.body),
				headers,
				now: at(0),
			});
			assert.equal(verdict.valid, false);
			assert.match((verdict as {reason: string}).reason, /wrong length|mismatch|malformed/);
		}
	});

	test('never throws, even on input the types forbid', () => {
		const junk: unknown[] = [undefined, null, 42, {}, [], '\u0000', 'x'.repeat(100_000)];
		for (const value of junk) {
			for (const name of ['github', 'stripe', 'standard', 'slack', 'shopify'] as const) {
				const verdict = verifyDelivery(namedScheme(name), [standard.secret], {
					body: value as Buffer,
					headers: {
						'x-hub-signature-256': value as string,
						'stripe-signature': value as string,
						'webhook-signature': value as string,
						'x-slack-signature': value as string,
					},
				});
				assert.equal(verdict.valid, false);
			}
		}
	});
});
