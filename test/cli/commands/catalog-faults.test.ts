// issue 15: what a catalogue must survive. A malformed file is skipped by its path and the rest
// applies; a push the remote refuses changes nothing in the vault and resets the checkout; a pull
// never removes a signed-in account; a missing git or an unreachable URL is one line.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {oneErrorLine, plantedKey, requireBuild} from '../../helpers/cli.js';
import {passSkipReason, which, wrapTool} from '../../helpers/pass-home.js';
import {type Member, Team} from '../../helpers/team.js';

const entry = (dir: string, file: string, text: string) => {
	fs.mkdirSync(path.dirname(path.join(dir, file)), {recursive: true});
	fs.writeFileSync(path.join(dir, file), text);
};

describe('catalogue faults', {skip: passSkipReason()}, () => {
	let team: Team;
	let ann: Member;
	const config = () => fs.readFileSync(path.join(ann.vault.configDir, 'config.json'), 'utf8');
	const checkout = () => path.join(ann.vault.configDir, 'catalogs', 'acme');
	before(async () => {
		requireBuild();
		team = await Team.create();
		ann = await team.member('ann');
		team.git(['status']);
		entry(
			team.workTree,
			'accounts/ok.json',
			JSON.stringify({alias: 'ok', provider: 'vapi', environment: 'staging'}),
		);
		entry(
			team.workTree,
			'accounts/leak.json',
			JSON.stringify({alias: 'leak', provider: 'vapi', apiKey: 'sk-live_leaked1234'}),
		);
		entry(
			team.workTree,
			'accounts/renamed.json',
			JSON.stringify({alias: 'other', provider: 'vapi'}),
		);
		entry(team.workTree, 'providers/bad.json', '{"id": "bad", ');
		entry(team.workTree, 'credentials/readme.txt', 'not an entry');
		team.git(['add', '.']);
		team.git(['commit', '--quiet', '-m', 'entries, some broken']);
		team.git(['push', '--quiet', 'origin', 'HEAD:main']);
	});
	after(async () => {
		await team?.cleanup();
	});

	test('a malformed file is reported by its path and skipped; the others apply', async () => {
		const added = await ann.vault.run(['catalog', 'add', 'acme', team.remote]);
		assert.equal(added.code, 0, added.stderr);
		const lines = added.stderr.trim().split('\n').sort();
		assert.deepEqual(
			lines.map((line) => line.split(': ').slice(0, 2).join(': ')),
			[
				'catalog acme: skipped accounts/leak.json',
				'catalog acme: skipped accounts/renamed.json',
				'catalog acme: skipped credentials/readme.txt',
				'catalog acme: skipped providers/bad.json',
			],
		);
		assert.match(
			added.stderr,
			/accounts\/leak\.json: fails the schema: \/ must NOT have additional properties/,
		);
		assert.match(added.stderr, /providers\/bad\.json: not valid JSON/);
		assert.match(
			added.stdout,
			/acme: 0 provider\(s\), 1 account template\(s\), 0 credential definition\(s\) at [0-9a-f]{12}; 4 file\(s\) skipped/,
		);
		assert.ok(
			!config().includes('sk-live_leaked1234'),
			'a secret in a refused file is never applied',
		);
		const status = JSON.parse((await ann.vault.ok(['status', '--json'])).stdout);
		assert.deepEqual(
			status.notSignedIn.map((r: {entry: string}) => r.entry),
			['ok'],
		);
	});

	test('a push the remote refuses changes nothing in the vault, resets the checkout, says to pull', async () => {
		await ann.vault.login(plantedKey(), ['--provider', 'vapi', '--alias', 'mine']);
		const hook = path.join(team.remote, 'hooks', 'pre-receive');
		fs.writeFileSync(hook, '#!/bin/sh\necho "protected branch: review required" >&2\nexit 1\n', {
			mode: 0o755,
		});
		const before = config();
		const refused = await ann.vault.run([
			'catalog',
			'publish',
			'--account',
			'mine',
			'--to',
			'acme',
		]);
		const line = oneErrorLine(refused);
		assert.match(
			line,
			/the push to catalogue acme was refused .*; nothing was changed here: run authdeck catalog pull acme and publish again/,
		);
		assert.equal(config(), before);
		const git = (args: string[]) =>
			execFileSync('git', args, {cwd: checkout(), encoding: 'utf8'}).trim();
		assert.equal(git(['rev-parse', 'HEAD']), git(['rev-parse', 'origin/main']));
		assert.equal(git(['status', '--porcelain']), '');
		assert.ok(!fs.existsSync(path.join(checkout(), 'accounts', 'mine.json')));

		fs.rmSync(hook);
		const published = await ann.vault.ok([
			'catalog',
			'publish',
			'--account',
			'mine',
			'--to',
			'acme',
		]);
		assert.match(published.stdout, /^Published account template mine \(vapi\) to acme/);
		assert.equal(JSON.parse(config()).catalogs.list[0].commit, git(['rev-parse', 'HEAD']));
	});

	test('a remote that moved ahead between fetch and push: refused, nothing changed here', async () => {
		const git = which('git');
		team.git(['pull', '--quiet', 'origin', 'main']);
		// Another member pushes just before ann's push reaches the remote.
		const race = `if [ "$1" = push ]; then (cd ${team.workTree} && ${git} commit --quiet --allow-empty -m race && ${git} push --quiet origin HEAD:main); fi`;
		const bin = wrapTool(team.base, 'git', race);
		await ann.vault.login(plantedKey(), ['--provider', 'vapi', '--alias', 'racer']);
		const before = config();
		const refused = await ann.vault.run(
			['catalog', 'publish', '--account', 'racer', '--to', 'acme'],
			{
				env: {PATH: `${bin}:${process.env.PATH}`},
			},
		);
		assert.match(
			oneErrorLine(refused),
			/push to catalogue acme was refused .*run authdeck catalog pull acme/,
		);
		assert.equal(config(), before);
		assert.ok(!fs.existsSync(path.join(checkout(), 'accounts', 'racer.json')));
		assert.doesNotMatch(team.git(['ls-remote', 'origin']), /racer/);
	});

	test('an entry taken out of the catalogue never removes the account signed in from it', async () => {
		await ann.vault.ok(['login', '--from-catalog', 'ok', '--with-token'], {input: plantedKey()});
		team.git(['pull', '--quiet', 'origin', 'main']);
		team.git(['rm', '--quiet', 'accounts/ok.json']);
		team.git(['commit', '--quiet', '-m', 'ok is gone']);
		team.git(['push', '--quiet', 'origin', 'HEAD:main']);
		await ann.vault.ok(['catalog', 'pull']);
		const vault = JSON.parse(config());
		assert.deepEqual(vault.accounts.map((a: {alias: string}) => a.alias).sort(), [
			'mine',
			'ok',
			'racer',
		]);
		assert.equal(
			vault.accounts.find((a: {alias: string}) => a.alias === 'ok').environment,
			'staging',
		);
		await ann.vault.ok(['catalog', 'remove', 'acme']);
		assert.equal(JSON.parse(config()).accounts.length, 3);
		assert.ok(!fs.existsSync(checkout()));
		assert.match((await ann.vault.ok(['catalog', 'list'])).stdout, /No catalogues/);
	});

	test('a template with a shared key signs the member in on pull, when the key can be read', async () => {
		const store = path.join(team.base, 'ann-store');
		execFileSync('pass', ['init', ann.gpg.fingerprint], {
			env: {...process.env, ...ann.gpg.env, PASSWORD_STORE_DIR: store},
		});
		const key = plantedKey('sk-shared_');
		execFileSync('pass', ['insert', '-m', 'keys/shared'], {
			env: {...process.env, ...ann.gpg.env, PASSWORD_STORE_DIR: store},
			input: `${key}\n`,
		});
		team.git(['pull', '--quiet', 'origin', 'main']);
		entry(
			team.workTree,
			'accounts/shared.json',
			JSON.stringify({alias: 'shared', provider: 'vapi', secret: 'pass://team-keys/keys/shared'}),
		);
		team.git(['add', 'accounts/shared.json']);
		team.git(['commit', '--quiet', '-m', 'a shared key']);
		team.git(['push', '--quiet', 'origin', 'HEAD:main']);
		const first = await ann.vault.run(['catalog', 'add', 'acme', team.remote]);
		assert.match(
			first.stderr,
			/acme: account shared: no directory for the shared pass store "team-keys": authdeck catalog store team-keys DIR/,
		);
		await ann.vault.ok(['catalog', 'store', 'team-keys', store]);
		const pulled = await ann.vault.ok(['catalog', 'pull', 'acme']);
		assert.match(pulled.stdout, /from the shared store: account shared \(shared key\)/);
		assert.equal(
			(await ann.vault.ok(['token', '--show', '--account', 'shared'])).stdout,
			`${key}\n`,
		);
		assert.ok(!config().includes(key));
	});

	test('credential add --from-catalog sets a definition up with a secret from elsewhere', async () => {
		team.git(['pull', '--quiet', 'origin', 'main']);
		const hook = {
			name: 'Deploy hook',
			account: 'shared',
			settings: {type: 'bearer', headerName: 'X-Deploy-Token', bearerPrefix: false},
			usedBy: ['https://ci.team.test/hooks'],
		};
		entry(team.workTree, 'credentials/deploy-hook.json', JSON.stringify(hook));
		team.git(['add', 'credentials/deploy-hook.json']);
		team.git(['commit', '--quiet', '-m', 'a deploy hook']);
		team.git(['push', '--quiet', 'origin', 'HEAD:main']);
		await ann.vault.ok(['catalog', 'pull']);
		const listed = (await ann.vault.ok(['credential', 'list', '--account', 'shared'])).stdout;
		assert.match(
			listed,
			/Not set up yet \(team catalogues\):\n {2}Deploy hook {2}bearer {2}on shared {2}\[acme\] {2}secret from your team/,
		);
		const added = await ann.vault.ok(
			['credential', 'add', '--from-catalog', 'Deploy hook', '--json'],
			{input: 'deploy-token-123456'},
		);
		const view = JSON.parse(added.stdout);
		assert.equal(view.name, 'Deploy hook');
		const headers = await ann.vault.ok([
			'credential',
			'headers',
			'Deploy hook',
			'--account',
			'shared',
		]);
		assert.match(headers.stdout, /X-Deploy-Token: deploy-token-123456/);
		assert.doesNotMatch(
			(await ann.vault.ok(['credential', 'list', '--account', 'shared'])).stdout,
			/Not set up yet/,
		);
		assert.match(
			oneErrorLine(
				await ann.vault.run(['credential', 'add', '--from-catalog', 'Deploy hook'], {input: 'x'}),
			),
			/no credential definition "Deploy hook" waiting to be set up/,
		);
	});

	test('a relative path is cloned from where the command runs, and kept absolute', async () => {
		await ann.vault.ok(['catalog', 'add', 'rel', 'catalog.git'], {cwd: team.base});
		const saved = JSON.parse(config()).catalogs.list.find((c: {name: string}) => c.name === 'rel');
		assert.equal(saved.url, team.remote);
		await ann.vault.ok(['catalog', 'remove', 'rel']);
	});

	test('no git on PATH, or a URL git cannot clone: one line, nothing kept', async () => {
		const empty = path.join(team.base, 'empty-bin');
		fs.mkdirSync(empty, {recursive: true});
		const before = config();
		const missing = await ann.vault.run(['catalog', 'add', 'beta', team.remote], {
			env: {PATH: empty},
		});
		assert.match(oneErrorLine(missing), /git is not installed \(no `git` command on PATH\)/);
		const nowhere = await ann.vault.run([
			'catalog',
			'add',
			'beta',
			path.join(team.base, 'nowhere.git'),
		]);
		assert.match(oneErrorLine(nowhere), /git failed cloning .*nowhere\.git/);
		assert.equal(config(), before);
		assert.ok(!fs.existsSync(path.join(ann.vault.configDir, 'catalogs', 'beta')));
		assert.match(
			oneErrorLine(
				await ann.vault.run(['catalog', 'add', 'beta', '--', '--upload-pack=touch /tmp/x']),
			),
			/invalid catalogue URL/,
		);
	});
});
