/**
 * `credential send` and `credential listen` end to end, each in its own process of the built
 * binary: what send signs, listen accepts and forwards; a tampered body, an old timestamp and a
 * wrong token are refused and not forwarded; Ctrl+C (SIGINT) stops the listener cleanly.
 */
import assert from 'node:assert/strict';
import type {ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {after, before, test} from 'node:test';
import Stripe from 'stripe';
import {describeRun, plantedKey, TempVault} from '../../helpers/cli.js';

const stripe = new Stripe('sk_test_not_used_offline');
const stripeSecret = `whsec_${plantedKey('')}`;
const bearerSecret = plantedKey('bearer_');
let vault: TempVault;
let target: http.Server;
let targetUrl: string;
const children: ChildProcess[] = [];
const forwarded: Array<{headers: http.IncomingHttpHeaders; body: string}> = [];

before(async () => {
	vault = await TempVault.create('file');
	await vault.login(plantedKey(), ['--provider', 'vapi', '--alias', 'prod']);
	await vault.ok(
		['credential', 'add', '--name', 'stripe', '--type', 'hmac', '--scheme', 'stripe'],
		{
			input: stripeSecret,
		},
	);
	await vault.ok(['credential', 'add', '--name', 'api', '--type', 'bearer'], {input: bearerSecret});
	// The application the listener forwards to: records what it is given.
	target = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			forwarded.push({headers: request.headers, body: Buffer.concat(chunks).toString('utf8')});
			response.writeHead(200, {'content-type': 'text/plain'}).end('thanks from the app');
		});
	});
	await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
	targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hooks`;
});

after(async () => {
	// A listener left running by a failed assertion would keep the test process alive.
	for (const child of children) {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
		}
	}

	target.closeAllConnections();
	await new Promise((resolve) => target.close(resolve));
	await vault.cleanup();
});

type Listening = {
	child: ChildProcess;
	url: string;
	lines: () => string[];
	next: () => Promise<string>;
};

async function startListener(args: string[]): Promise<Listening> {
	const child = await vault.spawn(['credential', 'listen', ...args, '--port', '0']);
	children.push(child);
	child.stdin?.end();
	let stdout = '';
	let seen = 1;
	const waiters: Array<() => void> = [];
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
		for (const waiter of waiters.splice(0)) {
			waiter();
		}
	});
	const lines = () => stdout.split('\n').filter(Boolean);
	const lineAt = (index: number) =>
		new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no line ${index}:\n${stdout}`)), 20_000);
			const check = () => {
				const line = lines()[index];
				if (line === undefined) {
					waiters.push(check);
				} else {
					clearTimeout(timer);
					resolve(line);
				}
			};

			check();
		});
	const first = await lineAt(0);
	const url = /Listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(first)?.[1];
	assert.ok(url, first);
	return {child, url, lines, next: () => lineAt(seen++)};
}

function stopped(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve) => {
		child.once('exit', (code) => resolve(code));
		child.kill('SIGINT');
	});
}

async function signed(extra: string[], body: string): Promise<Record<string, string>> {
	const file = path.join(vault.cwd, 'body.json');
	fs.writeFileSync(file, body);
	const result = await vault.ok([
		'credential',
		'sign',
		'stripe',
		'--body',
		file,
		'--json',
		...extra,
	]);
	return (JSON.parse(result.stdout) as {headers: Record<string, string>}).headers;
}

test('send -> listen: valid and forwarded; tampered and old are refused; SIGINT stops it', async () => {
	const listener = await startListener(['stripe', '--forward-to', targetUrl]);
	const sent = await vault.run([
		'credential',
		'send',
		'stripe',
		'--url',
		listener.url,
		'--event',
		'invoice.paid',
	]);
	assert.equal(sent.code, 0, describeRun(sent));
	assert.match(sent.stdout, /^HTTP 200 OK in \d+ ms\nthanks from the app\n$/);
	assert.match(
		await listener.next(),
		/POST \/ {2}valid {2}evt_[0-9a-f]{24} invoice\.paid {2}-> 200 in \d+ ms$/,
	);
	assert.equal(forwarded.length, 1);
	const delivery = forwarded[0] as {headers: http.IncomingHttpHeaders; body: string};
	// The application gets the request as sent: Stripe's own library accepts it.
	const event = stripe.webhooks.constructEvent(
		delivery.body,
		String(delivery.headers['stripe-signature']),
		stripeSecret,
	);
	assert.equal(event.type, 'invoice.paid');

	const body = '{"id":"evt_manual","type":"charge.succeeded"}';
	const headers = await signed([], body);
	let answer = await fetch(listener.url, {
		method: 'POST',
		headers,
		body: body.replace('charge', 'refund'),
	});
	assert.equal(answer.status, 401);
	assert.match(
		await listener.next(),
		/POST \/ {2}invalid: signature mismatch {2}evt_manual refund\.succeeded$/,
	);

	const old = String(Math.floor(Date.now() / 1000) - 400);
	answer = await fetch(`${listener.url}replay`, {
		method: 'POST',
		headers: await signed(['--timestamp', old], body),
		body,
	});
	assert.equal(answer.status, 401);
	assert.match(await listener.next(), /POST \/replay {2}invalid: timestamp 40[0-2] s old/);

	answer = await fetch(listener.url, {method: 'POST', headers, body});
	assert.equal(answer.status, 200, 'the untampered one is accepted');
	assert.match(await listener.next(), /valid {2}evt_manual charge\.succeeded {2}-> 200/);
	assert.equal(forwarded.length, 2, 'only valid requests were forwarded');

	assert.equal(await stopped(listener.child), 0);
	assert.equal(listener.lines().at(-1), 'Stopped');
	for (const line of listener.lines()) {
		assert.ok(!line.includes(stripeSecret));
	}
});

test('bearer: listen accepts the token send applies and refuses another', async () => {
	const listener = await startListener(['api']);
	const sent = await vault.run(['credential', 'send', 'api', '--url', listener.url]);
	assert.equal(sent.code, 0, describeRun(sent));
	assert.match(sent.stdout, /^HTTP 200 OK in \d+ ms\n\{"received":true\}\n$/);
	assert.match(await listener.next(), /valid {2}evt_[0-9a-f]+ authdeck\.test$/);
	const answer = await fetch(listener.url, {
		method: 'POST',
		headers: {authorization: `Bearer ${plantedKey('bearer_')}`},
		body: '{}',
	});
	assert.equal(answer.status, 401);
	assert.match(await listener.next(), /invalid: token mismatch/);
	const refused = await vault.run([
		'credential',
		'send',
		'api',
		'--url',
		'http://example.com/hook',
	]);
	assert.equal(refused.code, 1);
	assert.match(refused.stderr, /plain http:\/\/ is only accepted on loopback/);
	assert.equal(await stopped(listener.child), 0);
});
