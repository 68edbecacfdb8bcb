/**
 * A temporary vault for one test, and a way to run the built `authdeck` (dist/authdeck.cjs) or a helper
 * script against it as a separate process. Every child gets HOME, XDG_CONFIG_HOME and
 * AUTHDECK_CONFIG_DIR inside the temporary directory, so nothing touches the real user's files.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built binary; AUTHDECK_TEST_CLI points elsewhere (a private copy while others rebuild dist/). */
export const cliPath = process.env.AUTHDECK_TEST_CLI ?? path.join(root, 'dist', 'authdeck.cjs');

/** Fails early, with the fix, when the tests run before a build. */
export function requireBuild(): void {
	if (!fs.existsSync(cliPath)) {
		throw new Error(`${cliPath} is missing: run \`npm run build\` first (npm test does)`);
	}
}

export type TempVault = {
	/** The temporary directory holding everything below. */
	readonly base: string;
	/** AUTHDECK_CONFIG_DIR. */
	readonly dir: string;
	readonly config: string;
	readonly secrets: string;
	/** The environment every child of this vault runs with. */
	readonly env: NodeJS.ProcessEnv;
	/** Removes the directory. */
	cleanup(): void;
};

/** Variables of the test run that must not leak into a child's choices. */
const dropped = /^(AUTHDECK_(?!TEST_)|XDG_CONFIG_HOME$|NODE_OPTIONS$|NODE_TEST_CONTEXT$)/;

/**
 * A fresh vault directory (not yet created: authdeck creates it) in a fresh temp dir. `env` is
 * merged over a copy of this process's environment without AUTHDECK_* (the test-harness variables
 * AUTHDECK_TEST_* are kept); a value of undefined removes a variable.
 */
export function tempVault(env: Record<string, string | undefined> = {}): TempVault {
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-vault-'));
	const home = path.join(base, 'home');
	fs.mkdirSync(path.join(home, '.config'), {recursive: true});
	const dir = path.join(base, 'vault');
	const merged: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!dropped.test(key)) {
			merged[key] = value;
		}
	}

	Object.assign(merged, {
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, '.config'),
		AUTHDECK_CONFIG_DIR: dir,
	});
	for (const [key, value] of Object.entries(env)) {
		if (value === undefined) {
			delete merged[key];
		} else {
			merged[key] = value;
		}
	}

	return {
		base,
		dir,
		config: path.join(dir, 'config.json'),
		secrets: path.join(dir, 'secrets.json'),
		env: merged,
		cleanup() {
			fs.rmSync(base, {recursive: true, force: true});
		},
	};
}

export type RunResult = {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly stdout: string;
	readonly stderr: string;
	/** Wall-clock time from spawn to exit. */
	readonly ms: number;
};

export type RunOptions = {
	readonly env: NodeJS.ProcessEnv;
	/** Written to stdin, which is then closed. */
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
	options: RunOptions,
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

let sharedCli: string | undefined;

/**
 * A copy of the build that any user can read, for commands run as another user (`options.prefix`):
 * the checkout itself may sit under a directory only its owner can enter (a CI clone in a 0700
 * temp dir). The bundle needs nothing from node_modules but the optional keytar.
 */
function readableCli(): string {
	if (!sharedCli) {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-cli-'));
		fs.cpSync(path.dirname(cliPath), dir, {recursive: true});
		for (const entry of [
			dir,
			...fs.readdirSync(dir, {recursive: true}).map((name) => path.join(dir, String(name))),
		]) {
			fs.chmodSync(entry, fs.statSync(entry).isDirectory() ? 0o755 : 0o644);
		}

		process.on('exit', () => fs.rmSync(dir, {recursive: true, force: true}));
		sharedCli = path.join(dir, path.basename(cliPath));
	}

	return sharedCli;
}

/** Runs `node dist/authdeck.cjs ARGS`. */
export function runCli(args: readonly string[], options: RunOptions): Promise<RunResult> {
	return run(process.execPath, [options.prefix ? readableCli() : cliPath, ...args], options);
}

/** `printf %s KEY | authdeck login --with-token --provider P ...`. */
export function login(
	vault: {readonly env: NodeJS.ProcessEnv},
	key: string,
	flags: readonly string[],
	options: Partial<RunOptions> = {},
): Promise<RunResult> {
	return runCli(['login', '--with-token', ...flags], {env: vault.env, ...options, input: key});
}

function collect(child: ChildProcess, started: number, options: RunOptions): Promise<RunResult> {
	let stdout = '';
	let stderr = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
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

/** The mode bits of a path (not following a final symlink when `link` is set). */
export function modeOf(file: string): number {
	return fs.statSync(file).mode & 0o777;
}

/** Names in `dir` that start with `prefix`. */
export function entriesStartingWith(dir: string, prefix: string): string[] {
	return fs.readdirSync(dir).filter((name) => name.startsWith(prefix));
}

/** A JWT-shaped token of about `bytes` bytes: base64url header, payload and signature. */
export function jwtLike(bytes: number, seed = 'x'): string {
	const b64 = (value: string) => Buffer.from(value).toString('base64url');
	const header = b64(JSON.stringify({alg: 'RS256', typ: 'JWT', kid: seed}));
	let claims = '';
	let n = 0;
	while (claims.length < bytes * 0.7) {
		claims += `"claim${n}":"${seed}-${n}-ünïcödé",`;
		n++;
	}

	const payload = b64(`{${claims}"sub":"${seed}"}`);
	const signature = b64('s'.repeat(256));
	return `${header}.${payload}.${signature}`;
}

/** About 1 KB of text with 2-, 3- and 4-byte UTF-8 characters and a combining sequence. */
export const multibyte = 'é ü ß Ω ключ 鍵 🔑 👩‍💻 e\u0301 ٱلسَّلَامُ '.repeat(20);

/** The path of the helper process of the concurrency and crash tests. */
export const saveWorker = path.join(root, 'test', 'helpers', 'save-worker.ts');

/** The API key save-worker.ts saves for account `index` of `prefix`. */
export function secretFor(prefix: string, index: number): string {
	return `sk-test_${prefix}${index}_${'k'.repeat(40)}`;
}

/** The account id save-worker.ts uses for account `index` of `prefix` (ids are `[a-z0-9]{6,64}`). */
export function idFor(prefix: string, index: number): string {
	return `${prefix}x${String(index).padStart(6, '0')}`;
}

/** Spawns save-worker.ts (through tsx) with the vault's environment; the caller collects output. */
export function spawnWorker(env: NodeJS.ProcessEnv, args: readonly string[]): ChildProcess {
	return spawn(process.execPath, ['--import', 'tsx', saveWorker, ...args], {
		env,
		cwd: root,
		stdio: ['pipe', 'pipe', 'pipe'],
	});
}

export type Worker = {
	readonly child: ChildProcess;
	/** Everything printed so far. */
	readonly output: () => {stdout: string; stderr: string};
	/** Resolves when stdout holds a line matching `pattern`; rejects on exit or after `timeout` ms. */
	waitFor(pattern: RegExp, timeout?: number): Promise<void>;
	/** Resolves with the exit code and signal, killing the child (SIGKILL) after `timeout` ms. */
	exited(timeout?: number): Promise<{code: number | null; signal: NodeJS.Signals | null}>;
};

/** Wraps a spawned child: collects its output and waits for lines or its end. */
export function watch(child: ChildProcess): Worker {
	let stdout = '';
	let stderr = '';
	const waiters = new Set<() => void>();
	const wake = () => {
		for (const waiter of waiters) {
			waiter();
		}
	};

	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
		wake();
	});
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	child.stdin?.on('error', () => undefined);
	const exit = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
		child.on('close', (code, signal) => {
			resolve({code, signal});
			wake();
		});
	});
	let ended = false;
	void exit.then(() => {
		ended = true;
	});

	return {
		child,
		output: () => ({stdout, stderr}),
		waitFor(pattern, timeout = 60_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					if (pattern.test(stdout)) {
						done();
						resolve();
					} else if (ended || child.exitCode !== null || child.signalCode !== null) {
						done();
						reject(new Error(`child ended before printing ${pattern}:\n${stdout}\n${stderr}`));
					}
				};

				const timer = setTimeout(() => {
					done();
					reject(new Error(`no ${pattern} within ${timeout} ms:\n${stdout}\n${stderr}`));
				}, timeout);
				const done = () => {
					clearTimeout(timer);
					waiters.delete(check);
				};

				waiters.add(check);
				check();
			});
		},
		async exited(timeout = 120_000) {
			const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
			try {
				return await exit;
			} finally {
				clearTimeout(timer);
			}
		},
	};
}

/** A key that `login --with-token` accepts (one line, no spaces or format characters) with 2-, 3- and 4-byte characters. */
export const multibyteKey = `sk-ünï_${'ключ鍵🔑é'.repeat(40)}_end`;
