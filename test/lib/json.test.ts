import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {toJson} from '../../source/lib/json.js';
import {terminalActive as raw} from '../helpers/terminal.js';

describe('toJson', () => {
	test('escapes every character that could drive a terminal, and round-trips', () => {
		const value = {
			name: 'a\u001B[2Jb\u0007c\rd',
			org: 'x\u009B2Jy\u202Ez\u200Bw\u2028v\uFEFF\u007F',
			nested: [{email: 'e\u001B]52;c;QQ==\u0007@x.io'}],
		};
		const text = toJson(value);
		// Newlines between lines are JSON's own formatting, not data.
		for (const line of text.split('\n')) {
			assert.doesNotMatch(line, raw, line);
		}

		assert.match(text, /\\u009b/);
		assert.match(text, /\\u202e/);
		assert.match(text, /\\u001b/);
		assert.deepEqual(JSON.parse(text), value);
	});

	test('leaves ordinary text as it is and is indented by two spaces', () => {
		const value = {alias: 'prod', name: 'Zoë 東京 🔑', n: 1, none: null};
		assert.equal(
			toJson(value),
			'{\n  "alias": "prod",\n  "name": "Zoë 東京 🔑",\n  "n": 1,\n  "none": null\n}',
		);
	});
});
