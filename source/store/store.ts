import type {Vault} from '../domain.js';
import type {Action, VaultAction} from './actions.js';
import {isVaultAction} from './actions.js';
import {reducer} from './reducer.js';
import type {State} from './state.js';

export type Listener = () => void;

/** Persists a vault action: replays it on the freshest vault under the lock and returns the vault saved. */
export type Persist = (action: VaultAction) => Promise<Vault>;

/** Side effects run after an action is reduced: I/O that reports back by dispatching again. */
export type Effects = (action: Action, api: StoreApi) => Promise<void> | void;

export type StoreApi = {
	getState(): State;
	dispatch(action: Action): Promise<void>;
};

export type Store = StoreApi & {
	subscribe(listener: Listener): () => void;
	/** Vault actions whose save is under way: a watcher of the file waits for them before it reloads. */
	pending(): number;
};

export type StoreOptions = {
	/** Saves vault actions; without it the vault lives in memory only (tests, fixtures). */
	readonly persist?: Persist;
	readonly effects?: Effects;
	/** Reads the vault as saved, to undo an optimistic change whose save failed. */
	readonly reload?: () => Promise<Vault>;
};

/**
 * A store in the manner of zustand: `getState`, `dispatch`, `subscribe`. Dispatch starts saving a
 * vault action (one that needs no keychain, like a switch, is on disk before dispatch goes on), then
 * reduces at once, so the deck repaints without waiting for the keychain; once saved, the store
 * takes the vault as saved, which includes what other processes changed meanwhile. The returned
 * promise settles when the action is saved and its effects have run, and rejects when it could not
 * be saved (the store then holds the vault as it is on disk).
 */
export function createStore(initial: State, options: StoreOptions = {}): Store {
	let state = initial;
	const listeners = new Set<Listener>();
	const setState = (next: State) => {
		if (next !== state) {
			state = next;
			for (const listener of listeners) {
				listener();
			}
		}
	};

	// Saves run one after another, so a process sees its own actions in order.
	let queue: Promise<unknown> = Promise.resolve();
	let saving = 0;
	const save = (persist: Persist, action: VaultAction): Promise<Vault> => {
		saving++;
		// With no save under way this one starts now, before the listeners (the deck's next frame)
		// run: a save that needs no keychain reaches the disk synchronously (MetadataFile.update).
		const start = async () => persist(action);
		const saved = saving === 1 ? start() : queue.then(start);
		queue = saved
			.catch(() => undefined)
			.finally(() => {
				saving--;
			});
		return saved;
	};

	const api: StoreApi = {
		getState: () => state,
		async dispatch(action) {
			const saved =
				options.persist && isVaultAction(action) ? save(options.persist, action) : undefined;
			const before = state.vault;
			setState(reducer(state, action));
			if (saved) {
				try {
					const vault = await saved;
					setState(reducer(state, {type: 'vault-loaded', vault}));
				} catch (error) {
					const text = error instanceof Error ? error.message : String(error);
					const reloaded = await options.reload?.().catch(() => undefined);
					// A file that cannot be read back (corrupt since the deck opened) still never leaves an
					// unsaved change on screen: the vault goes back to what it was before the action.
					const vault = reloaded ?? (options.reload ? before : undefined);
					setState(
						reducer(vault ? reducer(state, {type: 'vault-loaded', vault}) : state, {
							type: 'notice-shown',
							notice: {
								level: 'error',
								text: reloaded || !options.reload ? text : `cannot save: ${text}`,
							},
						}),
					);
					throw error;
				}
			}

			await options.effects?.(action, api);
		},
	};

	return {
		...api,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		pending: () => saving,
	};
}
