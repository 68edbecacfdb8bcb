/**
 * A team catalogue's template in the real deck (built binary, pseudo-terminal, file storage): the
 * row not signed in yet shows with the catalogue's mark, fits at 60x16, enter opens the wizard with
 * the template's answers given, a pasted key signs in, and the row becomes the signed-in account.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {before, test} from 'node:test';
import type {Catalog} from '../../source/domain/catalog.js';
import {useTempVault} from '../helpers/cli.js';
import {plantedKey} from '../helpers/fixtures.js';
import {binary, spawnDeck} from '../helpers/pty.js';
import {lineWith, status} from '../helpers/wait.js';

// `prod` is a local (vapi) alias already: the row reads acme/prod and signs in as acme-prod.
const acme: Catalog = {
	name: 'acme',
	url: '/srv/acme.git',
	entries: {
		providers: [],
		accounts: [
			{
				alias: 'prod',
				provider: 'vast',
				email: 'ops@acme.com',
				organization: {id: 'org_acme', name: 'Acme Ops'},
				environment: 'staging',
				baseUrl: 'https://gpu.acme.test',
				protected: true,
			},
		],
		credentials: [],
	},
};

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});

before(async () => {
	assert.ok(fs.existsSync(binary), `${binary} is missing: run npm run build first`);
	await vault().seedSample();
	// Through the store, as `catalog pull` saves what it validated: the metadata's catalogs section.
	const context = await vault().open();
	await context.store.dispatch({type: 'catalog-saved', catalog: acme});
	assert.equal(vault().read().catalogs?.list[0]?.name, 'acme');
});

test('at 60x16 the row not signed in yet fits, with its mark', async () => {
	const deck = spawnDeck({env: vault().env, columns: 60, rows: 16});
	try {
		const screen = await deck.waitForText('○ acme');
		const line = lineWith(screen, '○ acme');
		assert.match(line, /○ acme\/pr….* STG {2}│/, 'the mark, the alias cut, the badge, on one line');
		assert.ok(line.length <= 60, `the line fits: ${line}`);
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});

test('enter on the row opens the wizard prefilled; a pasted key signs in; the row is the account', async () => {
	const deck = spawnDeck({env: vault().env});
	const key = plantedKey('sk-acme_');
	try {
		let screen = await deck.waitForText('acme/prod');
		assert.match(lineWith(screen, 'acme/prod'), /○ acme\/prod +not yet · acme +STG/);
		assert.match(screen, /3 accounts \+ 1 to sign in {2}\/ filter/);
		// The filter matches it by the template's email, and counts it apart from the accounts.
		deck.press('/');
		deck.type('ops@acme');
		screen = await deck.waitForText('(0 of 3 + 1 to');
		assert.match(screen, /▸ ○ acme\/prod/, 'the one row listed is selected');
		// esc clears the filter; the selection stays on the row, as on an account.
		deck.press('escape');
		screen = await deck.waitForText('3 accounts + 1 to sign in');
		assert.match(screen, /▸ ○ acme\/prod/);
		// acme/prod -> gpu -> prod and back: the row comes after vast's signed-in account.
		deck.press('up', 'up');
		screen = await deck.waitForText(/▸ ★ prod/);
		deck.press('down', 'down');
		screen = await deck.waitForText(/▸ ○ acme\/prod/);
		assert.match(screen, /enter: sign in as acme-prod · https:/);
		assert.match(screen, /not signed in yet: press enter to sign in/, 'the other panels say so');
		deck.press('s');
		screen = await deck.waitForText('this key needs an account');
		assert.ok(!screen.includes('Show the secret'), 'no reveal dialog on a row with no secret');

		deck.press('enter');
		screen = await deck.waitForText('Sign in to acme/prod (from catalogue acme)');
		screen = await deck.waitForText('API key');
		for (const given of [
			/Provider: Vast\.ai \(vast\)/,
			/Method: API key/,
			/Alias: acme-prod/,
			/Email: ops@acme\.com/,
			/Organization: Acme Ops/,
			/Environment: staging/,
			/Protected.*: yes/,
		]) {
			assert.match(screen, given);
		}

		deck.type(key);
		await deck.waitForText(/› \*{20,}/);
		assert.ok(!deck.screenText().includes(key), 'the pasted key is masked');
		deck.press('enter');
		screen = await deck.waitForText('Added acme-prod');
		screen = await deck.waitForNoText('○ acme/prod');
		assert.match(screen, /acme-prod/);
		assert.match(screen, /4 accounts {2}\/ filter/, 'counted as an account now');
		assert.ok(!screen.includes('not signed in yet'), 'the row became the account');
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}

	const saved = vault()
		.read()
		.accounts.find((account) => account.alias === 'acme-prod');
	assert.deepEqual(
		saved && {
			provider: saved.providerId,
			email: saved.email,
			orgs: saved.organizations,
			environment: saved.environment,
			baseUrl: saved.baseUrl,
			protected: saved.protected,
		},
		{
			provider: 'vast',
			email: 'ops@acme.com',
			orgs: [{id: 'org_acme', name: 'Acme Ops'}],
			environment: 'staging',
			baseUrl: 'https://gpu.acme.test',
			protected: true,
		},
	);
	const after = await status(vault().env);
	assert.equal(
		after.current?.alias,
		'acme-prod',
		'signed in and current, as another shell sees it',
	);
	assert.ok(!fs.readFileSync(vault().configFile, 'utf8').includes(key), 'no key in the metadata');
});
