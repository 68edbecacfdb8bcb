import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {UserError} from '../../source/lib/errors.js';
import {
	checkEmail,
	checkEnvironment,
	checkSecret,
	checkSecureUrl,
	checkText,
	checkUrl,
	maximumSecretLength,
} from '../../source/lib/validate.js';
import {terminalActive} from '../helpers/terminal.js';

/** Asserts `run` throws a UserError whose message matches and holds no control character. */
function refuses(run: () => unknown, message: RegExp): UserError {
	let caught: unknown;
	try {
		run();
	} catch (error) {
		caught = error;
	}

	assert.ok(caught instanceof UserError, `expected a UserError, got ${String(caught)}`);
	assert.match(caught.message, message);
	assert.doesNotMatch(caught.message, terminalActive);
	return caught;
}

describe('checkText', () => {
	test('trims and accepts printable text', () => {
		assert.equal(checkText('  Acme Corp  ', 'name'), 'Acme Corp');
		assert.equal(checkText('Zoë 東京', 'name'), 'Zoë 東京');
		assert.equal(checkText('x'.repeat(200), 'name').length, 200);
	});

	test('refuses empty, over 200 characters, controls and format characters', () => {
		for (const value of [
			'',
			'   ',
			'x'.repeat(201),
			'a\u001B[2J',
			'a\u0007',
			'a\u202Eb',
			'a\u200Bb',
			'a\nb',
		]) {
			refuses(
				() => checkText(value, 'organization name'),
				/^invalid organization name: use 1-200 printable characters$/,
			);
		}
	});
});

describe('checkEmail', () => {
	test('accepts and trims an address', () => {
		assert.equal(checkEmail(' john@company.com '), 'john@company.com');
	});

	test('refuses malformed or hostile addresses, quoting them sanitised', () => {
		for (const value of ['john', 'a@', '@b', 'a b@c', 'a@b@c', `${'a'.repeat(250)}@b.co`]) {
			refuses(() => checkEmail(value), /^invalid email/);
		}

		const error = refuses(() => checkEmail('a\u001B[2J@b.c'), /^invalid email "a\?\[2J@b\.c"$/);
		assert.ok(error);
	});
});

describe('checkEnvironment', () => {
	test('the usual names and their short forms', () => {
		const cases: Record<string, string> = {
			production: 'production',
			prod: 'production',
			Staging: 'staging',
			stg: 'staging',
			stage: 'staging',
			dev: 'development',
			development: 'development',
			'qa-eu.1': 'qa-eu.1',
		};
		for (const [input, expected] of Object.entries(cases)) {
			assert.equal(checkEnvironment(input), expected, input);
		}
	});

	test('refuses anything that is not a simple name', () => {
		for (const value of ['', 'pre prod', '../x', 'a/b', 'x\u001B[2J', '-x']) {
			refuses(
				() => checkEnvironment(value),
				/use production, staging, development or a simple name/,
			);
		}
	});
});

describe('checkUrl', () => {
	test('accepts http(s) and drops a trailing slash', () => {
		assert.equal(checkUrl('https://api.vapi.ai/'), 'https://api.vapi.ai');
		assert.equal(checkUrl(' http://127.0.0.1:8080/v1 '), 'http://127.0.0.1:8080/v1');
	});

	test('refuses other schemes and non-URLs', () => {
		refuses(
			() => checkUrl('javascript:alert(1)', 'base URL'),
			/^invalid base URL .*use https:\/\//,
		);
		refuses(() => checkUrl('file:///etc/passwd'), /use https:\/\//);
		refuses(() => checkUrl('ftp://x.example'), /use https:\/\//);
		refuses(() => checkUrl('not a url', 'proxy URL'), /^invalid proxy URL "not a url"$/);
	});
});

describe('checkSecureUrl', () => {
	test('https anywhere, plain http only on loopback', () => {
		assert.equal(
			checkSecureUrl('https://auth.example.com/token'),
			'https://auth.example.com/token',
		);
		assert.equal(checkSecureUrl('http://127.0.0.1:9000/token'), 'http://127.0.0.1:9000/token');
		assert.equal(checkSecureUrl('http://localhost/token'), 'http://localhost/token');
		assert.equal(checkSecureUrl('http://[::1]:80/t'), 'http://[::1]/t');
		const error = refuses(
			() => checkSecureUrl('http://auth.example.com/token', 'token URL', 'tokenUrl'),
			/^invalid token URL "http:\/\/auth.example.com\/token": plain http:\/\/ is only accepted on loopback addresses; use https:\/\/$/,
		);
		assert.equal(error.field, 'tokenUrl');
		refuses(() => checkSecureUrl('http://127.evil.example/t'), /only accepted on loopback/);
	});
});

describe('checkSecret', () => {
	test('drops the final newline of `echo`, keeps the key exact', () => {
		assert.equal(checkSecret('sk-prod_abc123\n'), 'sk-prod_abc123');
		assert.equal(checkSecret('sk-prod_abc123\r\n'), 'sk-prod_abc123');
		assert.equal(checkSecret('x'.repeat(maximumSecretLength)).length, maximumSecretLength);
	});

	test('refuses empty, too long, multi-line, spaces and controls, never echoing the key', () => {
		const key = 'sk-prod_DISTINCTIVE0123456789';
		refuses(() => checkSecret(''), /^no key on stdin/);
		refuses(() => checkSecret('\n'), /^no key on stdin/);
		refuses(() => checkSecret('x'.repeat(maximumSecretLength + 1)), /longer than 65536/);
		for (const value of [
			`${key}\n${key}`,
			`${key} x`,
			`${key}\u001B`,
			`${key}\u202E`,
			`${key}\tx`,
		]) {
			const error = refuses(
				() => checkSecret(value),
				/single line without spaces or control characters/,
			);
			assert.ok(!error.message.includes(key));
		}
	});
});

describe('the field an error names', () => {
	test("each check's own field, or the one its caller names", () => {
		assert.equal(refuses(() => checkEmail('x'), /^invalid email/).field, 'email');
		assert.equal(
			refuses(() => checkEnvironment('a b'), /^invalid environment/).field,
			'environment',
		);
		assert.equal(
			refuses(() => checkUrl('x', 'token URL', 'tokenUrl'), /^invalid token URL/).field,
			'tokenUrl',
		);
		assert.equal(
			refuses(() => checkText('', 'organization name', 'orgName'), /^invalid organization/).field,
			'orgName',
		);
		assert.equal(refuses(() => checkSecret('', 'secret', 'secret'), /^no secret/).field, 'secret');
		assert.equal(refuses(() => checkText('', 'name'), /^invalid name/).field, undefined);
	});
});
