/** The deck's `r`: a token refreshed, or an API key past its rotation age rotated at its provider. */
import type {Account} from '../domain.js';
import {rotateKey} from '../services/key-rotate.js';
import type {Action} from '../store/actions.js';
import type {Context} from '../store/context.js';
import {findAccount} from '../store/selectors.js';
import type {DeckIntent} from '../store/state.js';

/**
 * Rotates as `authdeck key rotate` does: the new key created, checked, stored and synced before the
 * old one is deleted. A failure is thrown, for the status line; the old key then stays in use.
 */
export async function rotateAtProvider(
	context: Context,
	intent: Extract<DeckIntent, {type: 'rotate-key'}>,
): Promise<void> {
	const account = findAccount(context.store.getState().vault, intent.accountId);
	if (!account) {
		throw new Error('the account is gone');
	}

	const result = await rotateKey(context, account.id);
	const level = result.oldKeyLeft ? 'warning' : 'info';
	const text = result.oldKeyLeft
		? `${result.alias} now uses its new key ${result.secret}; ${result.oldKeyLeft}`
		: `Rotated ${result.alias}'s key: ${result.secret} is in use, the old key ${result.oldId} is deleted at the provider`;
	await context.store.dispatch({type: 'notice-shown', notice: {level, text}});
}

const info = (text: string): Action => ({type: 'notice-shown', notice: {level: 'info', text}});

/**
 * Refreshes the account's token and says so; an account that has none to refresh says why and what
 * to do instead. `safely` shows the work under way and turns a failure into an error message.
 */
export async function refreshToken(
	context: Context,
	account: Account,
	safely: (busy: string, work: () => Promise<void>) => Promise<void>,
): Promise<void> {
	const {store} = context;
	if (account.method === 'api-key') {
		await store.dispatch(
			info(
				`${account.alias} uses an API key: keys do not expire and cannot be refreshed; to rotate it, run authdeck login --with-token`,
			),
		);
		return;
	}

	if (!account.refreshable) {
		await store.dispatch(
			info(`${account.alias} has no refresh token; sign in again with authdeck login`),
		);
		return;
	}

	await safely(`refreshing ${account.alias}`, async () => {
		// The sign-in code is loaded only when a refresh is asked for.
		const refresh = await import('../services/refresh.js');
		await refresh.refreshAccount(context, account.id);
		await store.dispatch(info(`Refreshed ${account.alias}'s token`));
	});
}
