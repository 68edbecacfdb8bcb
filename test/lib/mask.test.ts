import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {maskSecret, minimumRevealLength} from '../../source/lib/mask.js';

// Security row 26: a fixed-length mask; at most the recognisable prefix and the last four characters.

/** Characters that can never form a known prefix by accident (no `_` or `-`). */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A deterministic pseudo-random body, so a failure is reproducible. */
function body(length: number, seed: number): string {
	let state = seed * 2_654_435_761 + length;
	let text = '';
	for (let i = 0; i < length; i++) {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		text += alphabet[state % alphabet.length];
	}

	return text;
}

const prefixes = [
	'',
	'sk-prod_',
	'sk-live-',
	'sk-',
	'sk_live_',
	'pk_test_',
	'gho_',
	'ghp_',
	'github_pat_',
	'xoxb-',
	'glpat-',
	'hf_',
];

describe('maskSecret', () => {
	test("the issue's example: the prefix, a fixed ****, the last four", () => {
		assert.equal(maskSecret('sk-prod_abcdefghijklmnopqrstuvwxyz1234efgh'), 'sk-prod_****efgh');
		assert.equal(maskSecret('gho_16C7e42F292c6912E7710c838347Ae178B4a'), 'gho_****8B4a');
	});

	test('nothing at all of a missing, empty or short secret', () => {
		assert.equal(maskSecret(undefined), '****');
		assert.equal(maskSecret(''), '****');
		assert.equal(maskSecret('a'), '****');
		assert.equal(maskSecret('sk-prod_abc'), '****');
		assert.equal(maskSecret('x'.repeat(minimumRevealLength - 1)), '****');
		assert.equal(minimumRevealLength, 12);
	});

	test('the prefix is dropped when it would leave fewer than eight characters hidden', () => {
		// 8 prefix + 6 + 4: only 6 would stay hidden.
		assert.equal(maskSecret('sk-prod_123456wxyz'), '****wxyz');
		// 8 prefix + 8 + 4: exactly 8 hidden, the prefix may show.
		assert.equal(maskSecret('sk-prod_12345678wxyz'), 'sk-prod_****wxyz');
	});

	test('property: for every prefix and every length 0-300, at most the prefix and the last four show', () => {
		let checked = 0;
		for (const prefix of prefixes) {
			for (let length = 0; length <= 300; length++) {
				for (const seed of [1, 2, 3]) {
					const secret = (prefix + body(Math.max(0, length - prefix.length), seed)).slice(
						0,
						length,
					);
					const masked = maskSecret(secret);
					checked++;
					const what = `maskSecret(${JSON.stringify(secret)}) = ${masked}`;
					if (secret.length < 12) {
						assert.equal(masked, '****', what);
						continue;
					}

					// One fixed-length mask, whatever the length of the secret.
					assert.equal(masked.split('****').length, 2, what);
					const [shownPrefix, tail] = masked.split('****') as [string, string];
					assert.equal(tail, secret.slice(-4), what);
					assert.ok(shownPrefix === '' || prefixes.includes(shownPrefix), what);
					assert.ok(secret.startsWith(shownPrefix), what);
					assert.ok(shownPrefix.length <= prefix.length, `${what}: more than the prefix shown`);
					assert.ok(
						secret.length - shownPrefix.length - 4 >= 8,
						`${what}: fewer than eight characters hidden`,
					);
					assert.equal(masked.length, shownPrefix.length + 8, what);
					// A prefix that leaves eight hidden is always kept.
					if (prefix !== '' && secret.length - prefix.length - 4 >= 8) {
						assert.equal(shownPrefix, prefix, what);
					}
				}
			}
		}

		assert.equal(checked, prefixes.length * 301 * 3);
	});

	test('two secrets of different lengths with the same ends mask the same', () => {
		assert.equal(
			maskSecret(`sk-prod_${'a'.repeat(20)}wxyz`),
			maskSecret(`sk-prod_${'a'.repeat(2000)}wxyz`),
		);
	});
});
