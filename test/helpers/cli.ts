/**
 * Runs the built binary (`dist/authdeck.cjs`, which hands commands to `dist/cli.js`) against a
 * throwaway vault, with the file backend or the real keychain of scripts/with-keyring.sh.
 *
 *   const vault = await TempVault.create('file');
 *   const result = await vault.run(['status', '--json']);
 *   await vault.cleanup();
 *
 * `npm test` builds first; run `npm run build` before running a command test on its own. Each test
 * process runs its own copy of that build (see `builtCli`).
 */
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe} from 'node:test';
import {fileURLToPath} from 'node:url';
import {keyringSkipReason, secretToolLookup, secretToolSearch} from './keyring.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The `authdeck` command as installed (package.json `bin`). */
export const cliPath = path.join(root, 'dist', 'authdeck.cjs');

export type BackendName = 'file' | 'keychain';

export type RunResult = {
	/** The exit code, or null when the process died of a signal. */
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly stdout: string;
	readonly stderr: string;
};

export type RunOptions = {
	/** Written to stdin, which is then closed. Without it stdin is empty (closed at once). */
	readonly input?: string;
	/** Added to (or, as undefined, removed from) the vault's environment. */
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly cwd?: string;
	/** @default 30_000 */
	readonly timeout?: number;
};

/** Every secret a test plants, so that no two tests can mistake each other's keys. */
export function plantedKey(prefix = 'sk-prod_'): string {
	return `${prefix}${crypto.randomBytes(18).toString('hex')}`;
}

/** Variables of the outer environment a child needs to reach the test's D-Bus session. */
const passed = ['PATH', 'LANG', 'LC_ALL', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'TMPDIR'];

export class TempVault {
	/** A fresh, empty vault with its own HOME, XDG_CONFIG_HOME and config directory. */
	static async create(backend: BackendName): Promise<TempVault> {
		const base = await fs.promises.mkdtemp(path.join(os.tmpdir(), `authdeck-${backend}-`));
		return new TempVault(base, backend);
	}

	readonly configDir: string;
	readonly home: string;
	readonly xdgConfigHome: string;
	/** A working directory without a `.authdeck` file anywhere above it. */
	readonly cwd: string;
	readonly env: Record<string, string>;

	private constructor(
		readonly base: string,
		readonly backend: BackendName,
	) {
		this.configDir = path.join(base, 'config');
		this.home = path.join(base, 'home');
		this.xdgConfigHome = path.join(base, 'xdg');
		this.cwd = path.join(base, 'work');
		for (const dir of [this.home, this.xdgConfigHome, this.cwd]) {
			fs.mkdirSync(dir, {recursive: true});
		}

		const env: Record<string, string> = {};
		for (const name of passed) {
			const value = process.env[name];
			if (value !== undefined) {
				env[name] = value;
			}
		}

		Object.assign(env, {
			HOME: this.home,
			XDG_CONFIG_HOME: this.xdgConfigHome,
			AUTHDECK_CONFIG_DIR: this.configDir,
			AUTHDECK_STORAGE: backend,
			SHELL: '/bin/bash',
		});
		this.env = env;
	}

	/** The environment of a child: the vault's, changed by `extra`. */
	childEnv(extra: RunOptions['env'] = {}): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {...this.env};
		for (const [name, value] of Object.entries(extra)) {
			if (value === undefined) {
				delete env[name];
			} else {
				env[name] = value;
			}
		}

		return env;
	}

	/** Starts the built CLI with stdin, stdout and stderr as pipes. */
	async spawn(
		args: readonly string[],
		options: Omit<RunOptions, 'input'> = {},
	): Promise<ChildProcess> {
		return spawn(process.execPath, [await builtCli(), ...args], {
			cwd: options.cwd ?? this.cwd,
			env: this.childEnv(options.env),
			stdio: ['pipe', 'pipe', 'pipe'],
		});
	}

	/** Runs the CLI to completion. */
	async run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
		return finish(await this.spawn(args, options), options.input ?? '', options.timeout ?? 30_000);
	}

	/** Runs the CLI and fails with its stderr unless it exits 0. */
	async ok(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
		const result = await this.run(args, options);
		if (result.code !== 0) {
			throw new Error(
				`authdeck ${args.join(' ')} exited ${result.code ?? result.signal}: ${result.stderr}`,
			);
		}

		return result;
	}

	/** `login --with-token` with the key on stdin; returns the account as `--json` prints it. */
	async login(
		key: string,
		args: readonly string[],
		options: RunOptions = {},
	): Promise<{id: string; alias: string; [field: string]: unknown}> {
		const result = await this.ok(['login', '--with-token', '--json', ...args], {
			...options,
			input: key,
		});
		return JSON.parse(result.stdout) as {id: string; alias: string};
	}

	/** The metadata as saved. */
	config(): {
		accounts: Array<{id: string; alias: string; providerId: string; email?: string}>;
		active: Record<string, string>;
		current?: string;
		previous?: string;
		settings: Record<string, unknown>;
	} {
		return JSON.parse(fs.readFileSync(path.join(this.configDir, 'config.json'), 'utf8'));
	}

	/** The entries of `secrets.json` (unencrypted), or {} when there is no file. */
	fileSecrets(): Record<string, string> {
		const file = path.join(this.configDir, 'secrets.json');
		if (!fs.existsSync(file)) {
			return {};
		}

		const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as {entries?: Record<string, string>};
		if (!parsed.entries) {
			throw new Error(`${file} is encrypted`);
		}

		return parsed.entries;
	}

	/** What the Secret Service holds for authdeck (empty outside with-keyring). */
	keychainListing(): string {
		return this.backend === 'keychain' ? secretToolSearch() : '';
	}

	/** The secret stored for an account in this vault's backend, read without authdeck. */
	storedSecret(accountId: string): string | undefined {
		const key = `account:${accountId}`;
		if (this.backend === 'file') {
			return this.fileSecrets()[key];
		}

		// Throws on anything but found / not found, so a broken D-Bus cannot pass for "deleted".
		return secretToolLookup({service: 'authdeck', account: key});
	}

	/** Every file under a directory (default: the config directory) with its content. */
	files(dir = this.configDir): Array<{file: string; content: Buffer}> {
		if (!fs.existsSync(dir)) {
			return [];
		}

		return fs
			.readdirSync(dir, {recursive: true, withFileTypes: true})
			.filter((entry) => entry.isFile())
			.map((entry) => {
				const file = path.join(entry.parentPath, entry.name);
				return {file, content: fs.readFileSync(file)};
			});
	}

	/** Files under the config directory, or the whole temp tree, that contain `needle`. */
	filesContaining(needle: string, dir = this.configDir): string[] {
		return this.files(dir)
			.filter(({content}) => content.includes(needle))
			.map(({file}) => path.relative(this.base, file));
	}

	/** Removes the vault's keychain items (by the ids in its metadata) and its directories. */
	async cleanup(): Promise<void> {
		if (this.backend === 'keychain' && fs.existsSync(path.join(this.configDir, 'config.json'))) {
			for (const account of this.config().accounts) {
				// Exits non-zero when there is nothing to clear, which is fine here.
				spawnSync(
					'secret-tool',
					['clear', 'service', 'authdeck', 'account', `account:${account.id}`],
					{
						timeout: 10_000,
					},
				);
			}
		}

		await fs.promises.rm(this.base, {recursive: true, force: true});
	}
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
			const commands = fs.readFileSync(path.join(target, 'cli.js'), 'utf8');
			const chunks = commands.match(/\.\/chunks\/[\w.-]+\.js/g) ?? [];
			const parts = [
				cli,
				path.join(target, 'deck.cjs'),
				...chunks.map((c) => path.join(target, c)),
			];
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

function finish(child: ChildProcess, input: string, timeout: number): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		let stdout = '';
		let stderr = '';
		child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`timed out after ${timeout} ms; stderr so far: ${stderr}`));
		}, timeout);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout, stderr});
		});
		// A command that never reads stdin may exit before the write lands.
		child.stdin?.on('error', () => undefined);
		child.stdin?.end(input);
	});
}

export type BackendCase = {readonly name: BackendName; readonly skip: string | undefined};

/** Both backends; the keychain is skipped with a reason outside with-keyring (never under CI). */
export function backendCases(): BackendCase[] {
	return [
		{name: 'file', skip: undefined},
		{name: 'keychain', skip: keyringSkipReason()},
	];
}

/** Declares the same suite once per backend, each under `describe('<title> [<backend>]')`. */
export function describeBackends(title: string, suite: (backend: BackendName) => void): void {
	for (const {name, skip} of backendCases()) {
		describe(`${title} [${name} backend]`, {skip}, () => {
			suite(name);
		});
	}
}

export type Seeded = {
	readonly prod: {id: string; alias: string};
	readonly client: {id: string; alias: string};
	readonly prodKey: string;
	readonly clientKey: string;
};

/**
 * The accounts of the example: `prod` (john@company.com, Acme Corp) and `client-a`
 * (jane@agency.com, ClientCo, staging), both vapi. client-a is logged in last, so it is the active
 * vapi account and the current one, and prod is the previous one.
 */
export async function seedAccounts(vault: TempVault): Promise<Seeded> {
	const prodKey = `${plantedKey('sk-prod_')}efgh`;
	const clientKey = plantedKey('sk-client_');
	const prod = await vault.login(prodKey, [
		'--provider',
		'vapi',
		'--alias',
		'prod',
		'--email',
		'john@company.com',
		'--org-name',
		'Acme Corp',
		'--org-id',
		'org_abc123',
	]);
	const client = await vault.login(clientKey, [
		'--provider',
		'vapi',
		'--alias',
		'client-a',
		'--email',
		'jane@agency.com',
		'--org-name',
		'ClientCo',
		'--org-id',
		'org_xyz789',
		'--environment',
		'staging',
	]);
	return {prod, client, prodKey, clientKey};
}

/**
 * A fresh vault with the accounts of `seedAccounts` for every test of the calling suite, removed
 * after it: `use` gets each one before its test runs.
 *
 *   let vault: TempVault;
 *   let seeded: Seeded;
 *   useSeededVault(backend, (fresh) => {
 *     ({vault, seeded} = fresh);
 *   });
 */
export function useSeededVault(
	backend: BackendName,
	use: (fresh: {vault: TempVault; seeded: Seeded}) => void,
): void {
	let vault: TempVault | undefined;
	beforeEach(async () => {
		vault = await TempVault.create(backend);
		use({vault, seeded: await seedAccounts(vault)});
	});
	afterEach(async () => {
		await vault?.cleanup();
	});
}

/** Asserts a failed run: non-zero, nothing on stdout, exactly one line on stderr; returns that line. */
export function oneErrorLine(result: RunResult): string {
	if (result.code === 0 || result.code === null) {
		throw new Error(
			`expected a non-zero exit, got ${result.code ?? result.signal}: ${result.stdout}`,
		);
	}

	const lines = result.stderr.split('\n').filter((line) => line !== '');
	if (lines.length !== 1 || !lines[0]?.startsWith('authdeck: ') || result.stdout !== '') {
		throw new Error(
			`expected one "authdeck: ..." line on stderr and no stdout, got stderr ${JSON.stringify(result.stderr)} stdout ${JSON.stringify(result.stdout)}`,
		);
	}

	return lines[0];
}
