/** `authdeck credential add|list|remove` through the built binary: secrets in on stdin, out masked. */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {before, test} from 'node:test';
import {useTempVault} from '../../helpers/cli.js';
import {binary, terminalEnv} from '../../helpers/pty.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	assert.ok(fs.existsSync(binary), `${binary} is missing: run npm run build first`);
	await vault().seedSample();
});

function run(args: readonly string[], input = '') {
	const result = spawnSync(process.execPath, [binary, 'credential', ...args], {
		env: terminalEnv(vault().env),
		input,
		encoding: 'utf8',
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

const bearerSecret = 'whsec-bearer-0123456789-wxyz';
const hmacSecret = 'hmac-key-abcdefabcdef-9f3a';

test('add reads the secret from stdin and lists it masked', () => {
	let result = run(
		['add', '--name', 'Production API Auth', '--type', 'bearer', '--used-by', 'asst_1', 'asst_2'],
		bearerSecret,
	);
	assert.equal(result.code, 0, result.stderr);
	assert.match(
		result.stdout,
		/^Added credential Production API Auth \(cred_[a-z0-9]+\) to prod\n$/,
	);
	result = run(
		[
			'add',
			'--account',
			'gpu',
			'--name',
			'Signing',
			'--type',
			'hmac',
			'--signature-header',
			'x-vast-signature',
			'--timestamp-header',
			'x-vast-timestamp',
			'--payload-format',
			'{timestamp}.{body}',
			'--json',
		],
		`${hmacSecret}\n`,
	);
	assert.equal(result.code, 0, result.stderr);
	const added = JSON.parse(result.stdout);
	assert.equal(added.account, 'gpu');
	assert.deepEqual(added.settings, {
		type: 'hmac',
		scheme: 'custom',
		algorithm: 'sha256',
		signatureHeader: 'x-vast-signature',
		timestampHeader: 'x-vast-timestamp',
		payloadFormat: '{timestamp}.{body}',
	});
	assert.equal(added.secret, '****9f3a');

	result = run(['list']);
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /^NAME +ID +ACCOUNT +TYPE +DETAIL +SECRET +USED BY +LAST USED$/m);
	assert.match(
		result.stdout,
		/Production API Auth +cred_\w+ +prod +bearer +Authorization +\*\*\*\*wxyz +asst_1, asst_2/,
	);
	assert.ok(!result.stdout.includes('Signing'), 'list shows the current account only');
	result = run(['list', '--all', '--json']);
	const all = JSON.parse(result.stdout) as Array<{name: string; secret: string}>;
	assert.deepEqual(all.map((c) => c.name).sort(), ['Production API Auth', 'Signing']);

	for (const output of [
		run(['list', '--all']).stdout,
		result.stdout,
		fs.readFileSync(path.join(vault().configDir, 'config.json'), 'utf8'),
	]) {
		assert.ok(
			!output.includes(bearerSecret) && !output.includes(hmacSecret),
			'no secret in output or metadata',
		);
	}

	const secrets = fs.readFileSync(path.join(vault().configDir, 'secrets.json'), 'utf8');
	assert.ok(secrets.includes(bearerSecret) && secrets.includes(hmacSecret));
});

test('a legacy header without the Bearer prefix, and oauth2 client credentials', () => {
	let result = run(
		[
			'add',
			'--name',
			'Legacy',
			'--type',
			'bearer',
			'--header',
			'X-Vapi-Secret',
			'--no-bearer-prefix',
			'--json',
		],
		'legacy-secret-0123456789',
	);
	assert.equal(result.code, 0, result.stderr);
	assert.deepEqual(JSON.parse(result.stdout).settings, {
		type: 'bearer',
		headerName: 'X-Vapi-Secret',
		bearerPrefix: false,
	});
	result = run(
		[
			'add',
			'--name',
			'OAuth',
			'--type',
			'oauth2',
			'--token-url',
			'https://auth.example.com/token',
			'--client-id',
			'abc',
			'--scope',
			'webhooks',
			'--json',
		],
		'client-secret-0123456789',
	);
	assert.equal(result.code, 0, result.stderr);
	assert.equal(JSON.parse(result.stdout).settings.tokenUrl, 'https://auth.example.com/token');
});

test('bad input is refused with one line that says what is wrong', () => {
	const cases: Array<[string[], string, RegExp]> = [
		[
			['add', '--name', 'X', '--type', 'bearer', '--header', 'Bad Header'],
			'secret-0123456789',
			/invalid header name/,
		],
		[
			['add', '--name', 'Y', '--type', 'oauth2'],
			'secret-0123456789',
			/needs a token URL and a client id/,
		],
		[['add', '--name', 'Z', '--type', 'bearer'], '', /no secret on stdin/],
		[
			['add', '--name', 'Legacy', '--type', 'bearer'],
			'secret-0123456789',
			/already has a credential named "Legacy"/,
		],
		[
			['add', '--name', 'W', '--type', 'nope'],
			'secret-0123456789',
			/Allowed choices are bearer, oauth2, hmac/,
		],
		[['remove', 'does-not-exist'], '', /no credential matches "does-not-exist"/],
	];
	for (const [args, input, message] of cases) {
		const result = run(args, input);
		assert.notEqual(result.code, 0, args.join(' '));
		assert.match(result.stderr, message);
		assert.equal(result.stdout, '');
	}
});

test('remove by name deletes the credential and its secret', () => {
	const result = run(['remove', 'Production API Auth', '--yes']);
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /^Removed credential Production API Auth/);
	assert.ok(!run(['list']).stdout.includes('Production API Auth'));
	const secrets = fs.readFileSync(path.join(vault().configDir, 'secrets.json'), 'utf8');
	assert.ok(!secrets.includes(bearerSecret), 'its secret is deleted');
	assert.ok(secrets.includes(hmacSecret), 'the others are kept');
});
