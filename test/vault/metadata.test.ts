// security.md rows 7, 8 and 10: a metadata file that cannot be read is never cleared or
// overwritten, and every file authdeck keeps is private whatever the umask or the modes it finds.
// Each case runs the built binary in a temporary vault.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {
	describeRun,
	entriesStartingWith,
	login,
	modeOf,
	type RunResult,
	requireBuild,
	runCli,
	stderrLines,
	TempVault,
} from '../helpers/cli.js';
import {keyringSkipReason} from '../helpers/keyring.js';

const keyA = 'sk-test_metadataAAAAAAAAAAAAAAAA1111';
const keyB = 'sk-test_metadataBBBBBBBBBBBBBBBB2222';

async function seed(vault: TempVault): Promise<void> {
	for (const [key, email] of [
		[keyA, 'a@example.com'],
		[keyB, 'b@example.com'],
	] as const) {
		const result = await login(vault, key, ['--provider', 'vapi', '--email', email]);
		assert.equal(result.code, 0, describeRun(result));
	}
}

/** Commands that read, and commands that would write, the metadata. */
const commands: ReadonlyArray<{args: string[]; input?: string}> = [
	{args: ['status']},
	{args: ['status', '--json']},
	{args: ['token', '--show', 'a']},
	{args: ['switch', 'a']},
	{args: ['login', '--with-token', '--provider', 'vapi', '--email', 'c@example.com'], input: keyA},
	{args: ['config', 'set', 'reveal-timeout', '30']},
];

function assertOneLineNaming(result: RunResult, file: string, pattern: RegExp): void {
	assert.notEqual(result.code, 0, describeRun(result));
	assert.equal(result.signal, null, describeRun(result));
	const lines = stderrLines(result);
	assert.equal(lines.length, 1, `one line on stderr:\n${describeRun(result)}`);
	assert.ok(lines[0]?.includes(file), `the error names ${file}: ${lines[0]}`);
	assert.match(lines[0] ?? '', pattern);
	assert.ok(!result.stderr.includes(keyA) && !result.stdout.includes(keyA), 'no secret printed');
}

/** Writes `content` as config.json, runs every command, and checks nothing was overwritten. */
async function assertRefused(
	vault: TempVault,
	content: string,
	pattern: RegExp,
	options: {corruptCopy: boolean},
): Promise<void> {
	fs.writeFileSync(vault.configFile, content, {mode: 0o600});
	const secretsBefore = fs.existsSync(vault.secretsFile)
		? fs.readFileSync(vault.secretsFile)
		: undefined;
	for (const command of commands) {
		const result = await runCli(command.args, {env: vault.env, input: command.input});
		assertOneLineNaming(result, vault.configFile, pattern);
		assert.equal(
			fs.readFileSync(vault.configFile, 'utf8'),
			content,
			`${command.args.join(' ')} left config.json byte-identical`,
		);
		if (secretsBefore) {
			assert.ok(fs.readFileSync(vault.secretsFile).equals(secretsBefore), 'secrets.json untouched');
		}
	}

	const copies = entriesStartingWith(vault.configDir, 'config.json.corrupt-');
	if (options.corruptCopy) {
		// One copy per distinct content, however many commands saw it.
		assert.equal(copies.length, 1, `one corrupt copy: ${copies.join(', ')}`);
		const copy = path.join(vault.configDir, copies[0] as string);
		assert.equal(fs.readFileSync(copy, 'utf8'), content);
		assert.equal(modeOf(copy), 0o600);
		assert.match(copies[0] as string, /^config\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+(\.\d+)?Z$/);
	}

	assert.deepEqual(
		entriesStartingWith(vault.configDir, 'config.json.tmp-'),
		[],
		'no temp file left',
	);
}

describe('unreadable metadata (row 7)', () => {
	const cases: ReadonlyArray<[string, (valid: string) => string]> = [
		['truncated in the middle', (valid) => valid.slice(0, Math.floor(valid.length / 2))],
		['cut to zero bytes', () => ''],
		['not JSON at all', () => 'this is not json {'],
		['binary garbage', () => '\u0000\u0001\u00ff{"version":1,'],
	];
	for (const [name, corrupt] of cases) {
		test(`${name}: error naming the path, file kept in place and copied, secrets untouched`, {
			timeout: 120_000,
		}, async () => {
			requireBuild();
			const vault = await TempVault.create('file');
			try {
				await seed(vault);
				await assertRefused(
					vault,
					corrupt(fs.readFileSync(vault.configFile, 'utf8')),
					/not valid JSON/,
					{
						corruptCopy: true,
					},
				);

				// Once the user puts a good file back, everything is as it was.
				const copy = entriesStartingWith(vault.configDir, 'config.json.corrupt-')[0] as string;
				fs.rmSync(path.join(vault.configDir, copy));
				fs.rmSync(vault.configFile);
				const fresh = await login(vault, keyA, ['--provider', 'vapi', '--email', 'a@example.com']);
				assert.equal(fresh.code, 0, describeRun(fresh));
				const token = await runCli(['token', '--show', 'a'], {env: vault.env});
				assert.equal(token.stdout, `${keyA}\n`);
			} finally {
				await vault.cleanup();
			}
		});
	}

	test('keychain backend: secrets in the keychain untouched', {
		timeout: 120_000,
		skip: keyringSkipReason(),
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('keychain');
		const {default: keytar} = await import('keytar');
		let ids: string[] = [];
		try {
			await seed(vault);
			const valid = fs.readFileSync(vault.configFile, 'utf8');
			ids = (JSON.parse(valid) as {accounts: Array<{id: string}>}).accounts.map((a) => a.id);
			await assertRefused(vault, valid.slice(0, 100), /not valid JSON/, {corruptCopy: true});
			assert.equal(fs.existsSync(vault.secretsFile), false);
			const stored = await Promise.all(
				ids.map((id) => keytar.getPassword('authdeck', `account:${id}`)),
			);
			assert.deepEqual(
				stored.map((raw) => (JSON.parse(raw ?? 'null') as {apiKey: string} | null)?.apiKey),
				[keyA, keyB],
			);
		} finally {
			for (const id of ids) {
				await keytar.deletePassword('authdeck', `account:${id}`).catch(() => false);
			}

			await vault.cleanup();
		}
	});
});

describe('metadata that fails the schema or is from a newer version (row 8)', () => {
	const schemaCases: ReadonlyArray<[string, (vault: Record<string, unknown>) => unknown]> = [
		['accounts is not a list', (v) => ({...v, accounts: 'nope'})],
		['an account without an id', (v) => ({...v, accounts: [{alias: 'x'}]})],
		[
			'an alias with a path in it',
			(v) => ({
				...v,
				accounts: (v.accounts as Array<Record<string, unknown>>).map((a) => ({
					...a,
					alias: '../../x',
				})),
			}),
		],
		['an unknown storage', (v) => ({...v, settings: {storage: 'cloud'}})],
		['a list at the top', () => [1, 2, 3]],
	];
	for (const [name, change] of schemaCases) {
		test(`${name}: refused, never overwritten`, {timeout: 120_000}, async () => {
			requireBuild();
			const vault = await TempVault.create('file');
			try {
				await seed(vault);
				const valid = JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as Record<
					string,
					unknown
				>;
				await assertRefused(
					vault,
					`${JSON.stringify(change(valid), undefined, '\t')}\n`,
					/does not match the expected format/,
					{corruptCopy: true},
				);
			} finally {
				await vault.cleanup();
			}
		});
	}

	test('"version": 2 with a known shape: refused as newer, never overwritten', {
		timeout: 120_000,
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('file');
		try {
			await seed(vault);
			const valid = JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as Record<
				string,
				unknown
			>;
			await assertRefused(
				vault,
				`${JSON.stringify({...valid, version: 2}, undefined, '\t')}\n`,
				/newer authdeck \(format 2\).*upgrade/,
				{corruptCopy: false},
			);
		} finally {
			await vault.cleanup();
		}
	});

	test('"version": 2 with fields this version does not know: refused as newer', {
		timeout: 120_000,
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('file');
		try {
			await seed(vault);
			await assertRefused(
				vault,
				`${JSON.stringify({version: 2, accounts: {byId: {}}})}\n`,
				/newer authdeck \(format 2\).*upgrade/,
				{corruptCopy: true},
			);
		} finally {
			await vault.cleanup();
		}
	});
});

/** `sh -c 'umask 000; exec node dist/authdeck.cjs ...'`. */
const umask000 = ['sh', '-c', 'umask 000 && exec "$@"', 'sh'];

describe('file modes (row 10)', () => {
	test('umask 000: directory 0700, every file 0600', {timeout: 120_000}, async () => {
		requireBuild();
		const vault = await TempVault.create('file');
		try {
			const first = await login(vault, keyA, ['--provider', 'vapi', '--email', 'a@example.com'], {
				prefix: umask000,
			});
			assert.equal(first.code, 0, describeRun(first));
			assert.equal(stderrLines(first).length, 0, describeRun(first));
			for (const args of [
				['switch', 'a'],
				['config', 'set', 'reveal-timeout', '20'],
			]) {
				const result = await runCli(args, {env: vault.env, prefix: umask000});
				assert.equal(result.code, 0, describeRun(result));
			}

			assert.equal(modeOf(vault.configDir), 0o700);
			const names = fs.readdirSync(vault.configDir);
			assert.deepEqual(names.sort(), ['config.json', 'secrets.json']);
			for (const name of names) {
				assert.equal(modeOf(path.join(vault.configDir, name)), 0o600, name);
			}

			// A corrupt copy made under umask 000 is private too.
			fs.writeFileSync(vault.configFile, '{', {mode: 0o600});
			const refused = await runCli(['status'], {env: vault.env, prefix: umask000});
			assert.notEqual(refused.code, 0);
			const copy = entriesStartingWith(vault.configDir, 'config.json.corrupt-')[0];
			assert.ok(copy);
			assert.equal(modeOf(path.join(vault.configDir, copy)), 0o600);
		} finally {
			await vault.cleanup();
		}
	});

	test('a 0644 config.json, a 0644 secrets.json and a 0755 directory are repaired with a warning', {
		timeout: 120_000,
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('file');
		try {
			await seed(vault);
			fs.chmodSync(vault.configDir, 0o755);
			fs.chmodSync(vault.configFile, 0o644);
			fs.chmodSync(vault.secretsFile, 0o644);
			const config = fs.readFileSync(vault.configFile);

			// A command that only reads repairs them too: the secrets must not stay readable.
			const result = await runCli(['status'], {env: vault.env});
			assert.equal(result.code, 0, describeRun(result));
			const warnings = stderrLines(result);
			for (const [file, from, to] of [
				[vault.configDir, '755', '700'],
				[vault.configFile, '644', '600'],
				[vault.secretsFile, '644', '600'],
			] as const) {
				assert.ok(
					warnings.some(
						(line) =>
							line.startsWith('warning:') &&
							line.includes(file) &&
							line.includes(from) &&
							line.includes(to),
					),
					`a warning about ${file}: ${warnings.join('\n')}`,
				);
			}

			assert.equal(modeOf(vault.configDir), 0o700);
			assert.equal(modeOf(vault.configFile), 0o600);
			assert.equal(modeOf(vault.secretsFile), 0o600);
			assert.ok(fs.readFileSync(vault.configFile).equals(config), 'repairing changed no content');

			// Repaired once: the next run has nothing to say.
			const again = await runCli(['status'], {env: vault.env});
			assert.equal(again.code, 0);
			assert.equal(stderrLines(again).length, 0, describeRun(again));
		} finally {
			await vault.cleanup();
		}
	});

	test('a config directory that is a symlink: works, the target is repaired', {
		timeout: 120_000,
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('file');
		try {
			const real = path.join(vault.base, 'dotfiles', 'authdeck');
			fs.mkdirSync(real, {recursive: true, mode: 0o755});
			fs.chmodSync(real, 0o755);
			fs.symlinkSync(real, vault.configDir);

			const result = await login(vault, keyA, ['--provider', 'vapi', '--email', 'a@example.com'], {
				prefix: umask000,
			});
			assert.equal(result.code, 0, describeRun(result));
			assert.ok(
				stderrLines(result).some((line) => line.startsWith('warning:') && line.includes('700')),
				describeRun(result),
			);
			assert.ok(fs.lstatSync(vault.configDir).isSymbolicLink(), 'the link is kept');
			assert.equal(modeOf(real), 0o700);
			assert.equal(modeOf(path.join(real, 'config.json')), 0o600);
			assert.equal(modeOf(path.join(real, 'secrets.json')), 0o600);

			const token = await runCli(['token', '--show'], {env: vault.env});
			assert.equal(token.stdout, `${keyA}\n`, describeRun(token));
		} finally {
			await vault.cleanup();
		}
	});

	// A link out of the config directory is refused (security.md row 30, hostile-files.test.ts); one
	// to a file inside it is followed.
	test('a config.json that is a symlink into the config directory: saved through the link, which stays a link, 0600', {
		timeout: 120_000,
	}, async () => {
		requireBuild();
		const vault = await TempVault.create('file');
		try {
			await seed(vault);
			const target = path.join(vault.configDir, 'dotfiles', 'authdeck.json');
			fs.mkdirSync(path.dirname(target), {recursive: true});
			fs.renameSync(vault.configFile, target);
			fs.chmodSync(target, 0o644);
			fs.symlinkSync(target, vault.configFile);

			const repaired = await runCli(['status'], {env: vault.env});
			assert.equal(repaired.code, 0, describeRun(repaired));
			assert.ok(
				stderrLines(repaired).some(
					(line) => line.startsWith('warning:') && line.includes('644') && line.includes('600'),
				),
				describeRun(repaired),
			);
			assert.equal(modeOf(target), 0o600);

			const switched = await runCli(['switch', 'a'], {env: vault.env, prefix: umask000});
			assert.equal(switched.code, 0, describeRun(switched));
			const added = await login(vault, keyB, ['--provider', 'vapi', '--email', 'c@example.com'], {
				prefix: umask000,
			});
			assert.equal(added.code, 0, describeRun(added));

			assert.ok(fs.lstatSync(vault.configFile).isSymbolicLink(), 'config.json is still a link');
			assert.equal(fs.readlinkSync(vault.configFile), target);
			assert.equal(modeOf(target), 0o600);
			const stored = JSON.parse(fs.readFileSync(target, 'utf8')) as {accounts: unknown[]};
			assert.equal(stored.accounts.length, 3, 'the new account was written to the link target');
			assert.deepEqual(entriesStartingWith(path.dirname(target), 'authdeck.json.tmp-'), []);
		} finally {
			await vault.cleanup();
		}
	});
});
