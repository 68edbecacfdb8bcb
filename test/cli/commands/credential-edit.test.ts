/**
 * `credential edit` and `credential rotate` through the built binary: settings change and the
 * secret stays; a rotated secret keeps its predecessor verifying for the grace period, then not.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import Stripe from 'stripe';
import {plantedKey, TempVault} from '../../helpers/cli.js';

const stripe = new Stripe('sk_test_not_used_offline');
const oldSecret = `whsec_${plantedKey('old')}`;
const newSecret = `whsec_${plantedKey('new')}`;
const body = '{"id":"evt_rotate","type":"invoice.paid"}';
let vault: TempVault;
let bodyFile: string;

before(async () => {
	vault = await TempVault.create('file');
	await vault.login(plantedKey(), ['--provider', 'vapi', '--alias', 'prod']);
	bodyFile = path.join(vault.cwd, 'body.json');
	fs.writeFileSync(bodyFile, body);
});

after(async () => vault.cleanup());

const credentials = () =>
	vault.read().credentials as unknown as Array<Record<string, unknown> & {name: string}>;
const named = (name: string) => credentials().find((c) => c.name === name);
const secretOf = (id: string) => vault.fileSecrets()[`credential:${id}`];

function verify(name: string, secret: string) {
	const header = stripe.webhooks.generateTestHeaderString({payload: body, secret});
	return vault.run([
		'credential',
		'verify',
		name,
		'--body',
		bodyFile,
		'--header',
		`Stripe-Signature: ${header}`,
	]);
}

test('edit changes settings, name and uses, never the secret; a wrong-type flag is refused', async () => {
	const token = plantedKey('bearer_');
	await vault.ok(['credential', 'add', '--name', 'api', '--type', 'bearer'], {input: token});
	const id = named('api')?.id as string;
	const stored = secretOf(id);
	await vault.ok([
		'credential',
		'edit',
		'api',
		'--name',
		'api-auth',
		'--header',
		'X-Vapi-Secret',
		'--no-bearer-prefix',
		'--used-by',
		'asst_1',
		'https://hooks.test/in',
	]);
	const edited = named('api-auth');
	assert.deepEqual(edited?.settings, {
		type: 'bearer',
		headerName: 'X-Vapi-Secret',
		bearerPrefix: false,
	});
	assert.deepEqual(edited?.usedBy, ['asst_1', 'https://hooks.test/in']);
	assert.equal(secretOf(id), stored, 'the secret is untouched');
	const headers = await vault.ok(['credential', 'headers', 'api-auth']);
	assert.equal(headers.stdout, `X-Vapi-Secret: ${token}\n`);
	assert.ok(named('api-auth')?.lastUsedAt, 'headers records lastUsedAt');
	const list = await vault.ok(['credential', 'list']);
	assert.match(list.stdout, /LAST USED/);
	assert.match(list.stdout, /asst_1, https:\/\/hooks\.test\/in\s+0m ago/);

	await vault.ok(['credential', 'edit', 'api-auth', '--bearer-prefix', '--no-used-by']);
	assert.equal(
		(named('api-auth')?.settings as {bearerPrefix?: boolean} | undefined)?.bearerPrefix,
		true,
	);
	assert.deepEqual(named('api-auth')?.usedBy, []);

	for (const [args, message] of [
		[
			['--algorithm', 'sha512'],
			/^authdeck: --algorithm is for hmac credentials; api-auth is bearer/,
		],
		[[], /^authdeck: nothing to change/],
		[['--header', 'bad header'], /^authdeck: invalid header name/],
	] as const) {
		const failed = await vault.fail(['credential', 'edit', 'api-auth', ...args]);
		assert.match(failed.stderr, message);
		assert.equal(failed.stderr.trim().split('\n').length, 1);
	}

	await vault.ok(['credential', 'add', '--name', 'hook', '--type', 'hmac', '--scheme', 'stripe'], {
		input: oldSecret,
	});
	const fixed = await vault.fail(['credential', 'edit', 'hook', '--payload-format', '{body}']);
	assert.match(fixed.stderr, /the stripe scheme fixes --payload-format; add --scheme custom/);
	const taken = await vault.fail(['credential', 'edit', 'hook', '--name', 'api-auth']);
	assert.match(taken.stderr, /already has a credential named "api-auth"/);
	await vault.ok(['credential', 'edit', 'hook', '--scheme', 'custom', '--algorithm', 'sha512']);
	assert.deepEqual(named('hook')?.settings, {
		type: 'hmac',
		scheme: 'custom',
		algorithm: 'sha512',
		signatureHeader: 'stripe-signature',
		payloadFormat: '{timestamp}.{body}',
	});
	await vault.ok(['credential', 'remove', 'hook', '--yes']);
});

test('rotate: both secrets verify during the grace period, only the new one after it', async () => {
	await vault.ok(
		['credential', 'add', '--name', 'stripe', '--type', 'hmac', '--scheme', 'stripe'],
		{
			input: oldSecret,
		},
	);
	assert.equal((await verify('stripe', oldSecret)).code, 0);
	assert.equal((await verify('stripe', newSecret)).code, 1);

	// A real, short grace period: the test waits it out rather than moving a clock.
	const rotated = await vault.ok(['credential', 'rotate', 'stripe', '--keep-previous', '3s'], {
		input: newSecret,
	});
	const rotatedAt = Date.now();
	assert.match(
		rotated.stdout,
		/^Rotated the secret of stripe \(cred_[a-z0-9]+\); the previous one still verifies until 20/,
	);
	assert.ok(!rotated.stdout.includes(newSecret) && !rotated.stdout.includes(oldSecret));
	let result = await verify('stripe', newSecret);
	assert.deepEqual([result.code, result.stdout], [0, 'valid\n']);
	result = await verify('stripe', oldSecret);
	assert.deepEqual(
		[result.code, result.stdout],
		[0, 'valid\n'],
		'the previous one, during the grace',
	);

	await sleep(Math.max(0, rotatedAt + 3200 - Date.now()));
	result = await verify('stripe', oldSecret);
	assert.deepEqual([result.code, result.stdout], [1, 'invalid: signature mismatch\n']);
	result = await verify('stripe', newSecret);
	assert.equal(result.code, 0);

	const same = await vault.fail(['credential', 'rotate', 'stripe'], {input: newSecret});
	assert.match(same.stderr, /^authdeck: the new secret is the one already in use/);
	const bad = await vault.fail(['credential', 'rotate', 'stripe', '--keep-previous', 'soon'], {
		input: oldSecret,
	});
	assert.match(bad.stderr, /^authdeck: --keep-previous takes a duration/);

	// --keep-previous 0: the old secret stops at once.
	await vault.ok(['credential', 'rotate', 'stripe', '--keep-previous', '0'], {input: oldSecret});
	assert.equal((await verify('stripe', oldSecret)).code, 0);
	assert.equal((await verify('stripe', newSecret)).code, 1);
	const secrets = JSON.stringify(vault.read());
	assert.ok(!secrets.includes(oldSecret) && !secrets.includes(newSecret), 'no secret in metadata');
});
