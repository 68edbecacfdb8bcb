import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {aliasPattern, aliasRule, checkAlias, slugify, uniqueAlias} from '../../source/lib/alias.js';

// Security row 3: hostile aliases are refused with a message that says what an alias may be.

const hostile: Record<string, string> = {
	'path traversal ../../x': '../../x',
	'..': '..',
	'.': '.',
	'a slash': 'a/b',
	'a backslash': 'a\\b',
	NUL: 'a\u0000b',
	'300 characters': 'a'.repeat(300),
	'64 characters': 'a'.repeat(64),
	uppercase: 'Prod',
	'Cyrillic а (U+0430) looking like a': '\u0430lias',
	'Cyrillic е and о': 'pr\u043Ed',
	'fullwidth letters': '\uFF41\uFF42\uFF43',
	'Kelvin sign K': '\u212Aey',
	'dotless ı': 'prod\u0131',
	empty: '',
	'leading dot': '.hidden',
	'leading dash (an option)': '-rf',
	'leading underscore': '_x',
	'a space': 'a b',
	'a newline': 'prod\n',
	'an escape sequence': 'a\u001B[2J',
	'zero-width space': 'pr\u200Bod',
	'shell metacharacters': 'a;rm',
	'a colon': 'account:x',
};

describe('checkAlias', () => {
	for (const [name, alias] of Object.entries(hostile)) {
		test(`refuses ${name}`, () => {
			const message = checkAlias(alias);
			assert.equal(message, `invalid alias: ${aliasRule}`);
		});
	}

	test('the message says what an alias may be', () => {
		assert.match(aliasRule, /1-63 characters/);
		assert.match(aliasRule, /lowercase letters, digits, "\.", "_" or "-"/);
		assert.match(aliasRule, /starting with a letter or digit/);
	});

	test('accepts plain aliases up to 63 characters', () => {
		for (const alias of ['a', '0', 'prod', 'client-a', 'a.b_c-d', 'x..y', 'a'.repeat(63)]) {
			assert.equal(checkAlias(alias), undefined, alias);
		}
	});
});

describe('slugify', () => {
	test('turns an email or name into an alias base', () => {
		assert.equal(slugify('john'), 'john');
		assert.equal(slugify('John.Doe'), 'john.doe');
		assert.equal(slugify('Acme Corp, Inc.'), 'acme-corp-inc');
		assert.equal(slugify('\uFF21\uFF22\uFF23'), 'abc');
		assert.equal(slugify('Zoë'), 'zoe');
		assert.equal(slugify('..'), 'account');
		assert.equal(slugify(''), 'account');
		assert.equal(slugify('a'.repeat(300)).length, 50);
	});

	test('always yields a valid alias, whatever the input', () => {
		const inputs = [
			...Object.values(hostile),
			'../../etc/passwd',
			'\u0430\u0435\u043E',
			'ℌello',
			'🔑🔑',
			`-${'x'.repeat(100)}`,
			'---a---',
			'\u0000\u0001',
		];
		for (const input of inputs) {
			const slug = slugify(input);
			assert.equal(checkAlias(slug), undefined, `${JSON.stringify(input)} -> ${slug}`);
			assert.match(slug, aliasPattern);
		}
	});
});

describe('uniqueAlias', () => {
	test('the base, else the first free -N', () => {
		assert.equal(uniqueAlias('john', new Set()), 'john');
		assert.equal(uniqueAlias('john', new Set(['john'])), 'john-2');
		assert.equal(uniqueAlias('john', new Set(['john', 'john-2', 'john-3'])), 'john-4');
		assert.equal(uniqueAlias('john', new Set(['john', 'john-3'])), 'john-2');
	});
});
