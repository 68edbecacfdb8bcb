// `provider add --kind api-key`: a user-defined API-key provider declares what the presets declare
// (key, organization and base URL variables, a default base URL, a file to sync), and env, exec,
// token and status treat its key variable exactly as they treat VAST_API_KEY.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {maskSecret} from '../../../source/lib/mask.js';
import {oneErrorLine, plantedKey, useTempVault} from '../../helpers/cli.js';

describe('provider add --kind api-key', () => {
	const vault = useTempVault('file');

	const addAcme = () =>
		vault().ok([
			'provider',
			'add',
			'acme',
			'--kind',
			'api-key',
			'--key-env',
			'ACME_API_KEY,ACME_KEY',
			'--org-env',
			'ACME_ORG_ID',
			'--base-url-env',
			'ACME_API_URL',
			'--api-base-url',
			'https://api.acme.test/v2',
			'--sync-file',
			'$XDG_CONFIG_HOME/acme/api_key',
			'--json',
		]);

	test('declares the same data as the presets; listed as an API-key provider', async () => {
		const provider = JSON.parse((await addAcme()).stdout);
		assert.deepEqual(provider, {
			id: 'acme',
			name: 'acme',
			kind: 'api-key',
			baseUrl: 'https://api.acme.test/v2',
			envVars: ['ACME_API_KEY', 'ACME_KEY'],
			orgEnvVars: ['ACME_ORG_ID'],
			baseUrlEnvVars: ['ACME_API_URL'],
			syncFile: '$XDG_CONFIG_HOME/acme/api_key',
		});
		assert.match(
			(await vault().ok(['provider', 'list'])).stdout,
			/^acme\s+api-key https:\/\/api\.acme\.test\/v2 ACME_API_KEY ACME_KEY {2}\(0 accounts\)$/m,
		);
		const plain = await vault().ok(['provider', 'add', 'beta', '--kind', 'api-key']);
		assert.match(plain.stdout, /Added provider beta \(BETA_API_KEY\); store a key with: printf/);
	});

	test('token, status, env and exec honour its key variable as they do for built-ins', async () => {
		await addAcme();
		const stored = plantedKey('ak_');
		await vault().login(stored, [
			'--provider',
			'acme',
			'--alias',
			'acme-main',
			'--org-id',
			'org_1',
			'--org-name',
			'Acme',
		]);
		const shell = plantedKey('ak_');
		const env = {ACME_API_KEY: shell};
		const line = `API key: from ACME_API_KEY in the environment (${maskSecret(shell)}), not the stored account acme-main; no stored account has this key`;
		const token = await vault().ok(['token', '--show'], {env});
		assert.equal(token.stdout, `${shell}\n`, "the key the provider's tools will send");
		assert.equal(token.stderr, `${line}\n`);
		const status = await vault().ok(['status'], {env});
		assert.ok(status.stderr.split('\n').includes(`acme: ${line}`), status.stderr);
		assert.ok(!status.stdout.includes(shell) && !status.stderr.includes(shell));
		const same = await vault().ok(['token'], {env: {ACME_KEY: stored}});
		assert.match(
			same.stderr,
			/from ACME_KEY in the environment .*the same key as the stored account acme-main/,
		);

		const exported = (await vault().ok(['env', '--show'], {env})).stdout;
		for (const pair of [
			`ACME_API_KEY='${stored}'`,
			`ACME_KEY='${stored}'`,
			"ACME_ORG_ID='org_1'",
			"ACME_API_URL='https://api.acme.test/v2'",
		]) {
			assert.ok(exported.includes(`export ${pair}`), `${pair} in ${exported}`);
		}

		const run = await vault().ok(
			['exec', '--', 'sh', '-c', 'printf "%s %s" "$ACME_API_KEY" "$ACME_API_URL"'],
			{env: {...env, ACME_API_URL: 'https://elsewhere.test'}},
		);
		assert.equal(run.stdout, `${stored} https://api.acme.test/v2`, 'inherited ones replaced');

		const saved = await vault().ok(
			['login', '--with-token', '--from-env', 'ACME_API_KEY', '--alias', 'acme-env', '--json'],
			{env},
		);
		assert.equal(JSON.parse(saved.stdout).provider, 'acme', 'the provider that declares it');
	});

	test('its key file is written on sync, as the presets are', async () => {
		await addAcme();
		const key = plantedKey('ak_');
		await vault().login(key, ['--provider', 'acme', '--alias', 'acme-main']);
		await vault().ok(['config', 'set', 'sync-files', 'acme', 'on']);
		const file = path.join(vault().xdgConfigHome, 'acme', 'api_key');
		assert.equal(fs.readFileSync(file, 'utf8').trim(), key);
		assert.equal(fs.statSync(file).mode & 0o777, 0o600);
	});

	test('bad definitions: one line each, nothing added', async () => {
		const before = fs.existsSync(vault().configFile)
			? fs.readFileSync(vault().configFile, 'utf8')
			: undefined;
		const cases: Array<[string[], RegExp]> = [
			[['provider', 'add', 'x'], /needs --issuer and --client-id; .*--kind api-key/],
			[['provider', 'add', 'x', '--kind', 'saml'], /invalid --kind "saml": oidc or api-key/],
			[
				['provider', 'add', 'x', '--kind', 'api-key', '--issuer', 'https://id.test'],
				/are for OpenID providers/,
			],
			[['provider', 'add', 'x', '--kind', 'api-key', '--key-env', 'A-B'], /invalid variable/],
			...['/etc/passwd', '~/../../etc/x', '$XDG_CONFIG_HOME/$(id)/k', 'acme/key', '~/a/./b'].map(
				(file): [string[], RegExp] => [
					['provider', 'add', 'x', '--kind', 'api-key', '--sync-file', file],
					/invalid sync file: a path below ~\//,
				],
			),
			[['provider', 'add', 'vast', '--kind', 'api-key'], /built-in/],
			// A definition pasted from elsewhere must not choose what a shell or a child loads and runs.
			...[
				['--org-env', 'NODE_OPTIONS'],
				['--key-env', 'LD_PRELOAD'],
				['--base-url-env', 'PATH'],
				['--key-env', 'AUTHDECK_ACCOUNT'],
				['--org-env', 'https_proxy'],
			].map((flag): [string[], RegExp] => [
				['provider', 'add', 'x', '--kind', 'api-key', ...flag],
				/is not a variable a provider may set/,
			]),
		];
		for (const [args, message] of cases) {
			assert.match(oneErrorLine(await vault().run(args)), message, args.join(' '));
		}

		const after = fs.existsSync(vault().configFile)
			? fs.readFileSync(vault().configFile, 'utf8')
			: undefined;
		assert.equal(after, before);
	});

	test('a provider stored with a reserved variable before it was refused sets none of them', async () => {
		const context = await vault().open();
		await context.store.dispatch({
			type: 'provider-added',
			provider: {
				id: 'legacy',
				name: 'Legacy',
				kind: 'api-key',
				envVars: ['LEGACY_KEY', 'LD_PRELOAD'],
				orgEnvVars: ['NODE_OPTIONS'],
			},
		});
		await vault().login(plantedKey(), [
			'--provider',
			'legacy',
			'--alias',
			'legacy',
			'--org-id',
			'--require=/tmp/evil.js',
			'--org-name',
			'Evil',
		]);
		const {stdout} = await vault().ok([
			'exec',
			'--account',
			'legacy',
			'--',
			'node',
			'-e',
			'console.log(JSON.stringify([process.env.LEGACY_KEY?.length > 0, process.env.LD_PRELOAD ?? null, process.env.NODE_OPTIONS ?? null]))',
		]);
		assert.deepEqual(JSON.parse(stdout.trim()), [true, null, null]);
	});
});
