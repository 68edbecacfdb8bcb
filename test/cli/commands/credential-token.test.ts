/**
 * oauth2 credentials against the real local OpenID provider (oidc-provider, client-credentials
 * grant), through the built binary: the token is fetched, cached in the secret store, fetched again
 * when it runs out, fetched once when two processes ask at once, and a wrong secret is
 * `invalid_client`. The requests are counted at the provider.
 */
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {describeRun, plantedKey, TempVault} from '../../helpers/cli.js';
import {
	type IdentityProvider,
	serviceBasicClientId,
	serviceClientId,
	serviceClientSecret,
	startIdentityProvider,
} from '../../helpers/identity-provider.js';

/** Seconds the provider's client-credentials tokens live: short, so the test sees one run out. */
const lifetime = 4;
let idp: IdentityProvider;
let vault: TempVault;

before(async () => {
	idp = await startIdentityProvider({lifetimes: {accessToken: lifetime}, quiet: true});
	vault = await TempVault.create('file');
	await vault.login(plantedKey(), ['--provider', 'vapi', '--alias', 'prod']);
});

after(async () => {
	await vault.cleanup();
	await idp.close();
});

const requests = () => idp.counts.token.client_credentials ?? 0;
const byAuth = (method: 'basic' | 'post') => idp.counts.tokenAuth[method] ?? 0;

async function addOAuth(name: string, clientId: string, secret: string, extra: string[] = []) {
	await vault.ok(
		[
			'credential',
			'add',
			'--name',
			name,
			'--type',
			'oauth2',
			'--token-url',
			`${idp.issuer}/token`,
			'--client-id',
			clientId,
			'--scope',
			'api:read',
			...extra,
		],
		{input: secret},
	);
}

function stored(name: string): {value: string; token?: {accessToken: string; expiresAt: string}} {
	const credential = vault.read().credentials.find((c) => c.name === name);
	return JSON.parse(vault.fileSecrets()[`credential:${credential?.id}`] ?? '{}');
}

test('client_secret_basic: fetched, cached in the secret store, fetched again once expired', async () => {
	await addOAuth('basic', serviceBasicClientId, serviceClientSecret);
	const start = requests();
	const basicBefore = byAuth('basic');
	const masked = await vault.ok(['credential', 'token', 'basic']);
	assert.equal(requests() - start, 1, 'one token request');
	assert.equal(byAuth('basic') - basicBefore, 1, 'over HTTP Basic');
	const raw = stored('basic').token?.accessToken as string;
	assert.ok(raw && raw.length > 20, 'the token is in the secret store');
	assert.ok(!masked.stdout.includes(raw), 'masked by default');
	assert.match(masked.stdout, /\*\*\*\*.* \(expires in \d+s\)\n$/);
	assert.ok(!JSON.stringify(vault.read()).includes(raw), 'never in the metadata');
	const meta = vault.read().credentials.find((c) => c.name === 'basic');
	assert.ok(meta?.tokenExpiresAt && meta.lastUsedAt);

	const shown = await vault.ok(['credential', 'token', 'basic', '--show']);
	assert.equal(shown.stdout, `${raw}\n`);
	const headers = await vault.ok(['credential', 'headers', 'basic']);
	assert.equal(headers.stdout, `authorization: Bearer ${raw}\n`);
	assert.equal(requests() - start, 1, 'the cached token was used');

	// A token is fetched again once less than half its lifetime (or the refresh window) is left.
	await sleep(lifetime * 1000 + 200);
	const again = await vault.ok(['credential', 'token', 'basic', '--show']);
	assert.equal(requests() - start, 2);
	assert.notEqual(again.stdout, shown.stdout, 'a new token');
	assert.equal(stored('basic').token?.accessToken, again.stdout.trim());
	for (const run of [masked, shown, headers, again]) {
		assert.ok(
			!run.stdout.includes(serviceClientSecret) && !run.stderr.includes(serviceClientSecret),
		);
	}
});

test('client_secret_post where the credential says so, client_secret_basic otherwise', async () => {
	await addOAuth('post', serviceClientId, serviceClientSecret, [
		'--auth-method',
		'client_secret_post',
	]);
	const start = byAuth('post');
	const result = await vault.ok(['credential', 'token', 'post', '--json']);
	const view = JSON.parse(result.stdout);
	assert.deepEqual([view.masked, view.fetched], [true, true]);
	assert.equal(byAuth('post') - start, 1, 'the secret went in the form body');
	await vault.ok(['credential', 'edit', 'post', '--auth-method', 'client_secret_basic']);
	const edited = vault.read().credentials.find((c) => c.name === 'post');
	assert.deepEqual(edited?.settings, {
		type: 'oauth2',
		tokenUrl: `${idp.issuer}/token`,
		clientId: serviceClientId,
		scope: 'api:read',
		authMethod: 'client_secret_basic',
	});
	const basicBefore = byAuth('basic');
	await vault.ok(['credential', 'token', 'post', '--refresh']);
	assert.equal(byAuth('basic') - basicBefore, 1, 'and now in the Authorization header');
});

test('two processes asking at once make one token request', async () => {
	await addOAuth('race', serviceBasicClientId, serviceClientSecret);
	const start = requests();
	const runs = await Promise.all([
		vault.run(['credential', 'token', 'race', '--show']),
		vault.run(['credential', 'token', 'race', '--show']),
		vault.run(['credential', 'headers', 'race']),
	]);
	for (const run of runs) {
		assert.equal(run.code, 0, describeRun(run));
	}

	assert.equal(requests() - start, 1, 'one request for all three');
	const token = stored('race').token?.accessToken;
	assert.equal(runs[0]?.stdout, `${token}\n`);
	assert.equal(runs[1]?.stdout, `${token}\n`);
	assert.equal(runs[2]?.stdout, `authorization: Bearer ${token}\n`);
});

test('a wrong secret is invalid_client, an unreachable token URL says so; both are recorded', async () => {
	await addOAuth('wrong', serviceBasicClientId, 'not-the-client-secret');
	const wrong = await vault.fail(['credential', 'token', 'wrong']);
	assert.match(
		wrong.stderr,
		/^authdeck: the token request of wrong to 127\.0\.0\.1:\d+ refused: invalid_client/,
	);
	assert.equal(wrong.stderr.trim().split('\n').length, 1);
	assert.ok(!wrong.stderr.includes('not-the-client-secret'));
	let list = JSON.parse((await vault.ok(['credential', 'list', '--json'])).stdout);
	assert.match(list.find((c: {name: string}) => c.name === 'wrong').tokenError, /invalid_client/);

	// Rotating in the right secret fixes it and clears the error.
	await vault.ok(['credential', 'rotate', 'wrong', '--keep-previous', '0'], {
		input: serviceClientSecret,
	});
	await vault.ok(['credential', 'token', 'wrong']);
	list = JSON.parse((await vault.ok(['credential', 'list', '--json'])).stdout);
	assert.equal(list.find((c: {name: string}) => c.name === 'wrong').tokenError, null);

	await vault.ok(
		[
			'credential',
			'add',
			'--name',
			'gone',
			'--type',
			'oauth2',
			'--token-url',
			'http://127.0.0.1:9/token',
			'--client-id',
			'x',
		],
		{input: serviceClientSecret},
	);
	const gone = await vault.fail(['credential', 'token', 'gone'], {
		env: {AUTHDECK_REQUEST_TIMEOUT: '3'},
	});
	assert.equal(gone.stderr.trim().split('\n').length, 1, gone.stderr);
	assert.match(gone.stderr, /^authdeck: .*127\.0\.0\.1:9/);
});
