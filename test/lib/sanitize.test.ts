import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {stripVTControlCharacters} from 'node:util';
import {maximumDisplayLength, sanitize} from '../../source/lib/sanitize.js';
import {terminalActive as active} from '../helpers/terminal.js';

// Security row 1: display fields from outside are drawn inert and truncated.

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hostile: Record<string, string> = {
	'clear screen ESC[2J': 'Acme\u001B[2J\u001B[HCorp',
	'OSC 52 clipboard write': 'x\u001B]52;c;ZWNobyBwd25lZA==\u0007y',
	'OSC 0 window title': '\u001B]0;owned\u0007name',
	'OSC 8 hyperlink': '\u001B]8;;https://evil.example/\u001B\\click\u001B]8;;\u001B\\',
	'bare BEL': 'ding\u0007',
	'CR overwriting the line': 'safe-looking\rEVIL',
	'C1 CSI 0x9B': 'a\u009B2Jb',
	'lone ESC': 'a\u001Bb',
	'U+202E right-to-left override': 'invoice\u202Etxt.exe',
	'zero-width space, joiner, BOM': 'pr\u200Bo\u200Dd\uFEFF',
	'DEL and NUL': 'a\u007Fb\u0000c',
	'line separator': 'a\u2028b',
};

describe('sanitize', () => {
	for (const [name, input] of Object.entries(hostile)) {
		test(`${name} is made inert`, () => {
			const output = sanitize(input);
			assert.doesNotMatch(output, active, JSON.stringify(output));
			// Every unsafe character became one `?`; the text around it is kept.
			assert.equal(output.length, input.length);
			assert.equal(
				output.replaceAll('?', ''),
				input.replaceAll(new RegExp(active, 'gu'), '').replaceAll('?', ''),
			);
		});
	}

	test('util.stripVTControlCharacters alone would leave BEL, CR, a lone ESC and U+202E', () => {
		for (const input of ['\u0007', '\r', 'a\u001Bb', '\u202E']) {
			assert.match(stripVTControlCharacters(input), active);
			assert.doesNotMatch(sanitize(input), active);
		}
	});

	test('ordinary text, accents and emoji pass unchanged', () => {
		for (const input of ['John Doe', 'Zoë Ünal', 'ClientCo (org_xyz789)', '東京 🔑', '']) {
			assert.equal(sanitize(input), input);
		}
	});

	test('1 MB of text is capped, with an ellipsis', () => {
		const output = sanitize(`\u001B[31m${'A'.repeat(1024 * 1024)}`);
		assert.equal(Array.from(output).length, maximumDisplayLength);
		assert.ok(output.endsWith('…'));
		assert.ok(output.startsWith('?[31mAAA'));
		assert.doesNotMatch(output, active);
	});

	test('1 MB of escape sequences is capped and inert', () => {
		const output = sanitize('\u001B]52;c;AAAA\u0007'.repeat(80_000));
		assert.equal(Array.from(output).length, maximumDisplayLength);
		assert.doesNotMatch(output, active);
	});

	test('the cap counts characters, never splitting an emoji', () => {
		const output = sanitize(`${'x'.repeat(maximumDisplayLength - 2)}🔑🔑🔑🔑`);
		assert.doesNotMatch(output, loneSurrogate);
		assert.equal(Array.from(output).length, maximumDisplayLength);
		const exact = `${'x'.repeat(maximumDisplayLength - 1)}🔑`;
		assert.equal(sanitize(exact), exact, 'text at the cap is not truncated');
	});

	test('a custom cap, and values that are not strings', () => {
		assert.equal(sanitize('abcdefghij', 5), 'abcd…');
		assert.equal(sanitize(undefined), '');
		assert.equal(sanitize(null), '');
		assert.equal(sanitize(42), '42');
	});
});
