import type {Account} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import type {Context} from '../../store/context.js';
import {findByQuery} from '../../store/resolve-account.js';
import {currentAccount} from '../../store/selectors.js';

/** Makes an account the active one of its provider and the current one. `-` goes back to the previous one. */
export async function switchAccount(context: Context, query: string): Promise<Account> {
	const at = new Date().toISOString();
	if (query === '-') {
		if (!context.store.getState().vault.previous) {
			throw new UserError('there is no previous account to switch back to');
		}

		await context.store.dispatch({type: 'switched-back', at});
	} else {
		const account = findByQuery(context.store.getState().vault, query);
		await context.store.dispatch({type: 'account-switched', accountId: account.id, at});
	}

	return currentAccount(context.store.getState().vault) as Account;
}
