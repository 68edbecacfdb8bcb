import {createContext, useCallback, useContext, useSyncExternalStore} from 'react';
import type {Action} from './actions.js';
import type {State} from './state.js';
import type {Store} from './store.js';

/** The store is handed down by context, so a test can inject one built on a fixture state. */
export const StoreContext = createContext<Store | undefined>(undefined);

export function useStoreApi(): Store {
	const store = useContext(StoreContext);
	if (!store) {
		throw new Error('useStore must be used inside <StoreContext.Provider>');
	}

	return store;
}

/** Reads a slice of the state; the component re-renders only when that slice changes. */
export function useStore<T>(selector: (state: State) => T): T {
	const store = useStoreApi();
	return useSyncExternalStore(
		store.subscribe,
		() => selector(store.getState()),
		() => selector(store.getState()),
	);
}

export function useDispatch(): (action: Action) => void {
	const store = useStoreApi();
	return useCallback(
		(action: Action) => {
			// The deck does not wait: failures come back as notices from the effects.
			store.dispatch(action).catch(() => undefined);
		},
		[store],
	);
}
