import type {Action} from './actions.js';
import {isVaultAction} from './actions.js';
import {selectedAccount, visibleAccounts} from './selectors.js';
import type {State} from './state.js';
import {uiReducer} from './ui-reducer.js';
import {vaultReducer} from './vault-reducer.js';

/** The one reducer: state and action in, new state out. No I/O, no clock, no randomness. */
export function reducer(state: State, action: Action): State {
	if (isVaultAction(action)) {
		const vault = vaultReducer(state.vault, action);
		if (vault === state.vault) return state;
		return {...state, vault, ui: afterRemoval(state, action)};
	}

	return uiReducer(state, action);
}

/**
 * The selection after a removal: the row below the removed one, else the one above, as in a file
 * manager; not the top of a long list. If the removal is not saved, the vault as loaded again
 * still holds the account, and `vault-loaded` selects it again.
 */
function afterRemoval(state: State, action: Action): State['ui'] {
	if (action.type !== 'account-removed' || selectedAccount(state)?.id !== action.accountId) {
		return state.ui;
	}

	const visible = visibleAccounts(state);
	const index = visible.findIndex((account) => account.id === action.accountId);
	const neighbour = visible[index + 1] ?? visible[index - 1];
	return {...state.ui, selectedAccountId: neighbour?.id, removing: action.accountId};
}
