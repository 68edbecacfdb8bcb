/**
 * The keychain part of `npm run bench`, run by it inside scripts/with-keyring.sh: `authdeck token
 * --show` on the real Secret Service (a throwaway gnome-keyring) against `secret-tool lookup` of the
 * same item, taking turns. Prints a Markdown table, and writes it to the file named by argv[2].
 */
import fs from 'node:fs';
import {binary} from '../test/helpers/pty.js';
import {TempVault} from '../test/helpers/temp-vault.js';
import {peakMemory, type Row, takeTurns, which} from './bench-commands.js';
import {median, quantile} from './bench-runs.js';

async function main(): Promise<string[]> {
	if (process.env.AUTHDECK_TEST_KEYRING !== '1') {
		return [
			`Keychain: not measured (${process.env.AUTHDECK_TEST_KEYRING_MISSING ?? 'no Secret Service'}).`,
		];
	}

	const secretTool = which('secret-tool');
	if (!secretTool) return ['Keychain: not measured (secret-tool is not installed).'];
	const vault = await TempVault.create('keychain');
	// The same command on file storage, in the same turns: what the keychain read adds is the
	// difference between the two rows, to hold against secret-tool's own time.
	const fileVault = await TempVault.create('file');
	try {
		const fileLogin = await fileVault.run(
			['login', '--with-token', '--provider', 'vapi', '--alias', 'bench'],
			{input: 'sk-bench_0123456789abcdefghij'},
		);
		if (fileLogin.code !== 0) throw new Error(`login failed: ${fileLogin.stderr}`);
		const login = await vault.run(
			['login', '--with-token', '--provider', 'vapi', '--alias', 'bench', '--json'],
			{input: 'sk-bench_0123456789abcdefghij'},
		);
		if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
		const {id} = JSON.parse(login.stdout) as {id: string};
		const rows: Row[] = [
			{label: "node -e ''", argv: ['node', '-e', '']},
			// Both through env(1), so that the two rows pay the same extra exec.
			{
				label: 'authdeck token --show (keychain)',
				argv: ['env', 'AUTHDECK_STORAGE=keychain', 'node', binary, 'token', '--show'],
			},
			{
				label: 'authdeck token --show (file storage)',
				argv: [
					'env',
					`AUTHDECK_CONFIG_DIR=${fileVault.configDir}`,
					'AUTHDECK_STORAGE=file',
					'node',
					binary,
					'token',
					'--show',
				],
			},
			{
				label: 'secret-tool lookup (the same item)',
				argv: [secretTool, 'lookup', 'service', 'authdeck', 'account', `account:${id}`],
			},
		];
		const times = await takeTurns(rows, vault.env, vault.cwd, 15);
		const node = median(times[0] ?? []);
		const tool = median(times[3] ?? []);
		return [
			'Keychain (a real gnome-keyring), 15 runs each, taking turns (ms):',
			'',
			'| command | median | p95 | × node | × secret-tool | peak MB |',
			'| --- | ---: | ---: | ---: | ---: | ---: |',
			...rows.map((row, index) => {
				const mine = times[index] ?? [];
				const memory = peakMemory(row.argv, vault.env, vault.cwd);
				return `| ${row.label} | ${median(mine).toFixed(1)} | ${quantile(mine, 0.95).toFixed(1)} | ${(median(mine) / node).toFixed(2)} | ${(median(mine) / tool).toFixed(2)} | ${memory.toFixed(0)} |`;
			}),
			'',
			`The keychain read adds ${(median(times[1] ?? []) - median(times[2] ?? [])).toFixed(1)} ms to token --show (the keychain row less the file row), against secret-tool's ${tool.toFixed(1)} ms for the whole lookup.`,
			'',
		];
	} finally {
		await vault.cleanup();
		await fileVault.cleanup();
	}
}

const lines = await main();
console.log(lines.join('\n'));
if (process.argv[2]) fs.writeFileSync(process.argv[2], `${lines.join('\n')}\n`);
