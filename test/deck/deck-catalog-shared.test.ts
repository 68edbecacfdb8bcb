/**
 * issue 15: a sign-in from a catalogue's row in the real deck (built binary, pseudo-terminal) does
 * what `login --from-catalog` does after it: the catalogue's credential is set up from the team's
 * shared pass store (real gpg and pass), and a template with a shared key signs in with it after a
 * y/N, no key typed. A member whose key is no recipient is told whose keys the store is encrypted to.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import {after, before, describe, test} from 'node:test';
import type {Catalog} from '../../source/domain/catalog.js';
import {plantedKey, requireBuild} from '../helpers/cli.js';
import {passSkipReason} from '../helpers/pass-home.js';
import {type Deck, spawnDeck} from '../helpers/pty.js';
import {type Member, Team} from '../helpers/team.js';

const acme: Catalog = {
	name: 'acme',
	url: '/srv/acme.git',
	entries: {
		providers: [],
		accounts: [
			{alias: 'acme-prod', provider: 'vast', email: 'ops@acme.com', environment: 'staging'},
			{
				alias: 'acme-ci',
				provider: 'vast',
				email: 'ci@acme.com',
				environment: 'staging',
				secret: 'pass://acme-shared/keys/ci',
			},
		],
		credentials: [
			{
				name: 'Webhook signing',
				account: 'acme-prod',
				settings: {
					type: 'hmac',
					scheme: 'github',
					algorithm: 'sha256',
					signatureHeader: 'X-Hub-Signature-256',
					payloadFormat: '{body}',
				},
				secret: 'pass://acme-shared/hooks/prod',
			},
		],
	},
};

/** The member's vault with a local account, the catalogue as a pull saves it, and the store mapped. */
async function join(team: Team, member: Member): Promise<void> {
	await member.vault.login(plantedKey('vapi_'), ['--provider', 'vapi', '--alias', 'mine']);
	const context = await member.vault.open();
	await context.store.dispatch({type: 'catalog-saved', catalog: acme});
	await member.vault.ok(['catalog', 'store', 'acme-shared', team.sharedStore]);
}

/** Polls the screen: a frame parsed after the last output event is still seen. */
async function settled(deck: Deck, text: RegExp): Promise<string> {
	for (let waited = 0; waited < 15_000; waited += 50) {
		const screen = deck.screenText();
		if (text.test(screen)) return screen;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}

	return deck.waitForText(text, 1);
}

/** Opens the deck and puts the cursor on the row whose template has `email`. */
async function onRow(member: Member, email: string) {
	const deck = spawnDeck({env: member.vault.env, columns: 180, rows: 30});
	try {
		await deck.waitForText('to sign in');
		deck.press('/');
		deck.type(email);
		await deck.waitForText(`/ filter: ${email}`);
		// esc closes the filter; the cursor stays on the row.
		deck.press('escape');
		await settled(deck, /accounts? \+ \d to sign in {2}\/ filter[\s\S]*▸ ○ acme-/);
		return deck;
	} catch (error) {
		deck.kill();
		throw error;
	}
}

describe('the deck signs in from a catalogue with the shared store', {
	skip: passSkipReason(),
}, () => {
	let team: Team;
	let bob: Member;
	let carol: Member;
	const webhookSecret = `whsec_${crypto.randomBytes(16).toString('hex')}`;
	const sharedKey = plantedKey('sk-ci_');
	before(async () => {
		requireBuild();
		team = await Team.create();
		bob = await team.member('bob');
		carol = await team.member('carol');
		team.shareStore([bob]);
		team.putShared('hooks/prod', webhookSecret, bob);
		team.putShared('keys/ci', sharedKey, bob);
		await join(team, bob);
		await join(team, carol);
	});
	after(async () => {
		await team?.cleanup();
	});

	test('a key pasted in the wizard, then the credential from the shared store, which signs', async () => {
		const key = plantedKey('sk-acme_');
		const deck = await onRow(bob, 'ops@acme');
		try {
			deck.press('enter');
			await deck.waitForText('Sign in to acme-prod (from catalogue acme)');
			await deck.waitForText('API key');
			deck.type(key);
			await deck.waitForText(/› \*{20,}/);
			deck.press('enter');
			const screen = await deck.waitForText(
				'Added acme-prod; it is now the current account; set up credential "Webhook signing" from the shared store',
			);
			assert.ok(!screen.includes(webhookSecret) && !screen.includes(key));
			deck.press('q');
			assert.equal((await deck.waitForExit()).exitCode, 0);
		} finally {
			deck.kill();
		}

		const list = JSON.parse(
			(await bob.vault.ok(['credential', 'list', '--account', 'acme-prod', '--json'])).stdout,
		);
		const credentials = Array.isArray(list) ? list : list.credentials;
		assert.deepEqual(
			credentials.map((c: {name: string; type: string}) => [c.name, c.type]),
			[['Webhook signing', 'hmac']],
		);
		const body = '{"action":"opened"}';
		const signed = JSON.parse(
			(
				await bob.vault.ok(
					[
						'credential',
						'sign',
						'Webhook signing',
						'--account',
						'acme-prod',
						'--body',
						'-',
						'--json',
					],
					{input: body},
				)
			).stdout,
		);
		const expected = `sha256=${crypto.createHmac('sha256', webhookSecret).update(body).digest('hex')}`;
		assert.equal(
			signed.headers['X-Hub-Signature-256'] ?? signed.headers['x-hub-signature-256'],
			expected,
		);
		const metadata = fs.readFileSync(bob.vault.configFile, 'utf8');
		assert.ok(!metadata.includes(webhookSecret) && !metadata.includes(key));
	});

	test('a template with a shared key: y/N naming the alias and the reference, then signed in', async () => {
		const deck = await onRow(bob, 'ci@acme');
		try {
			deck.press('enter');
			let screen = await deck.waitForText('pass://acme-shared/keys/ci');
			assert.match(screen, /Sign in as acme-ci \(acme-ci, catalogue acme\) with the shared key/);
			assert.ok(!screen.includes(sharedKey), 'the reference, never the key');
			deck.press('y');
			screen = await settled(deck, /Signed in as acme-ci with the shared key/);
			assert.ok(!screen.includes(sharedKey));
			assert.ok(!screen.includes('API key ›'), 'no key asked');
			deck.press('q');
			assert.equal((await deck.waitForExit()).exitCode, 0);
		} finally {
			deck.kill();
		}

		const shown = await bob.vault.ok(['token', '--account', 'acme-ci', '--show']);
		assert.equal(shown.stdout.trim(), sharedKey, 'the shared key is the account key');
	});

	test('carol, no recipient: the shared key cannot be read, so the wizard asks for it, and why', async () => {
		const deck = await onRow(carol, 'ci@acme');
		try {
			deck.press('enter');
			await deck.waitForText('pass://acme-shared/keys/ci');
			deck.press('y');
			const screen = await deck.waitForText('Paste the key; the shared one could not be read');
			assert.match(screen, /Sign in to acme-ci \(from catalogue acme\)/);
			assert.match(screen, /encrypted to/);
			assert.ok(screen.includes(bob.gpg.fingerprint.slice(0, 16)), 'whose key it is');
			deck.press('escape');
			deck.press('escape');
			deck.press('q');
			assert.equal((await deck.waitForExit()).exitCode, 0);
		} finally {
			deck.kill();
		}
	});
});
