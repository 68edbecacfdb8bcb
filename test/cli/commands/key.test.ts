/** `authdeck key ...`, whoami and login --verify against the Vast.ai stand-in, through the built binary. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {oneErrorLine, type TempVault, useTempVault} from '../../helpers/cli.js';
import {spawnDeck} from '../../helpers/pty.js';
import {startVastServer, type VastServer} from '../../helpers/vast-server.js';

type Status = {
	providers: Array<{active: {alias: string; lastUsedAt: string | null} | null}>;
	total: number;
};

describe('key commands against the Vast.ai stand-in', () => {
	let server: VastServer;
	const vault = useTempVault('file');
	before(async () => {
		server = await startVastServer();
	});
	after(() => server.close());

	/** A vast account `alias` on a fresh key of the stand-in. */
	async function addAccount(v: TempVault, alias = 'gpu') {
		const stored = server.addKey(alias);
		await v.login(stored.key, ['--provider', 'vast', '--base-url', server.url, '--alias', alias]);
		return stored;
	}

	const noKeyIn = (text: string, ...keys: string[]) => {
		for (const key of keys) {
			assert.ok(!text.includes(key), 'no raw key printed');
			assert.ok(!text.includes(key.slice(4, -4)), 'no part of a raw key printed');
		}
	};

	test('key list: every key masked, the one sent marked; --json the same; the use recorded', async () => {
		const mine = await addAccount(vault());
		// A use is recorded at most once a minute: this one follows one two minutes before.
		const before = vault().backdateUses();
		const result = await vault().ok(['key', 'list']);
		assert.match(
			result.stdout,
			new RegExp(
				`^\\* {2}${mine.id} +\\*{4}${mine.key.slice(-4)} .*\\(the key sent for this call\\)$`,
				'm',
			),
		);
		assert.match(
			result.stdout,
			/keys? at Vast\.ai, sent with the stored account "gpu" \(the active vast account\)/,
		);
		const json = JSON.parse((await vault().ok(['key', 'list', '--json'])).stdout) as Array<{
			id: string;
			key: string;
			inUse: boolean;
		}>;
		assert.equal(json.length, server.keys.size);
		assert.deepEqual(json.find((k) => k.inUse)?.key, `****${mine.key.slice(-4)}`);
		noKeyIn(
			result.stdout + result.stderr + JSON.stringify(json),
			...[...server.keys.values()].map((k) => k.key),
		);
		const later = (JSON.parse((await vault().ok(['status', '--json'])).stdout) as Status)
			.providers[0]?.active?.lastUsedAt;
		assert.ok(later && before && later > before, 'lastUsedAt moved on with the provider call');
	});

	test('key create: stored at once as a new account, shown once, masked afterwards', async () => {
		await addAccount(vault());
		const file = path.join(vault().cwd, 'rights.json');
		fs.writeFileSync(file, JSON.stringify({api: {instance_read: {}, user_read: {}}}));
		const result = await vault().ok([
			'key',
			'create',
			'--name',
			'ci runner',
			'--permissions',
			file,
			'--json',
		]);
		const made = JSON.parse(result.stdout) as {
			id: string;
			key: string;
			account: string;
			replaced: boolean;
		};
		assert.equal(made.replaced, false);
		assert.equal(made.account, 'ci-runner');
		assert.equal(server.keys.get(Number(made.id))?.key, made.key);
		assert.deepEqual(server.keys.get(Number(made.id))?.rights, {
			api: {instance_read: {}, user_read: {}},
		});
		assert.equal((await vault().ok(['token', '--show', 'ci-runner'])).stdout, `${made.key}\n`);
		const listed = await vault().ok(['key', 'list', '--account', 'ci-runner']);
		assert.match(listed.stdout, new RegExp(`\\*{4}${made.key.slice(-4)}`));
		noKeyIn(listed.stdout + (await vault().ok(['status'])).stdout, made.key);
		assert.doesNotMatch(fs.readFileSync(vault().configFile, 'utf8'), new RegExp(made.key));
	});

	test("key create --into replaces that account's key; the human output reveals it once", async () => {
		const old = await addAccount(vault());
		const result = await vault().ok(['key', 'create', '--name', 'second', '--into', 'gpu']);
		const shown = /shown this once \(masked from now on\): ([0-9a-f]{64})$/m.exec(
			result.stdout,
		)?.[1];
		assert.ok(shown && server.isLive(shown));
		assert.equal((await vault().ok(['token', '--show', 'gpu'])).stdout, `${shown}\n`);
		assert.ok(server.isLive(old.key), 'create never deletes: that is rotate');
		assert.equal((JSON.parse((await vault().ok(['status', '--json'])).stdout) as Status).total, 1);
	});

	test('bad --permissions and an unknown --into stop before anything is created', async () => {
		await addAccount(vault());
		const count = server.keys.size;
		const file = path.join(vault().cwd, 'bad.json');
		fs.writeFileSync(file, '{nope');
		assert.match(
			oneErrorLine(await vault().run(['key', 'create', '--name', 'x', '--permissions', file])),
			/is not JSON; nothing was created/,
		);
		assert.match(
			oneErrorLine(await vault().run(['key', 'create', '--name', 'x', '--into', 'nobody'])),
			/no account matches "nobody"/,
		);
		assert.equal(server.keys.size, count);
	});

	test('key show: one key, masked', async () => {
		const mine = await addAccount(vault());
		const result = await vault().ok(['key', 'show', String(mine.id)]);
		assert.match(
			result.stdout,
			new RegExp(`^ {2}Key: +\\*{4}${mine.key.slice(-4)} +\\(the key sent for this call\\)$`, 'm'),
		);
		noKeyIn(result.stdout + result.stderr, mine.key);
		assert.match(
			oneErrorLine(await vault().run(['key', 'show', '99999'])),
			/Vast\.ai answered 404: no key 99999/,
		);
	});

	test('key delete: without a terminal it needs --yes; with it, the key is gone at the provider', async () => {
		await addAccount(vault());
		const spare = server.addKey('spare');
		assert.match(
			oneErrorLine(await vault().run(['key', 'delete', String(spare.id)])),
			/pass --yes.*nothing was deleted/,
		);
		assert.ok(server.isLive(spare.key));
		const result = await vault().ok(['key', 'delete', String(spare.id), '--yes']);
		assert.match(
			result.stdout,
			new RegExp(
				`^Deleted key ${spare.id} \\(\\*{4}${spare.key.slice(-4)}\\) at Vast\\.ai\\.$`,
				'm',
			),
		);
		assert.ok(!server.isLive(spare.key));
		assert.match(
			oneErrorLine(await vault().run(['key', 'delete', String(spare.id), '--yes'])),
			/no key \d+ at Vast\.ai/,
		);
	});

	test('key delete on a terminal asks first: no keeps the key, yes deletes it', async () => {
		const mine = await addAccount(vault());
		const spare = server.addKey('spare');
		const ask = async (answer: string) => {
			const terminal = spawnDeck({env: vault().env, args: ['key', 'delete', String(spare.id)]});
			await terminal.waitForText(
				new RegExp(
					`Delete key ${spare.id} \\(\\*{4}${spare.key.slice(-4)}\\) at Vast\\.ai\\? \\[y/N\\]`,
				),
			);
			terminal.type(`${answer}\r`);
			return terminal.waitForExit();
		};

		assert.equal((await ask('n')).exitCode, 1);
		assert.ok(server.isLive(spare.key));
		assert.equal((await ask('y')).exitCode, 0);
		assert.ok(!server.isLive(spare.key));
		assert.ok(server.isLive(mine.key));
	});

	describe('a refused key names the key sent and where it came from', () => {
		const refused = async (
			v: TempVault,
			args: string[],
			options: Parameters<TempVault['run']>[1] = {},
		) => {
			const line = oneErrorLine(await v.run(['key', 'list', ...args], options));
			assert.match(
				line,
				/Vast\.ai refused the key \(401: Invalid user key\) for GET \/auth\/apikeys\//,
			);
			assert.match(line, /cloud\.vast\.ai\/manage-keys/);
			return line;
		};

		test('the active account, --account, AUTHDECK_ACCOUNT and a .authdeck pin', async () => {
			const dead = await addAccount(vault(), 'gpu');
			server.keys.delete(dead.id);
			const sent = `authdeck sent \\*{4}${dead.key.slice(-4)}, the stored account "gpu"`;
			assert.match(await refused(vault(), []), new RegExp(`${sent} \\(the active vast account\\)`));
			assert.match(
				await refused(vault(), ['--account', 'gpu']),
				new RegExp(`${sent} \\(chosen by --account\\)`),
			);
			assert.match(
				await refused(vault(), [], {env: {AUTHDECK_ACCOUNT: 'gpu'}}),
				new RegExp(`${sent} \\(chosen by AUTHDECK_ACCOUNT\\)`),
			);
			const project = path.join(vault().cwd, 'project');
			fs.mkdirSync(project);
			fs.writeFileSync(path.join(project, '.authdeck'), 'gpu\n');
			const pinned = await refused(vault(), [], {cwd: project});
			assert.ok(
				pinned.includes(`the stored account "gpu" (pinned by ${path.join(project, '.authdeck')})`),
				pinned,
			);
		});

		test('VAST_API_KEY from the environment, when no vast account is stored', async () => {
			const stray = `${'9'.repeat(60)}wxyz`;
			const line = await refused(vault(), ['--base-url', server.url], {env: {VAST_API_KEY: stray}});
			assert.match(line, /authdeck sent \*{4}wxyz, VAST_API_KEY from the environment/);
			assert.ok(!line.includes(stray));
		});

		test('a stored account wins over VAST_API_KEY, and authdeck says the vastai CLI would send the other', async () => {
			await addAccount(vault());
			const result = await vault().ok(['key', 'list'], {
				env: {VAST_API_KEY: `${'8'.repeat(60)}zzzz`},
			});
			assert.match(
				result.stderr,
				/note: VAST_API_KEY is set in this shell to another key \(\*{4}zzzz\); authdeck sent "gpu"'s key/,
			);
		});
	});

	test('whoami asks the provider; api_key is never printed, human or --json', async () => {
		const mine = await addAccount(vault());
		const human = await vault().ok(['whoami']);
		assert.match(human.stdout, /^ {2}User id: +4242$/m);
		assert.match(human.stdout, /Checked at the provider: key accepted; balance 12\.5/);
		const json = await vault().ok(['whoami', '--json']);
		const data = JSON.parse(json.stdout) as {provider: Record<string, unknown>};
		assert.equal(data.provider.email, 'gpu@company.com');
		assert.ok(!('api_key' in data.provider));
		noKeyIn(human.stdout + human.stderr + json.stdout + json.stderr, mine.key);
		assert.ok(server.requests.some((r) => r.endpoint === 'whoami' && r.key === mine.key));
	});

	test("login --with-token --verify: a refused key is not stored; a good one takes the provider's email", async () => {
		const bad = `${'7'.repeat(60)}dead`;
		const args = [
			'login',
			'--with-token',
			'--verify',
			'--provider',
			'vast',
			'--base-url',
			server.url,
		];
		const line = oneErrorLine(await vault().run(args, {input: bad}));
		assert.match(
			line,
			/refused the key \(401.*authdeck sent \*{4}dead, the key given on stdin \(nothing was stored\)/,
		);
		assert.equal((JSON.parse((await vault().ok(['status', '--json'])).stdout) as Status).total, 0);
		assert.ok(
			!fs.existsSync(vault().secretsFile) ||
				!fs.readFileSync(vault().secretsFile, 'utf8').includes(bad),
		);

		const good = server.addKey('good');
		const result = await vault().ok(args, {input: good.key});
		assert.match(
			result.stdout,
			/^Logged in as gpu \(vast, checked at the provider: gpu@company\.com\)/,
		);
		noKeyIn(result.stdout + result.stderr, good.key);
		assert.match(
			oneErrorLine(
				await vault().run(['login', '--with-token', '--verify', '--provider', 'vapi'], {
					input: bad,
				}),
			),
			/cannot check the key; leave out --verify/,
		);
	});
});
