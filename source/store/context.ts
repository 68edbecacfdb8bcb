import type {StorageKind} from '../domain.js';
import {sanitize} from '../lib/sanitize.js';
import {writeOut} from '../lib/write-out.js';
import type {Backend} from '../vault/backend.js';
import {chooseBackend, requestedStorage} from '../vault/backend.js';
import {checkStamps} from '../vault/check-stamp.js';
import {MetadataFile, type Written} from '../vault/metadata.js';
import type {VaultPaths} from '../vault/paths.js';
import {vaultPaths} from '../vault/paths.js';
import {recoverAtStart} from '../vault/recover.js';
import {createPersist} from './persist.js';
import type {State} from './state.js';
import {initialUi} from './state.js';
import type {Effects, Store} from './store.js';
import {createStore} from './store.js';
import {syncProviderFileEffects} from './sync-provider-file.js';

/** The shared flags of the command being run (`--account`, `--org`, `--profile`), if given. */
export type ChoiceFlags = {
	readonly account?: string;
	readonly org?: string;
	readonly profile?: string;
};

/** Everything a command or the deck needs: the one store, the files behind it, the secret backend. */
export type Context = {
	readonly env: NodeJS.ProcessEnv;
	readonly cwd: string;
	/** The command's `--account`, `--org` and `--profile`; empty in the deck. */
	readonly flags: ChoiceFlags;
	readonly paths: VaultPaths;
	readonly metadata: MetadataFile;
	readonly store: Store;
	/** Opens the secret backend on first use; later calls get the same one. */
	readonly backend: () => Promise<Backend>;
	/** Prints one line on stderr (warnings). */
	readonly warn: (line: string) => void;
};

export type ContextOptions = {
	readonly env?: NodeJS.ProcessEnv;
	readonly cwd?: string;
	readonly flags?: ChoiceFlags;
	readonly warn?: (line: string) => void;
	/**
	 * What is told of each metadata write, made for this context's environment and folder: the
	 * command line and the deck keep the answers of the prompt and the completion the shell runs
	 * next (services/lookup-answers.ts), so that they need not read the file.
	 */
	readonly written?: (env: NodeJS.ProcessEnv, cwd: string) => Written;
	/** Effects of the deck, built once the context exists (they use its backend and metadata). */
	readonly effects?: (context: Context) => Effects;
};

/** Opens the vault: reads the metadata, works out the storage backend and builds the store over both. */
export async function openContext(options: ContextOptions = {}): Promise<Context> {
	const env = options.env ?? process.env;
	// Warnings quote outside text (paths, server messages, names from argv): sanitised like errors.
	const warn = options.warn ?? ((line: string) => writeOut(`${sanitize(line, 1000)}\n`, 2));
	const paths = vaultPaths(env);
	const cwd = options.cwd ?? process.cwd();
	const metadata = new MetadataFile(paths, warn, options.written?.(env, cwd), checkStamps(env));
	// A save or a storage move killed midway is finished or undone before anything reads the vault.
	// Without a journal this is one stat (~10 µs), so `status` stays as cheap as before.
	await recoverAtStart(metadata, paths, env, warn);
	const vault = metadata.read();

	let opening: Promise<Backend> | undefined;
	const backend = () => {
		opening ??= chooseBackend(metadata.read(), paths, env, warn);
		return opening;
	};

	// The backend's name is known without touching the keychain, except on a vault that never chose one.
	const requested = requestedStorage(vault, env);
	const storage: StorageKind = requested?.kind ?? (await backend()).store.kind;
	const initial: State = {
		vault,
		ui: {...initialUi, selectedAccountId: vault.current},
		storage,
		storageWarning: storage === 'file' ? fileWarning(env) : undefined,
	};
	let effects: Effects | undefined;
	const store = createStore(initial, {
		persist: createPersist({metadata, backend, warn}),
		reload: async () => metadata.read(),
		async effects(action, api) {
			await core?.(action, api);
			await effects?.(action, api);
		},
	});
	const context: Context = {
		env,
		cwd,
		flags: options.flags ?? {},
		paths,
		metadata,
		store,
		backend,
		warn,
	};
	const core = syncProviderFileEffects(context);
	effects = options.effects?.(context);
	return context;
}

function fileWarning(env: NodeJS.ProcessEnv): string {
	return env.AUTHDECK_PASSPHRASE
		? 'file storage (encrypted)'
		: 'file storage: secrets are NOT encrypted';
}
