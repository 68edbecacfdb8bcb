/** The deck's rotation of an API key at its provider: `r` on a key past its rotation age. */
import {rotateKey} from '../services/key-rotate.js';
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
