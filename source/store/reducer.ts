import type {Action} from './actions.js';
import {isVaultAction} from './actions.js';
import type {State} from './state.js';
import {uiReducer} from './ui-reducer.js';
import {vaultReducer} from './vault-reducer.js';

/** The one reducer: state and action in, new state out. No I/O, no clock, no randomness. */
export function reducer(state: State, action: Action): State {
	if (isVaultAction(action)) {
		const vault = vaultReducer(state.vault, action);
		return vault === state.vault ? state : {...state, vault};
	}

	return uiReducer(state, action);
}
