import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	type HmacAlgorithm,
	sign,
	verifyGitHub,
	verifySignature,
	verifyStandardWebhook,
} from '../../source/webhooks/hmac.js';

const bytes = (value: number, length: number) => Buffer.alloc(length, value);

// RFC 4231 section 4, test cases 1-4, 6 and 7 (case 5 is a truncated output, not a whole HMAC).
// The expected strings are copied from the RFC, not computed here.
const rfc4231 = [
	{
		name: 'test case 1',
		key: bytes(0x0b, 20),
		data: Buffer.from('Hi There'),
		sha256: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
		sha512:
			'87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
	},
	{
		name: 'test case 2 (a key shorter than the output)',
		key: Buffer.from('Jefe'),
		data: Buffer.from('what do ya want for nothing?'),
		sha256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
		sha512:
			'164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
	},
	{
		name: 'test case 3 (50 bytes of 0xdd)',
		key: bytes(0xaa, 20),
		data: bytes(0xdd, 50),
		sha256: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
		sha512:
			'fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb',
	},
	{
		name: 'test case 4 (a 25-byte key)',
		key: Buffer.from('0102030405060708090a0b0c0d0e0f10111213141516171819', 'hex'),
		data: bytes(0xcd, 50),
		sha256: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
		sha512:
			'b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd',
	},
	{
		name: 'test case 6 (a key larger than the block)',
		key: bytes(0xaa, 131),
		data: Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First'),
		sha256: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
		sha512:
			'80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598',
	},
	{
		name: 'test case 7 (a key and data larger than the block)',
		key: bytes(0xaa, 131),
		data: Buffer.from(
			'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
		),
		sha256: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
		sha512:
			'e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58',
	},
] as const;

// GitHub's "Validating webhook deliveries" example.
const github = {
	secret: "It's a Secret to Everybody",
	payload: 'Hello, World!',
	header: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
};

// The Standard Webhooks specification's example.
const standard = {
	secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
	id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
	timestamp: 1_614_265_330,
	body: '{"test": 2432232314}',
	signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const standardNow = standard.timestamp * 1000;

function standardOptions(overrides: Partial<Parameters<typeof verifyStandardWebhook>[0]> = {}) {
	return {
		id: standard.id,
		timestamp: String(standard.timestamp),
		body: standard.body,
		secret: standard.secret,
		signatureHeader: standard.signature,
		now: standardNow,
		...overrides,
	};
}

/** Flips one hex digit, so the length and encoding stay right and only the value is wrong. */
function tamperHex(hex: string): string {
	return `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
}

describe('sign', () => {
	for (const vector of rfc4231) {
		for (const algorithm of ['sha256', 'sha512'] as const) {
			test(`RFC 4231 ${vector.name}, HMAC-${algorithm.toUpperCase()}`, () => {
				assert.equal(sign(vector.data, vector.key, algorithm), vector[algorithm]);
			});
		}
	}

	test('hex is the default; base64 is the same bytes', () => {
		const {key, data, sha256} = rfc4231[1];
		assert.equal(sign(data, key, 'sha256'), sha256);
		assert.equal(
			sign(data, key, 'sha256', 'base64'),
			Buffer.from(sha256, 'hex').toString('base64'),
		);
	});

	test('a string and its UTF-8 bytes sign alike', () => {
		assert.equal(
			sign('Jefe', 'what', 'sha1'),
			sign(Buffer.from('Jefe'), Buffer.from('what'), 'sha1'),
		);
		assert.equal(sign('🔑 é', 'k', 'sha256'), sign(Buffer.from('🔑 é'), 'k', 'sha256'));
	});

	test('HMAC-SHA1 has the length of SHA-1', () => {
		assert.equal(sign('x', 'k', 'sha1').length, 40);
	});
});

describe('verifySignature', () => {
	for (const vector of rfc4231) {
		for (const algorithm of ['sha256', 'sha512'] as const) {
			test(`accepts RFC 4231 ${vector.name}, HMAC-${algorithm.toUpperCase()}, and rejects it tampered`, () => {
				const base = {payload: vector.data, key: vector.key, algorithm};
				assert.equal(verifySignature({...base, signature: vector[algorithm]}), true);
				assert.equal(verifySignature({...base, signature: vector[algorithm].toUpperCase()}), true);
				assert.equal(verifySignature({...base, signature: tamperHex(vector[algorithm])}), false);
				const other = algorithm === 'sha256' ? 'sha512' : 'sha256';
				assert.equal(
					verifySignature({...base, algorithm: other, signature: vector[algorithm]}),
					false,
				);
			});
		}
	}

	const payload = 'payload';
	const key = 'secret';
	const good = sign(payload, key, 'sha256');

	test('a signature of the wrong length is false, not an exception', () => {
		const wrong = [good.slice(0, -2), `${good}00`, good.slice(0, 1), good.slice(0, -1), `${good}0`];
		for (const signature of wrong) {
			assert.doesNotThrow(() => verifySignature({payload, key, algorithm: 'sha256', signature}));
			assert.equal(verifySignature({payload, key, algorithm: 'sha256', signature}), false);
		}

		const base64 = sign(payload, key, 'sha256', 'base64');
		assert.equal(
			verifySignature({
				payload,
				key,
				algorithm: 'sha256',
				signature: base64.slice(4),
				encoding: 'base64',
			}),
			false,
		);
	});

	test('bad encoding is false: the right hex with junk, or base64 sent where hex is expected', () => {
		const bad = [
			`${good.slice(0, -2)}zz`,
			`${good.slice(0, -1)}!`,
			`${good}\u0000`,
			`x${good}`,
			sign(payload, key, 'sha256', 'base64'),
			'%%%%',
			'é'.repeat(64),
		];
		for (const signature of bad) {
			assert.equal(
				verifySignature({payload, key, algorithm: 'sha256', signature}),
				false,
				signature,
			);
		}

		assert.equal(
			verifySignature({payload, key, algorithm: 'sha256', signature: good, encoding: 'base64'}),
			false,
		);
	});

	test('empty or missing input is false', () => {
		assert.equal(verifySignature({payload, key, algorithm: 'sha256', signature: ''}), false);
		assert.equal(verifySignature({payload, key, algorithm: 'sha256', signature: undefined}), false);
		assert.equal(
			verifySignature({payload, key, algorithm: 'sha256', signature: '   ,  , '}),
			false,
		);
		assert.equal(
			verifySignature({
				payload,
				key: '',
				algorithm: 'sha256',
				signature: sign(payload, '', 'sha256'),
			}),
			false,
			'an empty key lets anyone sign, so it is never trusted',
		);
		assert.equal(
			verifySignature({
				payload,
				key: Buffer.alloc(0),
				algorithm: 'sha256',
				signature: sign(payload, '', 'sha256'),
			}),
			false,
		);
		assert.equal(
			verifySignature({payload, key, algorithm: 'sha256', signature: 'sha256=', prefix: 'sha256='}),
			false,
		);
	});

	test('an empty payload is still signed and checked', () => {
		const empty = sign('', key, 'sha256');
		assert.equal(verifySignature({payload: '', key, algorithm: 'sha256', signature: empty}), true);
		assert.equal(
			verifySignature({payload: 'x', key, algorithm: 'sha256', signature: empty}),
			false,
		);
	});

	test('never throws, even on values the types forbid', () => {
		const hostile = [
			{payload, key, algorithm: 'md5' as HmacAlgorithm, signature: good},
			{payload, key, algorithm: 'nope' as HmacAlgorithm, signature: good},
			{payload, key, algorithm: 'toString' as HmacAlgorithm, signature: good},
			{payload: undefined as unknown as string, key, algorithm: 'sha256' as const, signature: good},
			{payload, key: undefined as unknown as string, algorithm: 'sha256' as const, signature: good},
			{payload, key, algorithm: 'sha256' as const, signature: 42 as unknown as string},
			{payload, key, algorithm: 'sha256' as const, signature: good, encoding: 'utf8' as 'hex'},
		];
		for (const options of hostile) {
			assert.doesNotThrow(() => verifySignature(options));
			assert.equal(verifySignature(options), false);
		}
	});

	test('several signatures: accepted when any one matches', () => {
		const other = sign(payload, 'old-secret', 'sha256');
		const check = (signature: string, prefix = '') =>
			verifySignature({payload, key, algorithm: 'sha256', signature, prefix});
		assert.equal(check(`${other} ${good}`), true);
		assert.equal(check(`${good},${other}`), true);
		assert.equal(check(`${other}, ${good}`), true);
		assert.equal(check(`sha256=${other},sha256=${good}`, 'sha256='), true);
		assert.equal(check(`sha256=${other} sha256=${good}`, 'sha256='), true);
		assert.equal(check(`${tamperHex(good)} short ${other}`), false);
		assert.equal(check(`sha256=${other},sha256=${tamperHex(good)}`, 'sha256='), false);
		// Stripe-style: a timestamp part that is not a signature is skipped.
		assert.equal(check(`t=1492774577,v1=${other},v1=${good}`, 'v1='), true);
	});

	test('a prefix is required when given, and only at the start of a signature', () => {
		const check = (signature: string) =>
			verifySignature({payload, key, algorithm: 'sha256', signature, prefix: 'sha256='});
		assert.equal(check(good), false);
		assert.equal(check(`sha1=${good}`), false);
		assert.equal(check(`xsha256=${good}`), false);
		assert.equal(check(`sha256=${good}`), true);
	});

	test('a header stuffed with candidates is refused', () => {
		const junk = Array.from({length: 100}, (_, i) => sign(String(i), key, 'sha256'));
		assert.equal(
			verifySignature({payload, key, algorithm: 'sha256', signature: [...junk, good].join(' ')}),
			false,
		);
	});
});

describe('verifyGitHub', () => {
	test("accepts GitHub's published example", () => {
		assert.equal(verifyGitHub(github.payload, github.secret, github.header), true);
		assert.equal(
			verifyGitHub(Buffer.from(github.payload), Buffer.from(github.secret), github.header),
			true,
		);
		assert.equal(`sha256=${sign(github.payload, github.secret, 'sha256')}`, github.header);
	});

	test('rejects a changed body, a wrong secret, a missing or bare header', () => {
		assert.equal(verifyGitHub('Hello, World?', github.secret, github.header), false);
		assert.equal(verifyGitHub(`${github.payload}\n`, github.secret, github.header), false);
		assert.equal(verifyGitHub(github.payload, "It's a secret to everybody", github.header), false);
		assert.equal(verifyGitHub(github.payload, github.secret, undefined), false);
		assert.equal(verifyGitHub(github.payload, github.secret, ''), false);
		assert.equal(
			verifyGitHub(github.payload, github.secret, github.header.slice('sha256='.length)),
			false,
		);
		assert.equal(verifyGitHub(github.payload, github.secret, 'sha256='), false);
		assert.equal(
			verifyGitHub(github.payload, github.secret, `${github.header.slice(0, -2)}`),
			false,
		);
		assert.equal(verifyGitHub(github.payload, '', github.header), false);
	});
});

describe('verifyStandardWebhook', () => {
	test('accepts the published test vector', () => {
		assert.equal(verifyStandardWebhook(standardOptions()), true);
		assert.equal(
			verifyStandardWebhook(
				standardOptions({signatureHeader: standard.signature.replace(/=$/, '')}),
			),
			true,
			'padding is optional',
		);
		assert.equal(verifyStandardWebhook(standardOptions({secret: standard.secret.slice(6)})), true);
		assert.equal(verifyStandardWebhook(standardOptions({timestamp: standard.timestamp})), true);
		assert.equal(verifyStandardWebhook(standardOptions({body: Buffer.from(standard.body)})), true);
		const key = Buffer.from(standard.secret.slice('whsec_'.length), 'base64');
		assert.equal(
			`v1,${sign(`${standard.id}.${standard.timestamp}.${standard.body}`, key, 'sha256', 'base64')}`,
			standard.signature,
		);
	});

	test('a timestamp 301 s old, or 301 s ahead, is rejected; 300 s either way is accepted', () => {
		const at = (seconds: number) =>
			verifyStandardWebhook(standardOptions({now: standardNow + seconds * 1000}));
		assert.equal(at(301), false);
		assert.equal(at(-301), false);
		assert.equal(at(300), true);
		assert.equal(at(-300), true);
		assert.equal(at(300.001), false);
		assert.equal(at(86_400 * 365), false);
	});

	test('the tolerance can be changed', () => {
		const options = standardOptions({now: standardNow + 61_000});
		assert.equal(verifyStandardWebhook({...options, toleranceSeconds: 60}), false);
		assert.equal(verifyStandardWebhook({...options, toleranceSeconds: 61}), true);
	});

	test('now defaults to the clock, so an old vector fails today', () => {
		const {now: _, ...withoutNow} = standardOptions();
		assert.equal(verifyStandardWebhook(withoutNow), false);
	});

	test('several signatures: accepted when one matches', () => {
		const stale = 'v1,Ct7wXrgJbz8VnEs3EtLAvUmzzl0qVDEh8UnLsi0+gJc=';
		const header = (signatures: string[]) =>
			verifyStandardWebhook(standardOptions({signatureHeader: signatures.join(' ')}));
		assert.equal(header([stale, standard.signature]), true);
		assert.equal(header([standard.signature, stale]), true);
		assert.equal(header([`v2,${standard.signature.slice(3)}`, stale]), false);
		assert.equal(header([stale]), false);
	});

	test('rejects anything signed differently', () => {
		const rejected = [
			standardOptions({body: '{"test":2432232314}'}),
			standardOptions({id: 'msg_other'}),
			standardOptions({id: ''}),
			standardOptions({id: undefined}),
			standardOptions({timestamp: String(standard.timestamp + 1), now: standardNow + 1000}),
			standardOptions({timestamp: `0${standard.timestamp}`}),
			standardOptions({timestamp: ` ${standard.timestamp}`}),
			standardOptions({timestamp: `${standard.timestamp}.0`}),
			standardOptions({timestamp: standard.timestamp + 0.5}),
			standardOptions({timestamp: ''}),
			standardOptions({timestamp: undefined}),
			standardOptions({timestamp: 'yesterday'}),
			standardOptions({secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSx'}),
			standardOptions({secret: 'whsec_'}),
			standardOptions({secret: 'whsec_not base64!'}),
			standardOptions({secret: ''}),
			standardOptions({signatureHeader: standard.signature.slice(3)}),
			standardOptions({signatureHeader: `v1=${standard.signature.slice(3)}`}),
			standardOptions({signatureHeader: ''}),
			standardOptions({signatureHeader: undefined}),
			standardOptions({now: Number.NaN}),
		];
		for (const options of rejected) {
			assert.equal(verifyStandardWebhook(options), false, JSON.stringify(options));
		}
	});

	test('a signature of the wrong length or bad base64 is false, not an exception', () => {
		const body = standard.signature.slice(3);
		for (const signatureHeader of [
			`v1,${body.slice(0, -4)}`,
			`v1,${body}AAAA`,
			'v1,',
			'v1,=',
			`v1,${body.replace('+', '-')}`,
			`v1,${body}\u0000`,
			'v1,,,,',
			`v1,${body.replace('=', 'A')}`,
			`v1,${body}=`,
			`v1,${body.slice(0, -2)}F=`,
		]) {
			const options = standardOptions({signatureHeader});
			assert.doesNotThrow(() => verifyStandardWebhook(options));
			assert.equal(verifyStandardWebhook(options), false, signatureHeader);
		}
	});

	test('never throws, even on values the types forbid', () => {
		const hostile = [
			standardOptions({secret: undefined as unknown as string}),
			standardOptions({body: undefined as unknown as string}),
			standardOptions({body: 42 as unknown as string}),
			standardOptions({timestamp: {} as unknown as string}),
		];
		for (const options of hostile) {
			assert.doesNotThrow(() => verifyStandardWebhook(options));
			assert.equal(verifyStandardWebhook(options), false);
		}
	});
});
