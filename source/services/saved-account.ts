import type {Account} from '../domain.js';
import type {Context} from '../store/context.js';
import {profileInUse, profileView} from '../store/profiles.js';
import {findAccount} from '../store/selectors.js';

/**
 * The account a sign-in just saved: the store holds the vault as saved, and the account is the
 * current one of the profile it was saved in.
 */
export function savedAccount(context: Context, profile: string | undefined): Account {
	const {vault} = context.store.getState();
	const view = profileView(vault, profile ?? profileInUse(vault));
	return findAccount(vault, view?.current) as Account;
}
