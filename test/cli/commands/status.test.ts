import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {
	type BackendName,
	describeBackends,
	plantedKey,
	seedAccounts,
	TempVault,
	useTempVault,
} from '../../helpers/cli.js';
import {terminalActiveInText} from '../../helpers/terminal.js';

type View = {alias: string; secret: string | null; active: boolean; current: boolean};
type Status = {
	storage: string;
	current: {alias: string; provider: string; source: string; reason: string} | null;
	providers: Array<{id: string; active: View | null; others: View[]}>;
	overrides: Array<{variable: string; provider: string}>;
	total: number;
};

describeBackends('status', (backend: BackendName) => {
	let vault: TempVault;
	beforeEach(async () => {
		vault = await TempVault.create(backend);
	});
	afterEach(async () => {
		await vault.cleanup();
	});

	test('an empty vault says how to add an account', async () => {
		const result = await vault.ok(['status']);
		assert.match(result.stdout, /^No accounts yet\. Add one with: .*authdeck login --with-token/);
		const json = JSON.parse((await vault.ok(['status', '--json'])).stdout) as Status;
		assert.equal(json.total, 0);
		assert.deepEqual(json.providers, []);
		assert.equal(json.current, null);
	});

	test("the human block has the issue's layout, the active account first, the key masked", async () => {
		const {prodKey, clientKey} = await seedAccounts(vault);
		await vault.ok(['switch', 'prod']);
		const {stdout, stderr} = await vault.ok(['status']);
		const expected = [
			'Vapi (vapi)',
			'Active account: prod',
			'  Email: john@company.com',
			'  Organization: Acme Corp (org_abc123)',
			'  Environment: production',
			'  API key: sk-prod_****efgh',
			'  Key age: 0m',
			'  Last used: 0m ago',
			`  Storage: ${backend}`,
			'Other accounts:',
			'  client-a  jane@agency.com  ClientCo (org_xyz789)  [staging]',
			'Total accounts: 2',
			'',
			'Current account: prod (vapi), the current account (last switched to)',
			'Total: 2 accounts across 1 provider',
			'',
		].join('\n');
		assert.equal(stdout, expected);
		assert.equal(stderr, '');
		for (const key of [prodKey, clientKey]) {
			assert.ok(!stdout.includes(key));
			assert.ok(!stdout.includes(key.slice(8, -4)), 'no part of the hidden middle shows');
		}
	});

	test('--json has the same facts, masked', async () => {
		const {prodKey, clientKey} = await seedAccounts(vault);
		const {stdout} = await vault.ok(['status', '--json']);
		assert.ok(!stdout.includes(prodKey) && !stdout.includes(clientKey));
		const status = JSON.parse(stdout) as Status;
		assert.equal(status.storage, backend);
		assert.equal(status.total, 2);
		assert.deepEqual(status.current, {
			alias: 'client-a',
			provider: 'vapi',
			source: 'current',
			reason: 'the current account (last switched to)',
		});
		const [vapi] = status.providers;
		assert.equal(vapi?.id, 'vapi');
		assert.equal(vapi?.active?.alias, 'client-a');
		assert.equal(vapi?.active?.secret, `sk-client_****${clientKey.slice(-4)}`);
		assert.equal(vapi?.active?.active, true);
		assert.equal(vapi?.active?.current, true);
		assert.deepEqual(
			vapi?.others.map((view) => [view.alias, view.secret, view.active]),
			[['prod', 'sk-prod_****efgh', false]],
		);
	});

	test('one block per provider, each with its own active account', async () => {
		await seedAccounts(vault);
		const gpuKey = plantedKey('');
		await vault.login(gpuKey, [
			'--provider',
			'vast',
			'--alias',
			'gpu',
			'--email',
			'john@company.com',
		]);
		const {stdout} = await vault.ok(['status']);
		const blocks = stdout.split('\n\n');
		assert.match(blocks[0] ?? '', /^Vapi \(vapi\)\nActive account: client-a\n/);
		assert.match(blocks[0] ?? '', /Total accounts: 2$/);
		assert.match(blocks[1] ?? '', /^Vast\.ai \(vast\)\nActive account: gpu\n/);
		assert.match(blocks[1] ?? '', /\n {2}API key: \*\*\*\*[0-9a-f]{4}\n/);
		assert.match(blocks[1] ?? '', /Total accounts: 1$/);
		assert.match(blocks[2] ?? '', /^Current account: gpu \(vast\)/);
	});

	test('says where the choice came from and names provider variables set in the shell', async () => {
		await seedAccounts(vault);
		const flagged = await vault.ok(['status', '--json'], {
			env: {AUTHDECK_ACCOUNT: 'prod', VAPI_API_KEY: 'inherited'},
		});
		const status = JSON.parse(flagged.stdout) as Status;
		assert.equal(status.current?.alias, 'prod');
		assert.equal(status.current?.source, 'env');
		assert.deepEqual(status.overrides, [{variable: 'VAPI_API_KEY', provider: 'vapi'}]);
		const human = await vault.ok(['status'], {env: {VAPI_API_KEY: 'inherited'}});
		// A note, on stderr: never between the data lines a script reads.
		// One line for the variable, saying what it overrides (the environment's line, not a second note).
		assert.match(
			human.stderr,
			/^vapi: API key: from VAPI_API_KEY in the environment \(\*{4}\), not the stored account client-a; no stored account has this key\n$/,
		);
		assert.ok(!human.stdout.includes('Note:'));
		fs.writeFileSync(path.join(vault.cwd, '.authdeck'), 'prod\n');
		const pinned = await vault.ok(['status']);
		assert.match(
			pinned.stdout,
			new RegExp(`Current account: prod \\(vapi\\), pinned by ${vault.cwd}/\\.authdeck`),
		);
	});

	test('an AUTHDECK_ACCOUNT or .authdeck naming no account is said, not ignored', async () => {
		await seedAccounts(vault);
		const human = await vault.ok(['status'], {env: {AUTHDECK_ACCOUNT: 'ghost'}});
		assert.match(
			human.stdout,
			/^Current account: none: no account matches "ghost"; known accounts: client-a, prod$/m,
		);
		const json = JSON.parse(
			(await vault.ok(['status', '--json'], {env: {AUTHDECK_ACCOUNT: 'ghost'}})).stdout,
		) as Status & {currentError: string | null};
		assert.equal(json.current, null);
		assert.match(json.currentError ?? '', /no account matches "ghost"/);
		fs.writeFileSync(path.join(vault.cwd, '.authdeck'), 'gone\n');
		assert.match(
			(await vault.ok(['status'])).stdout,
			new RegExp(
				`^Current account: none: ${vault.cwd}/\\.authdeck: no account matches "gone"`,
				'm',
			),
		);
	});

	test('hostile text in the metadata is printed inert and escaped in JSON (row 1)', async () => {
		await seedAccounts(vault);
		const file = path.join(vault.configDir, 'config.json');
		const config = JSON.parse(fs.readFileSync(file, 'utf8'));
		const hostile = 'x\u001B]52;c;ZXZpbA==\u0007\u001B[2J\r\u009B\u202E\u200B';
		config.accounts[0].email = `${hostile}@evil.example`;
		// The schema allows 4096 characters; the display caps them far shorter.
		config.accounts[0].organizations[0].name = hostile + 'A'.repeat(4000);
		config.accounts[1].organizations[0].name = hostile;
		fs.writeFileSync(file, JSON.stringify(config));
		const human = await vault.ok(['status']);
		assert.doesNotMatch(human.stdout, terminalActiveInText);
		assert.ok(!human.stdout.includes('A'.repeat(300)), 'a long organization name is capped');
		assert.match(human.stdout, /x\?\]52;c;ZXZpbA==\?\?\[2J/);
		const json = await vault.ok(['status', '--json']);
		assert.doesNotMatch(json.stdout, terminalActiveInText);
		assert.match(json.stdout, /\\u001b\]52;c;ZXZpbA==\\u0007\\u001b\[2J\\r\\u009b\\u202e\\u200b/);
	});
});

describe('status flags what needs doing', () => {
	const tempVault = useTempVault('file');

	test('a key past 90 days, a sign-in due, a base URL not the default, and the totals', async () => {
		const vault = tempVault();
		await vault.login(plantedKey('sk-old_'), ['--provider', 'vapi', '--alias', 'old']);
		await vault.login(plantedKey('sk-eu_'), [
			'--provider',
			'vapi',
			'--alias',
			'eu',
			'--base-url',
			'https://api.eu.example',
		]);
		await vault.login(plantedKey(''), ['--provider', 'vast', '--alias', 'gpu']);
		// As the vault would hold them 97 days on, and after a refused refresh.
		const stored = JSON.parse(fs.readFileSync(vault.configFile, 'utf8'));
		for (const account of stored.accounts) {
			if (account.alias === 'old')
				account.keyCreatedAt = new Date(Date.now() - 97 * 86_400_000).toISOString();
			if (account.alias === 'gpu') account.needsSignIn = true;
		}
		fs.writeFileSync(vault.configFile, JSON.stringify(stored));
		await vault.ok(['switch', 'eu']);
		const {stdout, stderr} = await vault.ok(['status']);
		assert.match(
			stdout,
			/^ {2}Base URL: https:\/\/api\.eu\.example \(not the provider's default https:\/\/api\.vapi\.ai\)$/m,
		);
		assert.match(stdout, /^ {2}old .*\[production\] {2}⚠ rotate key$/m);
		assert.match(stdout, /^Total: 3 accounts across 2 providers$/m);
		assert.ok(stdout.trimEnd().endsWith('Total: 3 accounts across 2 providers'));
		assert.match(stderr, /^Note: gpu must sign in again: authdeck login$/m);
		await vault.ok(['switch', 'old']);
		const old = await vault.ok(['status']);
		assert.match(old.stdout, /^ {2}Key age: 97d ⚠ rotate \(older than 90 days\)$/m);
		const json = JSON.parse((await vault.ok(['status', '--json'])).stdout);
		const views = json.providers.flatMap((p: {active: unknown; others: unknown[]}) => [
			p.active,
			...p.others,
		]);
		assert.deepEqual(
			views
				.filter((v: {rotationDue: boolean}) => v.rotationDue)
				.map((v: {alias: string}) => v.alias),
			['old'],
		);
	});
});
