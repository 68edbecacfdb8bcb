// security.md row 28: a disk with one or two free pages during a save. The save fails with one
// clear line or succeeds whole; never a truncated file behind a success; every old account and
// secret stays readable. A real tmpfs, filled to within N pages of full, and the built binary.
// Before the fix, `login` exited 0 here with config.json or secrets.json cut at 4,096 bytes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {fileSecretStore} from '../../source/vault/file-secrets.js';
import {
	describeRun,
	jwtLike,
	login,
	requireBuild,
	runCli,
	stderrLines,
	TempVault,
} from '../helpers/cli.js';
import {fillLeaving, mountTmpfs, unmount} from '../helpers/tmpfs.js';

type Case = {
	readonly name: string;
	/** The keys of the accounts seeded before the disk fills. */
	readonly seeded: readonly string[];
	/** Flags that make each seeded account's metadata large or small. */
	readonly email: (index: number) => string;
	/** The keys saved, one try each, on the nearly full disk. */
	readonly added: readonly string[];
};

const cases: readonly Case[] = [
	{
		// Metadata over two pages, small secrets: the metadata write is the one that runs short.
		name: 'the metadata file is the larger',
		seeded: Array.from({length: 14}, (_, index) => `sk-test_full${index}_${'m'.repeat(30)}`),
		email: (index) => `user${index}.${'e'.repeat(60)}@example.com`,
		added: ['sk-test_fullNEW_small000000000000', `sk-test_${'n'.repeat(3000)}`],
	},
	{
		// Secrets over two pages, little metadata: the secrets write is the one that runs short.
		name: 'the secrets file is the larger',
		seeded: [jwtLike(3000, 'one'), jwtLike(3000, 'two'), jwtLike(2500, 'three')],
		email: (index) => `s${index}@example.com`,
		added: [jwtLike(1500, 'new'), jwtLike(5000, 'big')],
	},
];

/** A vault whose directory is on the tmpfs at `mount`. */
function vaultOn(mount: string): Promise<TempVault> {
	return TempVault.create('file', {configDir: path.join(mount, 'vault')});
}

/** The ids of the seeded accounts, by alias, from the metadata. */
function idsByAlias(vault: TempVault): Map<string, string> {
	const stored = JSON.parse(fs.readFileSync(vault.configFile, 'utf8')) as {
		accounts: Array<{id: string; alias: string}>;
	};
	return new Map(stored.accounts.map((account) => [account.alias, account.id]));
}

/**
 * Every seeded account's key comes back exactly: in-process after each try (the same code the
 * binary runs; 14 runs of the binary per try took minutes), through the binary when `viaCli`.
 */
async function assertSeededReadable(
	vault: TempVault,
	seeded: readonly string[],
	viaCli = false,
): Promise<void> {
	const ids = idsByAlias(vault);
	const store = fileSecretStore(vault.secretsFile);
	for (const [index, key] of seeded.entries()) {
		if (viaCli) {
			const token = await runCli(['token', '--show', `acct${index}`], {env: vault.env});
			assert.equal(token.stdout, `${key}\n`, `acct${index} readable: ${describeRun(token)}`);
		} else {
			const raw = await store.get(`account:${ids.get(`acct${index}`)}`);
			assert.deepEqual(JSON.parse(raw ?? 'null'), {apiKey: key}, `acct${index} readable`);
		}
	}
}

describe('a disk one to six pages from full during a save (row 28)', () => {
	for (const testCase of cases) {
		test(`${testCase.name}: each save fails with one line, files byte-identical, or succeeds whole`, {
			timeout: 400_000,
		}, async (t) => {
			requireBuild();
			const base = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-nearly-full-'));
			const mount = path.join(base, 'mnt');
			const why = mountTmpfs(mount, '512k');
			if (why) {
				fs.rmSync(base, {recursive: true, force: true});
				t.skip(why);
				return;
			}

			const vault = await vaultOn(mount);
			let refused = 0;
			let saved = 0;
			try {
				for (const [index, key] of testCase.seeded.entries()) {
					const result = await login(vault, key, [
						'--provider',
						'vapi',
						'--alias',
						`acct${index}`,
						'--email',
						testCase.email(index),
					]);
					assert.equal(result.code, 0, describeRun(result));
				}

				for (const [attempt, key] of testCase.added.entries()) {
					for (const freePages of [1, 2, 3, 4, 5, 6]) {
						const label = `key ${attempt}, ${freePages} free page(s)`;
						const config = fs.readFileSync(vault.configFile);
						const secrets = fs.readFileSync(vault.secretsFile);
						fillLeaving(mount, freePages);
						const alias = `new${attempt}x${freePages}`;
						const result = await login(vault, key, ['--provider', 'vapi', '--alias', alias]);
						fs.rmSync(path.join(mount, 'filler'));

						if (result.code === 0) {
							// A success is whole: both files parse, and the new key reads back exactly.
							saved++;
							JSON.parse(fs.readFileSync(vault.configFile, 'utf8'));
							JSON.parse(fs.readFileSync(vault.secretsFile, 'utf8'));
							const token = await runCli(['token', '--show', alias], {env: vault.env});
							assert.equal(token.stdout, `${key}\n`, `${label}: ${describeRun(token)}`);
							const out = await runCli(['logout', alias, '--yes'], {env: vault.env});
							assert.equal(out.code, 0, describeRun(out));
						} else {
							refused++;
							assert.equal(result.code, 1, `${label}: ${describeRun(result)}`);
							const lines = stderrLines(result);
							assert.equal(lines.length, 1, `${label}: ${describeRun(result)}`);
							assert.match(
								lines[0] ?? '',
								/^authdeck: could not save .*(config|secrets|pending)\.json: the disk is full; nothing was changed$/,
							);
							assert.ok(!result.stderr.includes(key.slice(0, 20)), 'no secret printed');
							assert.ok(fs.readFileSync(vault.configFile).equals(config), `${label}: config.json`);
							assert.ok(
								fs.readFileSync(vault.secretsFile).equals(secrets),
								`${label}: secrets.json`,
							);
						}

						assert.deepEqual(
							fs.readdirSync(vault.configDir).filter((name) => name.includes('.tmp-')),
							[],
							`${label}: no temp file left`,
						);
						await assertSeededReadable(vault, testCase.seeded);
					}
				}

				await assertSeededReadable(vault, testCase.seeded, true);
				t.diagnostic(`${refused} saves refused, ${saved} saved whole`);
				// Both ends were reached: the disk was tight enough to refuse, and roomy enough to save.
				assert.ok(refused > 0, 'some save met the full disk');
				assert.ok(saved > 0, 'some save had room');
			} finally {
				unmount(mount);
				await vault.cleanup();
				fs.rmSync(base, {recursive: true, force: true});
			}
		});
	}
});
