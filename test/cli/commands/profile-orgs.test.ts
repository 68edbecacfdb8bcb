// A profile's organization override reaches `orgs`, `org switch` and `prompt` as it reaches env and
// whoami; provider calls pick their account through the one account resolution, --profile included.
import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, test} from 'node:test';
import {oneErrorLine, plantedKey, useTempVault} from '../../helpers/cli.js';
import {startVastServer, type VastServer} from '../../helpers/vast-server.js';

type OrgJson = Array<{id: string; active: boolean}>;

describe("orgs and org switch under a profile's organization", () => {
	const vault = useTempVault('file');
	let prodId: string;

	// prod: Acme Corp (its own) and Acme Labs; profile staging gives it Acme Labs.
	beforeEach(async () => {
		const prod = await vault().login(plantedKey('sk-p_'), [
			...['--provider', 'vapi', '--alias', 'prod'],
			...['--org-id', 'org_corp', '--org-name', 'Acme Corp'],
		]);
		prodId = prod.id;
		const saved = vault().read();
		vault().writeVault({
			...saved,
			accounts: saved.accounts.map((a) => ({
				...a,
				organizations: [...a.organizations, {id: 'org_labs', name: 'Acme Labs'}],
			})),
		});
		await vault().ok(['profile', 'create', 'staging', '--from', 'default']);
		await vault().ok(['config', 'set', '--profile', 'staging', 'org', 'prod', 'Acme Labs']);
	});

	const active = async (args: string[], env?: Record<string, string>) =>
		(JSON.parse((await vault().ok(['orgs', '--json', ...args], {env})).stdout) as OrgJson)
			.filter((o) => o.active)
			.map((o) => o.id);
	const overrides = () => vault().read().profiles?.staging?.overrides?.organizations ?? {};

	test("orgs marks the profile's organization, says whose it is, and --org still wins", async () => {
		assert.deepEqual(await active([]), ['org_corp']);
		assert.deepEqual(await active(['--profile', 'staging']), ['org_labs']);
		assert.deepEqual(await active([], {AUTHDECK_PROFILE: 'staging'}), ['org_labs']);
		assert.deepEqual(await active(['--profile', 'staging', '--org', 'org_corp']), ['org_corp']);
		const shown = await vault().ok(['orgs', '--profile', 'staging']);
		assert.match(shown.stdout, /^○ Acme Corp {2}org_corp\n● Acme Labs {2}org_labs\n$/);
		assert.equal(
			shown.stderr,
			'note: profile staging (chosen by --profile) uses Acme Labs for prod; its own organization is Acme Corp (org_corp)\n',
		);
		assert.equal((await vault().ok(['orgs'])).stderr, '', 'no note without an override');
		const prompt = (env: Record<string, string>) =>
			vault().ok(['prompt', '--format', '{alias} {org}'], {
				env: {AUTHDECK_ACCOUNT: 'prod', ...env},
			});
		assert.equal((await prompt({})).stdout, 'prod Acme Corp');
		assert.equal((await prompt({AUTHDECK_PROFILE: 'staging'})).stdout, 'prod Acme Labs');
	});

	test("org switch changes the profile's choice where it has one, else the account's own", async () => {
		const inStaging = await vault().ok(['org', 'switch', 'Acme Corp', '--profile', 'staging']);
		assert.equal(inStaging.stdout, 'prod now uses Acme Corp (org_corp) in profile staging\n');
		assert.equal(overrides()[prodId], 'org_corp');
		await vault().ok(['profile', 'use', 'staging']);
		const json = JSON.parse((await vault().ok(['org', 'switch', 'org_labs', '--json'])).stdout);
		assert.deepEqual(json, {
			account: 'prod',
			organization: {id: 'org_labs', name: 'Acme Labs'},
			profile: 'staging',
		});
		assert.deepEqual(await active([]), ['org_labs']);
		assert.deepEqual(await active(['--profile', 'default']), ['org_corp'], 'own one untouched');
		await vault().ok(['profile', 'use', 'default']);
		assert.equal(
			(await vault().ok(['org', 'switch', 'Acme Labs'])).stdout,
			'prod now uses Acme Labs (org_labs)\n',
		);
		assert.equal(vault().read().accounts[0]?.activeOrgId, 'org_labs');
		assert.match(
			oneErrorLine(await vault().run(['org', 'switch', 'Acme Labs', '--profile', 'nope'])),
			/no profile named "nope"/,
		);
	});
});

describe('provider calls choose their account as every command does', () => {
	let server: VastServer;
	const vault = useTempVault('file');
	before(async () => {
		server = await startVastServer();
	});
	after(() => server.close());

	const sentWith = async (args: string[], env?: Record<string, string>) =>
		/sent with (.*)$/m.exec((await vault().ok(['key', 'list', ...args], {env})).stdout)?.[1];

	test('--account > AUTHDECK_ACCOUNT > the active account of --profile / AUTHDECK_PROFILE', async () => {
		const login = (alias: string, extra: string[] = []) =>
			vault().login(server.addKey(alias).key, [
				...['--provider', 'vast', '--base-url', server.url, '--alias', alias],
				...extra,
			]);
		await login('gpu');
		await vault().ok(['profile', 'create', 'staging']);
		await login('gpu-stg', ['--profile', 'staging']);
		assert.equal(await sentWith([]), 'the stored account "gpu" (the active vast account)');
		assert.equal(
			await sentWith(['--profile', 'staging']),
			'the stored account "gpu-stg" (the active vast account of profile staging (chosen by --profile))',
		);
		assert.match(
			(await sentWith([], {AUTHDECK_PROFILE: 'staging'})) ?? '',
			/"gpu-stg" \(the active vast account of profile staging \(chosen by AUTHDECK_PROFILE\)\)/,
		);
		assert.match(
			(await sentWith(['--profile', 'staging', '--account', 'gpu'])) ?? '',
			/"gpu" \(chosen by --account\)/,
		);
		assert.match(
			(await sentWith(['--profile', 'staging'], {AUTHDECK_ACCOUNT: 'gpu'})) ?? '',
			/"gpu" \(chosen by AUTHDECK_ACCOUNT\)/,
		);
		await vault().ok(['profile', 'create', 'empty']);
		assert.match(
			oneErrorLine(await vault().run(['key', 'list', '--profile', 'empty'])),
			/no vast account in profile empty and no VAST_API_KEY in the environment/,
		);
		assert.match(
			oneErrorLine(await vault().run(['key', 'list', '--profile', 'nope'])),
			/no profile named "nope"/,
		);
		// The profile in use has no vast account; the one named does.
		await vault().ok(['profile', 'use', 'empty']);
		assert.match((await sentWith(['--profile', 'staging'])) ?? '', /"gpu-stg"/);
		const fromEnv = server.addKey('env').key;
		assert.equal(
			await sentWith(['--base-url', server.url], {VAST_API_KEY: fromEnv}),
			'VAST_API_KEY from the environment',
		);
	});
});
