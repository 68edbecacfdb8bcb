/**
 * The one way tests run the built binary (`dist/authdeck.cjs`, which runs commands from
 * `dist/cli.cjs`) or another program as a separate process, and collect what it printed.
 *
 * `npm test` builds first; run `npm run build` before running a command test on its own. Each test
 * process runs its own copy of that build (see `builtCli`).
 */
import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The `authdeck` command as installed (package.json `bin`). */
export const cliPath = path.join(root, 'dist', 'authdeck.cjs');

/** Fails early, with the fix, when the tests run before a build. */
export function requireBuild(): void {
	if (!fs.existsSync(cliPath)) {
		throw new Error(`${cliPath} is missing: run \`npm run build\` first (npm test does)`);
	}
}

export type RunResult = {
	/** The exit code, or null when the process died of a signal. */
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly stdout: string;
	readonly stderr: string;
	/** Wall-clock time from spawn to exit. */
	readonly ms: number;
};

export type ProcessOptions = {
	/** The whole environment of the child (a TempVault's `env`, changed or not). */
	readonly env: NodeJS.ProcessEnv;
	/** Written to stdin, which is then closed. Without it stdin is empty (closed at once). */
	readonly input?: string;
	/** The child is killed (SIGKILL) after this long; the result then has signal SIGKILL. @default 60_000 */
	readonly timeout?: number;
	/** Run through this command prefix, e.g. `['setpriv', '--reuid=nobody', ...]`. */
	readonly prefix?: readonly string[];
	readonly cwd?: string;
};

/** Runs a program to its end and collects what it printed. */
export function run(
	command: string,
	args: readonly string[],
	options: ProcessOptions,
): Promise<RunResult> {
	const [program, ...rest] = [...(options.prefix ?? []), command, ...args];
	const started = performance.now();
	const child = spawn(program as string, rest, {
		env: options.env,
		cwd: options.cwd ?? root,
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	return collect(child, started, options);
}

/** Runs `node authdeck.cjs ARGS` (this process's copy of the build) to its end. */
export async function runCli(args: readonly string[], options: ProcessOptions): Promise<RunResult> {
	const cli = options.prefix ? await readableCli() : await builtCli();
	return run(process.execPath, [cli, ...args], options);
}

/** `printf %s KEY | authdeck login --with-token FLAGS` in the vault's environment. */
export function login(
	vault: {readonly env: NodeJS.ProcessEnv},
	key: string,
	flags: readonly string[],
	options: Partial<ProcessOptions> = {},
): Promise<RunResult> {
	return runCli(['login', '--with-token', ...flags], {env: vault.env, ...options, input: key});
}

let snapshot: Promise<string> | undefined;

/**
 * The path of this test process's copy of the built CLI. `npm run build` removes `dist` before it
 * writes the new one, and another build may run while tests do, so the tests run a private copy of
 * one complete build: `dist/` copied under `node_modules/.cache`, from where `keytar` still
 * resolves. The copy is removed when the process exits.
 */
export function builtCli(timeout = 60_000): Promise<string> {
	snapshot ??= copyBuild(timeout);
	return snapshot;
}

async function copyBuild(timeout: number): Promise<string> {
	const deadline = Date.now() + timeout;
	const cache = path.join(root, 'node_modules', '.cache');
	// A fresh clone has no node_modules/.cache yet.
	fs.mkdirSync(cache, {recursive: true});
	const target = fs.mkdtempSync(path.join(cache, 'authdeck-test-cli-'));
	process.on('exit', () => fs.rmSync(target, {recursive: true, force: true}));
	for (;;) {
		try {
			fs.cpSync(path.join(root, 'dist'), target, {recursive: true});
			const cli = path.join(target, path.basename(cliPath));
			const parts = [
				'authdeck.cjs',
				'cli.cjs',
				'cli.js',
				'deck.cjs',
				'picker.cjs',
				'net-vendor.cjs',
				'fast-path.cjs',
			].map((part) => path.join(target, part));
			if (parts.every((part) => fs.existsSync(part))) {
				return cli;
			}
		} catch {}

		if (Date.now() > deadline) {
			throw new Error(`${cliPath} is missing or incomplete: run \`npm run build\` first`);
		}

		fs.rmSync(target, {recursive: true, force: true});
		fs.mkdirSync(target);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

let sharedCli: Promise<string> | undefined;

/**
 * A copy of the build that any user can read, for commands run as another user (`options.prefix`):
 * the checkout itself may sit under a directory only its owner can enter (a CI clone in a 0700
 * temp dir). The bundle needs nothing from node_modules but the optional keytar.
 */
function readableCli(): Promise<string> {
	sharedCli ??= builtCli().then((cli) => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-cli-'));
		fs.cpSync(path.dirname(cli), dir, {recursive: true});
		for (const entry of [
			dir,
			...fs.readdirSync(dir, {recursive: true}).map((name) => path.join(dir, String(name))),
		]) {
			fs.chmodSync(entry, fs.statSync(entry).isDirectory() ? 0o755 : 0o644);
		}

		process.on('exit', () => fs.rmSync(dir, {recursive: true, force: true}));
		return path.join(dir, path.basename(cli));
	});
	return sharedCli;
}

function collect(
	child: ChildProcess,
	started: number,
	options: ProcessOptions,
): Promise<RunResult> {
	let stdout = '';
	let stderr = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	// A command that never reads stdin may exit before the write lands.
	child.stdin?.on('error', () => undefined);
	child.stdin?.end(options.input ?? '');
	const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 60_000);
	return new Promise((resolve, reject) => {
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout, stderr, ms: performance.now() - started});
		});
	});
}

/** The lines a run printed on stderr, without empty ones. */
export function stderrLines(result: RunResult): string[] {
	return result.stderr.split('\n').filter((line) => line.trim() !== '');
}

/** Describes a run for assertion messages. */
export function describeRun(result: RunResult): string {
	return `exit ${result.code ?? result.signal} after ${Math.round(result.ms)} ms\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`;
}
