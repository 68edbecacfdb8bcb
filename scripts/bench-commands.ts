/**
 * The commands' part of `npm run bench`: plain commands from spawn to exit, side by side with a bare
 * `node -e ''`, `gh auth token` and `kubectl config use-context` (where they are installed), taking
 * turns, on vaults of 10 and 1,000 accounts, without and with NODE_EXTRA_CA_CERTS. Peak memory is the
 * maxRSS /usr/bin/time reports. The table is also written to scripts/bench-results.md, which the
 * readme's "Speed" section is generated from (`npm run readme`).
 */
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {completionSpec} from '../source/cli/complete/spec.js';
import {createProgram} from '../source/cli/program.js';
import {binary} from '../test/helpers/pty.js';
import {TempVault} from '../test/helpers/temp-vault.js';
import {median, quantile} from './bench-runs.js';

/** One program the bench runs: argv[0] is looked up on PATH, or is `node` for Node itself. */
export type Row = {readonly label: string; readonly argv: readonly string[]};

/** Where a program is on PATH, or undefined. */
export function which(program: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const file = path.join(dir, program);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {}
	}

	return undefined;
}

const executable = (argv: readonly string[]) =>
	argv[0] === 'node' ? process.execPath : (argv[0] as string);

/** The time from spawning `argv` to its exit, output discarded. */
export async function wallTime(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string) {
	const start = performance.now();
	await new Promise<void>((resolve) => {
		spawn(executable(argv), argv.slice(1), {stdio: 'ignore', env, cwd}).on('exit', () => resolve());
	});
	return performance.now() - start;
}

/** The build measured: dist/ unless AUTHDECK_BENCH_BINARY names another (an older build, to compare). */
const program = process.env.AUTHDECK_BENCH_BINARY ?? binary;

const time = which('time') ? '/usr/bin/time' : undefined;

/** Peak memory in MB (maxRSS, from /usr/bin/time), the largest of `runs`; NaN without the tool. */
export function peakMemory(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string, runs = 3) {
	if (!time || !fs.existsSync(time)) return Number.NaN;
	let peak = 0;
	for (let run = 0; run < runs; run++) {
		const result = spawnSync(time, ['-f', '%M', '--', executable(argv), ...argv.slice(1)], {
			env,
			cwd,
			encoding: 'utf8',
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		const kilobytes = Number(result.stderr.trim().split('\n').at(-1));
		if (Number.isFinite(kilobytes)) peak = Math.max(peak, kilobytes / 1024);
	}

	return peak;
}

/** `rows`, `runs` times each, taking turns after one run each that is not counted (it fills caches). */
export async function takeTurns(
	rows: readonly Row[],
	env: NodeJS.ProcessEnv,
	cwd: string,
	runs: number,
): Promise<number[][]> {
	for (const row of rows) await wallTime(row.argv, env, cwd);
	const times = rows.map((): number[] => []);
	for (let run = 0; run < runs; run++) {
		for (const [index, row] of rows.entries())
			times[index]?.push(await wallTime(row.argv, env, cwd));
	}

	return times;
}

/** A kubeconfig with two contexts, so that `kubectl config use-context` has something to switch. */
function kubeconfig(directory: string): string {
	const file = path.join(directory, 'kubeconfig');
	const context = (name: string) => `- name: ${name}\n  context: {cluster: local, user: ${name}}\n`;
	fs.writeFileSync(
		file,
		`apiVersion: v1\nkind: Config\nclusters:\n- name: local\n  cluster: {server: 'https://127.0.0.1:6443'}\nusers:\n- name: a\n  user: {token: a}\n- name: b\n  user: {token: b}\ncontexts:\n${context('a')}${context('b')}current-context: a\n`,
		{mode: 0o600},
	);
	return file;
}

/**
 * A gh config signed in to github.com (a made-up token), so that `gh auth token` reads and prints a
 * token as it does for a user, instead of failing at once with "no oauth token".
 */
function ghConfig(directory: string): string {
	const dir = path.join(directory, 'gh');
	fs.mkdirSync(dir, {recursive: true, mode: 0o700});
	fs.writeFileSync(
		path.join(dir, 'hosts.yml'),
		'github.com:\n    oauth_token: gho_bench0123456789abcdefghij\n    user: bench\n    git_protocol: https\n',
		{mode: 0o600},
	);
	return dir;
}

/**
 * `env` and the variables that point a command at a copy of the vault's metadata, its mtime set a
 * minute back, with a cache directory of its own: a vault nobody changes while the shell runs.
 */
function unchangedCopy(vault: TempVault): string[] {
	const dir = path.join(vault.base, 'unchanged');
	fs.mkdirSync(path.join(dir, 'config'), {recursive: true, mode: 0o700});
	const config = path.join(dir, 'config', 'config.json');
	fs.copyFileSync(vault.configFile, config);
	fs.chmodSync(config, 0o600);
	const past = new Date(Date.now() - 60_000);
	fs.utimesSync(config, past, past);
	return [
		'env',
		`AUTHDECK_CONFIG_DIR=${path.dirname(config)}`,
		`XDG_CACHE_HOME=${path.join(dir, 'cache')}`,
	];
}

const cell = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** One table: each command's median, p95, ratios and peak memory, as Markdown rows. */
async function table(size: number, withCa: boolean, runs: number): Promise<string[]> {
	const vault = await TempVault.create('file');
	try {
		await vault.writeManyAccounts(size);
		const login = await vault.run(
			['login', '--with-token', '--provider', 'vapi', '--alias', 'bench'],
			{
				input: 'sk-bench_0123456789abcdefghij',
			},
		);
		if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
		const env: NodeJS.ProcessEnv = {
			...vault.env,
			KUBECONFIG: kubeconfig(vault.base),
			GH_CONFIG_DIR: ghConfig(vault.base),
		};
		if (withCa) env.NODE_EXTRA_CA_CERTS = process.env.NODE_EXTRA_CA_CERTS;
		const authdeck = (...args: string[]): Row => ({
			label: `authdeck ${args.join(' ')}`,
			argv: ['node', program, ...args],
		});
		const spec = JSON.stringify(completionSpec(createProgram(async () => undefined)));
		// As the completion script runs it: the command tree in the environment (through env(1)).
		const complete = (label: string, before: readonly string[]): Row => ({
			label,
			argv: [
				'env',
				...before.slice(1),
				`AUTHDECK_COMPLETE_SPEC=${spec}`,
				'node',
				program,
				'__complete',
				'bash',
				'--',
				'switch',
				'',
			],
		});
		const unchanged = unchangedCopy(vault);
		const gh = which('gh');
		const kubectl = which('kubectl');
		const rows: Row[] = [
			{label: "node -e ''", argv: ['node', '-e', '']},
			authdeck('status'),
			authdeck('switch', 'user-00001'),
			authdeck('switch', '-'),
			authdeck('token'),
			authdeck('token', '--show'),
			authdeck('env', '--show'),
			authdeck('whoami'),
			// What a shell runs at every prompt, and at every <TAB> after `authdeck switch`: here just
			// after a switch row changed the file, so read whole every time.
			authdeck('prompt'),
			complete('authdeck __complete bash -- switch', []),
			// The same on a copy left alone, as between one change and the next: answered from what the
			// last run kept (source/vault/peek-cache.ts).
			{label: 'authdeck prompt (vault unchanged)', argv: [...unchanged, 'node', program, 'prompt']},
			complete('authdeck __complete bash -- switch (vault unchanged)', unchanged),
			...(gh ? [{label: 'gh auth token', argv: [gh, 'auth', 'token']}] : []),
			...(kubectl
				? [
						{label: 'kubectl config use-context a', argv: [kubectl, 'config', 'use-context', 'a']},
						{label: 'kubectl config use-context b', argv: [kubectl, 'config', 'use-context', 'b']},
					]
				: []),
		];
		const times = await takeTurns(rows, env, vault.cwd, runs);
		const medianOf = (label: string) => {
			const index = rows.findIndex((row) => row.label.startsWith(label));
			return index === -1 ? Number.NaN : median(times[index] ?? []);
		};

		const node = medianOf("node -e ''");
		const ghTime = medianOf('gh auth token');
		const kubectlTime = medianOf('kubectl config use-context');
		const lines = rows.map((row, index) => {
			const mine = times[index] ?? [];
			const memory = peakMemory(row.argv, env, vault.cwd);
			return `| ${row.label} | ${cell(median(mine))} | ${cell(quantile(mine, 0.95))} | ${cell(median(mine) / node, 2)} | ${gh ? cell(median(mine) / ghTime, 2) : 'not installed'} | ${kubectl ? cell(median(mine) / kubectlTime, 2) : 'not installed'} | ${cell(memory, 0)} |`;
		});
		return [
			`${size.toLocaleString('en')} accounts, ${withCa ? 'with' : 'without'} NODE_EXTRA_CA_CERTS, ${runs} runs each, taking turns (ms):`,
			'',
			'| command | median | p95 | × node | × gh auth token | × kubectl use-context | peak MB |',
			'| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
			...lines,
			'',
		];
	} finally {
		await vault.cleanup();
	}
}

/** Every table, printed as it is done; returns them all as Markdown. */
export async function commandTables(runs = 15): Promise<string> {
	const out: string[] = [
		`Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} cores.`,
		'',
	];
	const variants = process.env.NODE_EXTRA_CA_CERTS ? [false, true] : [false];
	if (!process.env.NODE_EXTRA_CA_CERTS)
		out.push('NODE_EXTRA_CA_CERTS is not set here: no rows with it.', '');
	for (const withCa of variants) {
		for (const size of [10, 1000]) {
			const lines = await table(size, withCa, runs);
			console.log(lines.join('\n'));
			out.push(...lines);
		}
	}

	return out.join('\n');
}
