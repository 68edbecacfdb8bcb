import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {type Seeded, type TempVault, useSeededVault} from '../../helpers/cli.js';
import {authdeckOnPath} from '../../helpers/shell-path.js';

describe('prompt', () => {
	let vault: TempVault;
	let seeded: Seeded;
	useSeededVault('file', (fresh) => {
		({vault, seeded} = fresh);
	});

	test('prints the current account, without a newline, and marks production', async () => {
		assert.equal((await vault.ok(['prompt'])).stdout, 'client-a@vapi');
		const prod = await vault.ok(['prompt'], {env: {AUTHDECK_ACCOUNT: 'prod'}});
		assert.equal(prod.stdout, 'prod@vapi ⚠');
		assert.equal(prod.stderr, '');
	});

	test('--format fills fields and conditions, and leaves a typo visible', async () => {
		const {stdout} = await vault.ok([
			'prompt',
			'--format',
			'{alias}|{email}|{org}|{environment}{?staging:[stg]}{?production:!}|{nope}',
		]);
		assert.equal(stdout, 'client-a|jane@agency.com|ClientCo|staging[stg]|{nope}');
	});

	test('follows .authdeck in the working directory', async () => {
		const project = path.join(vault.home, 'project');
		fs.mkdirSync(project);
		fs.writeFileSync(path.join(project, '.authdeck'), 'prod\n');
		assert.equal((await vault.ok(['prompt'], {cwd: project})).stdout, 'prod@vapi ⚠');
	});

	test('--account beats AUTHDECK_ACCOUNT and .authdeck, by alias, email or id', async () => {
		const project = path.join(vault.home, 'pinned');
		fs.mkdirSync(project);
		fs.writeFileSync(path.join(project, '.authdeck'), 'client-a\n');
		const pinned = {cwd: project, env: {AUTHDECK_ACCOUNT: 'client-a'}};
		assert.equal((await vault.ok(['prompt'], pinned)).stdout, 'client-a@vapi');
		assert.equal((await vault.ok(['prompt', '--account', 'prod'], pinned)).stdout, 'prod@vapi ⚠');
		const byEmail = await vault.ok(['prompt', '--account=john@company.com', '--format', '{alias}']);
		assert.equal(byEmail.stdout, 'prod');
		const byId = await vault.ok(['prompt', '--format={alias}', '--account', seeded.prod.id]);
		assert.equal(byId.stdout, 'prod');
	});

	test('--profile picks the profile as AUTHDECK_PROFILE does, and yields to --account', async () => {
		await vault.ok(['profile', 'create', 'work', '--from', 'default']);
		await vault.ok(['switch', 'prod', '--profile', 'work']);
		assert.equal((await vault.ok(['prompt'])).stdout, 'client-a@vapi');
		assert.equal((await vault.ok(['prompt', '--profile', 'work'])).stdout, 'prod@vapi ⚠');
		const overEnv = await vault.ok(['prompt', '--profile=default'], {
			env: {AUTHDECK_PROFILE: 'work'},
		});
		assert.equal(overEnv.stdout, 'client-a@vapi');
		const both = await vault.ok(['prompt', '--profile', 'work', '--account', 'client-a']);
		assert.equal(both.stdout, 'client-a@vapi');
	});

	test('--org names the organization {org} shows', async () => {
		const org = (...args: string[]) =>
			vault.ok(['prompt', '--account', 'prod', '--format', '{alias} {org}', ...args]);
		assert.equal((await org()).stdout, 'prod Acme Corp');
		assert.equal((await org('--org', 'org_abc123')).stdout, 'prod Acme Corp');
		assert.equal((await org('--org=acme corp')).stdout, 'prod Acme Corp');
	});

	test('an unknown --account, --profile or --org prints nothing and exits 0', async () => {
		for (const args of [
			['--account', 'ghost'],
			['--profile', 'nope'],
			['--account', 'prod', '--org', 'nope'],
		]) {
			// Not the account AUTHDECK_ACCOUNT names instead: the flag was asked for and does not exist.
			const result = await vault.run(['prompt', ...args], {env: {AUTHDECK_ACCOUNT: 'prod'}});
			assert.deepEqual([result.code, result.stdout, result.stderr], [0, '', ''], args.join(' '));
		}
	});

	test('prints nothing and exits 0 with no account, a bad AUTHDECK_ACCOUNT or a broken file', async () => {
		const ghost = await vault.run(['prompt'], {env: {AUTHDECK_ACCOUNT: 'ghost'}});
		assert.deepEqual([ghost.code, ghost.stdout, ghost.stderr], [0, '', '']);
		const unknownFlag = await vault.run(['prompt', '--bogus']);
		assert.deepEqual([unknownFlag.code, unknownFlag.stderr], [0, '']);
		const before = fs.readFileSync(vault.configFile, 'utf8');
		fs.writeFileSync(vault.configFile, `${before.slice(0, 40)}`);
		const broken = await vault.run(['prompt']);
		assert.deepEqual([broken.code, broken.stdout, broken.stderr], [0, '', '']);
		// Never repaired, moved or copied by a prompt.
		assert.equal(fs.readFileSync(vault.configFile, 'utf8'), before.slice(0, 40));
		assert.deepEqual(
			fs.readdirSync(vault.configDir).filter((name) => name.includes('corrupt')),
			[],
		);
	});

	test('a FIFO at the metadata path does not hang it', async () => {
		fs.rmSync(vault.configFile);
		execFileSync('mkfifo', [vault.configFile]);
		const result = await vault.run(['prompt'], {timeout: 10_000});
		assert.deepEqual([result.code, result.stdout], [0, '']);
	});

	test("in bash's PS1, expanded as bash draws it", async () => {
		const PATH = await authdeckOnPath(vault.home);
		const script = `PS1='[$(authdeck prompt)] > '; printf '%s' "\${PS1@P}"`;
		const drawn = execFileSync('bash', ['--norc', '--noprofile', '-c', script], {
			encoding: 'utf8',
			env: {...vault.env, PATH, AUTHDECK_ACCOUNT: 'prod'},
		});
		assert.equal(drawn, '[prod@vapi ⚠] > ');
		assert.ok(!drawn.includes(seeded.prodKey));
	});

	test("in zsh's PROMPT (prompt_subst) and fish's prompt function", async () => {
		const PATH = await authdeckOnPath(vault.home);
		const env = {...vault.env, PATH};
		const zsh = execFileSync(
			'zsh',
			[
				'-f',
				'-c',
				`setopt prompt_subst; PROMPT='$(authdeck prompt) > '; print -rn -- "\${(%%)PROMPT}"`,
			],
			{encoding: 'utf8', env},
		);
		assert.equal(zsh, 'client-a@vapi > ');
		const fish = execFileSync(
			'fish',
			[
				'--no-config',
				'-c',
				'function fish_prompt; echo -n (authdeck prompt)" > "; end; fish_prompt',
			],
			{encoding: 'utf8', env},
		);
		assert.equal(fish, 'client-a@vapi > ');
	});
});
