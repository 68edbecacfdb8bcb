/**
 * `credential sign|verify|headers` through the built binary, checked by the senders' own libraries:
 * `stripe` and `standardwebhooks` accept what authdeck signs, and authdeck accepts what they sign.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {Webhook} from 'standardwebhooks';
import Stripe from 'stripe';
import {plantedKey, TempVault} from '../../helpers/cli.js';
import {keyringSkipReason} from '../../helpers/keyring.js';

const stripe = new Stripe('sk_test_not_used_offline');
const stripeSecret = `whsec_${plantedKey('')}`;
const standardSecret = `whsec_${Buffer.from(plantedKey('std')).toString('base64')}`;
const githubSecret = "It's a Secret to Everybody";
const bearerSecret = plantedKey('bearer_');
const body = '{"id":"evt_test_1","object":"event","type":"invoice.paid"}';
let vault: TempVault;
let bodyFile: string;

before(async () => {
	vault = await TempVault.create(keyringSkipReason() === undefined ? 'keychain' : 'file');
	await vault.login(plantedKey(), ['--provider', 'vapi', '--alias', 'prod']);
	const add = (name: string, args: string[], secret: string) =>
		vault.ok(['credential', 'add', '--name', name, ...args], {input: secret});
	await add('stripe', ['--type', 'hmac', '--scheme', 'stripe'], stripeSecret);
	await add('standard', ['--type', 'hmac', '--scheme', 'standard'], standardSecret);
	await add('github', ['--type', 'hmac', '--scheme', 'github'], githubSecret);
	await add('api', ['--type', 'bearer'], bearerSecret);
	bodyFile = path.join(vault.cwd, 'body.json');
	fs.writeFileSync(bodyFile, body);
});

after(async () => vault.cleanup());

function verify(name: string, headers: string[], input?: string, extra: string[] = []) {
	const args = ['credential', 'verify', name, '--body', input === undefined ? bodyFile : '-'];
	return vault.run([...args, ...extra, ...headers.flatMap((header) => ['--header', header])], {
		input,
	});
}

function noSecretIn(...outputs: string[]) {
	for (const output of outputs) {
		for (const secret of [stripeSecret, standardSecret, githubSecret]) {
			assert.ok(!output.includes(secret), 'no secret in the output');
		}
	}
}

test('Stripe: constructEvent accepts credential sign; credential verify accepts generateTestHeaderString', async () => {
	const signed = await vault.ok(['credential', 'sign', 'stripe', '--body', bodyFile, '--json']);
	const {headers} = JSON.parse(signed.stdout) as {headers: Record<string, string>};
	const event = stripe.webhooks.constructEvent(
		body,
		headers['stripe-signature'] ?? '',
		stripeSecret,
	);
	assert.equal(event.id, 'evt_test_1');

	const header = stripe.webhooks.generateTestHeaderString({payload: body, secret: stripeSecret});
	let result = await verify('stripe', [`Stripe-Signature: ${header}`]);
	assert.deepEqual([result.code, result.stdout], [0, 'valid\n']);

	result = await verify('stripe', [`Stripe-Signature: ${header}`], `${body} `);
	assert.deepEqual([result.code, result.stdout], [1, 'invalid: signature mismatch\n']);

	const old = stripe.webhooks.generateTestHeaderString({
		payload: body,
		secret: stripeSecret,
		timestamp: Math.floor(Date.now() / 1000) - 301,
	});
	result = await verify('stripe', [`Stripe-Signature: ${old}`]);
	assert.equal(result.code, 1);
	assert.match(result.stdout, /^invalid: timestamp 30[1-3] s old/);
	result = await verify('stripe', [`Stripe-Signature: ${old}`], undefined, ['--tolerance', '600']);
	assert.equal(result.code, 0, result.stdout);
	noSecretIn(signed.stdout, signed.stderr, result.stdout, result.stderr);
});

test('Standard Webhooks: Webhook.verify accepts credential sign; credential verify accepts Webhook.sign', async () => {
	const signed = await vault.ok(
		['credential', 'sign', 'standard', '--body', '-', '--id', 'msg_42', '--json'],
		{input: body},
	);
	const {headers} = JSON.parse(signed.stdout) as {headers: Record<string, string>};
	const webhook = new Webhook(standardSecret);
	assert.deepEqual(webhook.verify(body, headers), JSON.parse(body));

	const now = new Date();
	const signature = webhook.sign('msg_43', now, body);
	const lines = [
		'webhook-id: msg_43',
		`webhook-timestamp: ${Math.floor(now.getTime() / 1000)}`,
		`webhook-signature: ${signature}`,
	];
	let result = await verify('standard', lines);
	assert.deepEqual([result.code, result.stdout], [0, 'valid\n']);
	const headersFile = path.join(vault.cwd, 'headers.txt');
	fs.writeFileSync(headersFile, `HTTP/1.1 200 OK\r\n${lines.join('\r\n')}\r\n\r\n`);
	result = await vault.run([
		'credential',
		'verify',
		'standard',
		'--body',
		bodyFile,
		'--headers',
		headersFile,
	]);
	assert.deepEqual([result.code, result.stdout], [0, 'valid\n']);
	result = await verify('standard', [lines[0] as string, lines[1] as string]);
	assert.match(result.stdout, /^invalid: no signature/);
	noSecretIn(signed.stdout, result.stdout, result.stderr);
});

test("GitHub's published vector, and a signature of the wrong length (security row 36)", async () => {
	const signed = await vault.ok(['credential', 'sign', 'github', '--body', '-'], {
		input: 'Hello, World!',
	});
	assert.equal(
		signed.stdout,
		'x-hub-signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\n',
	);
	for (const [header, reason] of [
		['X-Hub-Signature-256: sha256=757107ea0eb2509f', /wrong length/],
		['X-Hub-Signature-256: sha256=not-hex', /malformed signature/],
		['X-Hub-Signature-256: sha256=', /no signature/],
	] as const) {
		const result = await verify('github', [header], 'Hello, World!');
		assert.equal(result.code, 1, header);
		assert.match(result.stdout, reason);
		assert.equal(result.stderr, '');
	}

	const bad = await verify('github', ['no colon here'], 'Hello, World!');
	assert.equal(bad.code, 1);
	assert.match(bad.stderr, /^authdeck: not a header/);
});

test('headers: bearer as curl -H @- takes it; hmac needs the body', async () => {
	const result = await vault.ok(['credential', 'headers', 'api']);
	assert.equal(result.stdout, `Authorization: Bearer ${bearerSecret}\n`);
	const hmac = await vault.run(['credential', 'headers', 'github']);
	assert.equal(hmac.code, 1);
	assert.match(hmac.stderr, /signs the body/);
	const withBody = await vault.ok(['credential', 'headers', 'github', '--body', bodyFile]);
	assert.match(withBody.stdout, /^x-hub-signature-256: sha256=[\da-f]{64}\n$/);
});
