/**
 * The one temporary vault of the tests: its own HOME, XDG directories and config directory (not yet
 * created: authdeck creates it), with the file backend, the real keychain of scripts/with-keyring.sh
 * or, without a backend, whatever authdeck picks by default. Commands run the built binary
 * (run-binary.ts); `open` gives an in-process context on the same vault.
 *
 *   const vault = await TempVault.create('file');
 *   const result = await vault.run(['status', '--json']);
 *   await vault.cleanup();
 */
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Account, Vault} from '../../source/domain.js';
import type {Context, ContextOptions} from '../../source/store/context.js';
import {sampleLogins, syntheticAccount} from './fixtures.js';
import {secretToolLookup, secretToolSearch} from './keyring.js';
import {builtCli, type RunResult, runCli} from './run-binary.js';

export type BackendName = 'file' | 'keychain';

export type RunOptions = {
	/** Written to stdin, which is then closed. Without it stdin is empty (closed at once). */
	readonly input?: string;
	/** Added to (or, as undefined, removed from) the vault's environment. */
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly cwd?: string;
	/** @default 30_000 */
	readonly timeout?: number;
};

export type TempVaultOptions = {
	/** AUTHDECK_CONFIG_DIR somewhere else (a small tmpfs, a symlink), instead of inside the vault. */
	readonly configDir?: string;
	/** Added to (or, as undefined, removed from) the vault's environment. */
	readonly env?: Readonly<Record<string, string | undefined>>;
};

/** A context on a temporary vault, with the warnings it gave instead of printing them. */
export type TestContext = Context & {readonly warnings: string[]};

/** Variables of the outer environment a child needs to reach the test's D-Bus session. */
const passed = ['PATH', 'LANG', 'LC_ALL', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'TMPDIR'];

export class TempVault {
	/** A fresh, empty vault; `backend` sets AUTHDECK_STORAGE (unset: authdeck's default). */
	static async create(backend?: BackendName, options: TempVaultOptions = {}): Promise<TempVault> {
		return TempVault.createSync(backend, options);
	}

	/** `create` for a hook that must be done when it returns (see hooks.ts). */
	static createSync(backend?: BackendName, options: TempVaultOptions = {}): TempVault {
		const base = fs.mkdtempSync(path.join(os.tmpdir(), `authdeck-${backend ?? 'vault'}-`));
		return new TempVault(base, backend, options);
	}

	/** AUTHDECK_CONFIG_DIR. */
	readonly configDir: string;
	/** The metadata file, `config.json`. */
	readonly configFile: string;
	/** The file backend's `secrets.json`. */
	readonly secretsFile: string;
	readonly home: string;
	readonly xdgConfigHome: string;
	/** XDG_CACHE_HOME: the deck's compiled-code cache (source/lib/code-cache.ts) stays with the vault. */
	readonly xdgCacheHome: string;
	/** A working directory without a `.authdeck` file anywhere above it. */
	readonly cwd: string;
	/** The environment every child of this vault runs with. */
	readonly env: Record<string, string>;

	private constructor(
		/** The temporary directory holding everything above. */
		readonly base: string,
		readonly backend: BackendName | undefined,
		options: TempVaultOptions,
	) {
		this.configDir = options.configDir ?? path.join(base, 'config');
		this.configFile = path.join(this.configDir, 'config.json');
		this.secretsFile = path.join(this.configDir, 'secrets.json');
		this.home = path.join(base, 'home');
		this.xdgConfigHome = path.join(base, 'xdg');
		this.xdgCacheHome = path.join(base, 'cache');
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
			XDG_CACHE_HOME: this.xdgCacheHome,
			AUTHDECK_CONFIG_DIR: this.configDir,
			SHELL: '/bin/bash',
		});
		if (backend) {
			env.AUTHDECK_STORAGE = backend;
		}

		this.env = env;
		this.env = this.childEnv(options.env);
	}

	/** The environment of a child: the vault's, changed by `extra`. */
	childEnv(extra: RunOptions['env'] = {}): Record<string, string> {
		const env: Record<string, string> = {...this.env};
		for (const [name, value] of Object.entries(extra)) {
			if (value === undefined) {
				delete env[name];
			} else {
				env[name] = value;
			}
		}

		return env;
	}

	/** The same vault (same directories, same cleanup) whose children run with `extra` applied. */
	withEnv(extra: RunOptions['env']): TempVault {
		return Object.assign(Object.create(this) as TempVault, {env: this.childEnv(extra)});
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

	/** Runs the CLI to completion; rejects when it outlives `timeout`. */
	async run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
		const timeout = options.timeout ?? 30_000;
		const result = await runCli(args, {
			env: this.childEnv(options.env),
			cwd: options.cwd ?? this.cwd,
			input: options.input,
			timeout,
		});
		if (result.signal === 'SIGKILL' && result.ms >= timeout) {
			throw new Error(`timed out after ${timeout} ms; stderr so far: ${result.stderr}`);
		}

		return result;
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

	/** Runs the CLI and fails unless it exits non-zero. */
	async fail(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
		const result = await this.run(args, options);
		if (result.code === 0 || result.code === null) {
			throw new Error(
				`authdeck ${args.join(' ')} exited ${result.code ?? result.signal}, not an error`,
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

	/** An in-process context on this vault, collecting warnings instead of printing them. */
	async open(options: ContextOptions = {}): Promise<TestContext> {
		// Loaded on first use, so tests that only run the binary do not load the store.
		const {openContext} = await import('../../source/store/context.js');
		const warnings: string[] = [];
		const context = await openContext({
			env: this.env,
			cwd: this.cwd,
			warn: (line) => warnings.push(line),
			...options,
		});
		return Object.assign(context, {warnings});
	}

	/** Adds the sample accounts through the same code as `login --with-token`; the last one is current. */
	async seedSample(): Promise<Account[]> {
		const {loginWithKey} = await import('../../source/services/api-key-login.js');
		const context = await this.open();
		const accounts: Account[] = [];
		for (const login of sampleLogins) {
			accounts.push(await loginWithKey(context, login));
		}

		return accounts;
	}

	/** Writes the metadata file as authdeck would (directory 0700, file 0600). */
	writeVault(data: Vault): void {
		fs.mkdirSync(this.configDir, {recursive: true, mode: 0o700});
		fs.writeFileSync(this.configFile, JSON.stringify(data), {mode: 0o600});
	}

	/** A vault of `count` synthetic accounts written straight to the metadata file (no secrets). */
	async writeManyAccounts(count: number): Promise<void> {
		const {emptyVault} = await import('../../source/domain.js');
		const providers = ['vapi', 'vantage', 'vast', 'api-key'];
		const at = new Date().toISOString();
		const accounts: Account[] = Array.from({length: count}, (_, index) => ({
			...syntheticAccount(index),
			providerId: providers[index % providers.length] as string,
			organizations: [{id: `org_${index}`, name: `Org ${index}`}],
			activeOrgId: `org_${index}`,
			environment: index % 3 === 0 ? 'production' : 'staging',
			method: 'api-key',
			scopes: [],
			refreshable: false,
			secretHint: '****abcd',
			createdAt: at,
			keyCreatedAt: at,
		}));
		this.writeVault({
			...emptyVault,
			accounts,
			active: {},
			current: accounts[0]?.id,
			settings: {...emptyVault.settings, storage: 'file'},
		});
	}

	/**
	 * Sets every account's last use `ms` back: a use is recorded at most once a minute
	 * (services/record-use.ts), so a test that looks for the next one starts from an older one.
	 * Returns the time set.
	 */
	backdateUses(ms = 120_000): string {
		const saved = this.read();
		const earlier = new Date(Date.now() - ms).toISOString();
		const accounts = saved.accounts.map((account) => ({...account, lastUsedAt: earlier}));
		fs.writeFileSync(this.configFile, JSON.stringify({...saved, accounts}), {mode: 0o600});
		return earlier;
	}

	/** The metadata as saved. */
	read(): Vault {
		return JSON.parse(fs.readFileSync(this.configFile, 'utf8')) as Vault;
	}

	/** The metadata as saved, in the few fields most command tests look at. */
	config(): {
		accounts: Array<{id: string; alias: string; providerId: string; email?: string}>;
		active: Record<string, string>;
		current?: string;
		previous?: string;
		settings: Record<string, unknown>;
	} {
		return JSON.parse(fs.readFileSync(this.configFile, 'utf8'));
	}

	/** The entries of `secrets.json` (unencrypted), or {} when there is no file. */
	fileSecrets(): Record<string, string> {
		if (!fs.existsSync(this.secretsFile)) {
			return {};
		}

		const parsed = JSON.parse(fs.readFileSync(this.secretsFile, 'utf8')) as {
			entries?: Record<string, string>;
		};
		if (!parsed.entries) {
			throw new Error(`${this.secretsFile} is encrypted`);
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
		// Without a backend authdeck may pick the keychain, so its items are cleared too.
		if (this.backend !== 'file' && process.env.AUTHDECK_TEST_KEYRING === '1') {
			for (const account of this.readableAccounts()) {
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

	/** The accounts of the metadata, or none when it is missing or a test left it unreadable. */
	private readableAccounts(): Array<{id: string}> {
		try {
			return this.config().accounts ?? [];
		} catch {
			return [];
		}
	}
}
