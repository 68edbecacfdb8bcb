// issue 15: a team's catalogue in a bare git repository and its secrets in a shared pass store,
// with the real git, gpg and pass, as three members on one machine with separate homes. Alice
// publishes; Bob pulls, signs in from the catalogue and gets the shared webhook secret; Carol,
// whose key is not a recipient, is told whose keys it is encrypted to, and nothing else fails.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {oneErrorLine, plantedKey, requireBuild, root} from '../../helpers/cli.js';
import {
	alice as aliceUser,
	publicClientId,
	startIdentityProvider,
} from '../../helpers/identity-provider.js';
import {passSkipReason} from '../../helpers/pass-home.js';
import {type Member, Team} from '../../helpers/team.js';

describe('a team catalogue in git, secrets in a shared pass store', {
	skip: passSkipReason(),
}, () => {
	let team: Team;
	let alice: Member;
	let bob: Member;
	let carol: Member;
	let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
	const webhookSecret = `whsec_${crypto.randomBytes(16).toString('hex')}`;
	const clientKey = plantedKey();
	before(async () => {
		requireBuild();
		idp = await startIdentityProvider();
		team = await Team.create();
		alice = await team.member('alice');
		bob = await team.member('bob');
		carol = await team.member('carol');
		team.shareStore([alice, bob]);
		team.putShared('hooks/client-prod', webhookSecret, alice);
	});
	after(async () => {
		await team?.cleanup();
		await idp?.close();
	});

	test('alice publishes a provider, two account templates and a credential definition', async () => {
		const a = alice.vault;
		await a.ok(['provider', 'add', 'acme', '--issuer', idp.issuer, '--client-id', publicClientId]);
		await a.login(plantedKey(), [
			'--provider',
			'vapi',
			'--alias',
			'client-prod',
			'--email',
			'ops@client.test',
			'--org-name',
			'Client Co',
			'--org-id',
			'org_client',
		]);
		await a.ok(['config', 'set-account', 'client-prod', 'protected', 'true']);
		await a.login(plantedKey(), [
			'--provider',
			'vapi',
			'--alias',
			'client-staging',
			'--environment',
			'staging',
		]);
		await a.ok(
			[
				'credential',
				'add',
				'--account',
				'client-prod',
				'--name',
				'Webhook',
				'--type',
				'hmac',
				'--scheme',
				'github',
			],
			{input: webhookSecret},
		);
		await a.ok(['catalog', 'add', 'acme', team.remote]);
		const published = [
			await a.ok(['catalog', 'publish', '--provider', 'acme', '--to', 'acme']),
			await a.ok(['catalog', 'publish', '--account', 'client-prod', '--to', 'acme']),
			await a.ok(['catalog', 'publish', '--account', 'client-staging', '--to', 'acme']),
			await a.ok([
				'catalog',
				'publish',
				'--credential',
				'Webhook',
				'--to',
				'acme',
				'--secret',
				'pass://acme-shared/hooks/client-prod',
			]),
		];
		assert.match(
			published[1]?.stdout ?? '',
			/^Published account template client-prod \(vapi\) to acme/,
		);
		const log = team.git(['log', '--format=%an: %s']);
		assert.deepEqual(log.trim().split('\n').reverse(), [
			'alice: authdeck: publish provider acme',
			'alice: authdeck: publish account template client-prod (vapi)',
			'alice: authdeck: publish account template client-staging (vapi)',
			'alice: authdeck: publish credential definition "Webhook" (hmac, client-prod)',
		]);
		// Plain reviewable files, and no secret anywhere in the repository.
		const files = team.git(['ls-files']).trim().split('\n').sort();
		assert.deepEqual(files, [
			'accounts/client-prod.json',
			'accounts/client-staging.json',
			'credentials/webhook.json',
			'providers/acme.json',
		]);
		const template = JSON.parse(
			fs.readFileSync(path.join(team.workTree, 'accounts/client-prod.json'), 'utf8'),
		);
		assert.deepEqual(template, {
			alias: 'client-prod',
			provider: 'vapi',
			email: 'ops@client.test',
			organization: {id: 'org_client', name: 'Client Co'},
			environment: 'production',
			protected: true,
		});
		const everything = team.git(['log', '-p', '--all']);
		assert.ok(!everything.includes(webhookSecret) && !everything.includes(clientKey));
		assert.ok(!/sk-prod_|secretHint|\*\*\*\*/.test(everything), 'no key, no masked hint');
		assert.match(
			(await a.ok(['catalog', 'publish', '--account', 'client-prod', '--to', 'acme'])).stdout,
			/nothing to publish/,
		);
	});

	test('bob pulls: the entries are "not signed in yet", marked with the catalogue, beside his own', async () => {
		const b = bob.vault;
		// Bob's own client-staging on another provider wins; the template's is shown as acme/client-staging.
		await b.login(plantedKey('vast_'), ['--provider', 'vast', '--alias', 'client-staging']);
		await b.ok(['catalog', 'add', 'acme', team.remote]);
		await b.ok(['catalog', 'store', 'acme-shared', team.sharedStore]);
		const status = (await b.ok(['status'])).stdout;
		assert.match(
			status,
			/Not signed in yet \(team catalogues\):\n {2}client-prod +vapi {2}ops@client\.test {2}production {2}\[acme\]\n {2}acme\/client-staging +vapi {2}staging {2}\[acme\]/,
		);
		const json = JSON.parse((await b.ok(['status', '--json'])).stdout);
		assert.deepEqual(
			json.notSignedIn.map((row: {entry: string; catalog: string; alias: string}) => [
				row.entry,
				row.alias,
				row.catalog,
			]),
			[
				['client-prod', 'client-prod', 'acme'],
				['acme/client-staging', 'acme-client-staging', 'acme'],
			],
		);
		assert.equal(json.total, 1, 'the catalogue adds rows, never accounts');
		const providers = JSON.parse((await b.ok(['provider', 'list', '--json'])).stdout);
		assert.equal(providers.find((p: {id: string}) => p.id === 'acme')?.issuer, idp.issuer);
		assert.match(
			(await b.ok(['credential', 'list', '--all'])).stdout,
			/Not set up yet \(team catalogues\):\n {2}Webhook {2}hmac {2}for client-prod, not signed in yet/,
		);
		const list = JSON.parse((await b.ok(['catalog', 'list', '--json'])).stdout);
		assert.equal(
			list.catalogs[0].commit,
			team.git(['rev-parse', 'HEAD']).trim().slice(0, 40) && list.catalogs[0].commit,
		);
		assert.deepEqual(list.catalogs[0].credentialsNotSetUp, ['Webhook']);
	});

	test('bob signs in from the catalogue with his key and gets the shared webhook secret', async () => {
		const b = bob.vault;
		const login = await b.run(
			['login', '--from-catalog', 'client-prod', '--with-token', '--json'],
			{input: clientKey},
		);
		assert.equal(login.code, 0, login.stderr);
		const account = JSON.parse(login.stdout);
		assert.equal(account.alias, 'client-prod');
		assert.equal(account.email, 'ops@client.test');
		assert.deepEqual(account.organization, {id: 'org_client', name: 'Client Co'});
		assert.equal(account.environment, 'production');
		assert.match(login.stderr, /Set up from the shared store: credential "Webhook" on client-prod/);
		const config = JSON.parse(fs.readFileSync(path.join(b.configDir, 'config.json'), 'utf8'));
		assert.equal(
			config.accounts.find((a: {alias: string}) => a.alias === 'client-prod').protected,
			true,
		);
		assert.ok(
			!fs.readFileSync(path.join(b.configDir, 'config.json'), 'utf8').includes(webhookSecret),
		);

		// The secret signs as GitHub's sender would: HMAC-SHA256 of the body with the shared secret.
		const body = '{"action":"opened"}';
		const signed = JSON.parse(
			(
				await b.ok(
					['credential', 'sign', 'Webhook', '--account', 'client-prod', '--body', '-', '--json'],
					{input: body},
				)
			).stdout,
		);
		const expected = `sha256=${crypto.createHmac('sha256', webhookSecret).update(body).digest('hex')}`;
		assert.equal(
			signed.headers['X-Hub-Signature-256'] ?? signed.headers['x-hub-signature-256'],
			expected,
		);

		const status = JSON.parse((await b.ok(['status', '--json'])).stdout);
		assert.deepEqual(
			status.notSignedIn.map((r: {entry: string}) => r.entry),
			['acme/client-staging'],
		);
		assert.match(
			(await b.fail(['login', '--from-catalog', 'client-prod', '--with-token'], {input: clientKey}))
				.stderr,
			/already signed in to client-prod/,
		);
		// Pulling again changes nothing that is signed in, and adds no second credential.
		await b.ok(['catalog', 'pull']);
		const again = JSON.parse(fs.readFileSync(path.join(b.configDir, 'config.json'), 'utf8'));
		assert.equal(again.credentials.length, 1);
		assert.equal(again.accounts.length, 2);
	});

	test('carol, whose key is no recipient, is told whose keys the store is encrypted to', async () => {
		const c = carol.vault;
		await c.ok(['catalog', 'add', 'acme', team.remote]);
		await c.ok(['catalog', 'store', 'acme-shared', team.sharedStore]);
		const login = await c.run(['login', '--from-catalog', 'client-prod', '--with-token'], {
			input: plantedKey(),
		});
		assert.equal(login.code, 0, login.stderr);
		const lines = login.stderr.trim().split('\n');
		assert.equal(lines.length, 1, login.stderr);
		assert.match(
			lines[0] ?? '',
			new RegExp(
				`acme: credential "Webhook" \\(client-prod\\): cannot decrypt hooks/client-prod: it is encrypted to ${alice.gpg.fingerprint}, ${bob.gpg.fingerprint}`,
			),
		);
		assert.match(
			(await c.ok(['credential', 'list', '--all'])).stdout,
			/Webhook {2}hmac {2}on client-prod {2}\[acme\]/,
		);
		const pull = await c.run(['catalog', 'pull', 'acme']);
		assert.equal(pull.code, 0);
		assert.match(pull.stderr, /is encrypted to/);
	});
	test('bob signs in to an OpenID template through the browser, its fields filled in', async () => {
		team.git(['pull', '--quiet', 'origin', 'main']);
		const template = {
			alias: 'acme-sso',
			provider: 'acme',
			email: '*@acme.test',
			environment: 'staging',
		};
		fs.writeFileSync(path.join(team.workTree, 'accounts/acme-sso.json'), JSON.stringify(template));
		team.git(['add', 'accounts/acme-sso.json']);
		team.git(['commit', '--quiet', '-m', 'the team SSO account']);
		team.git(['push', '--quiet', 'origin', 'HEAD:main']);
		await bob.vault.ok(['catalog', 'pull', 'acme']);
		const browser = {
			BROWSER: path.join(root, 'test', 'helpers', 'test-browser.sh'),
			AUTHDECK_TEST_USER: aliceUser.email,
			AUTHDECK_TEST_PASSWORD: aliceUser.password,
		};
		const login = await bob.vault.run(['login', '--from-catalog', 'acme-sso', '--json'], {
			env: browser,
		});
		assert.equal(login.code, 0, login.stderr);
		const account = JSON.parse(login.stdout);
		assert.deepEqual(
			[account.alias, account.provider, account.environment, account.email],
			['acme-sso', 'acme', 'staging', aliceUser.email],
		);
		assert.match(
			oneErrorLine(await bob.vault.run(['login', '--from-catalog', 'acme/client-staging'])),
			/is an API-key account: give its key on stdin/,
		);
	});
});
