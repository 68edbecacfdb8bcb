/** The deck's effects that change a credential: the edit form's save, and rotate's new secret. */
import {rotateCredential} from '../services/credential-change.js';
import type {Action} from '../store/actions.js';
import type {Context} from '../store/context.js';
import type {DeckIntent} from '../store/state.js';
import {runEdit} from './wizards/credential-edit-form.js';

type Change = Extract<DeckIntent, {type: 'edit-credential' | 'rotate-credential'}>;

const info = (text: string): Action => ({type: 'notice-shown', notice: {level: 'info', text}});

/** Saves the change; a refusal goes back to the open form or prompt, inline. */
export async function changeCredential(
	context: Context,
	intent: Change,
	refuseForm: (error: unknown) => Promise<unknown>,
): Promise<void> {
	const {store} = context;
	const found = store.getState().vault.credentials.find((c) => c.id === intent.credentialId);
	if (!found) {
		await refuseForm(new Error('the credential is gone'));
		return;
	}

	const rotating = intent.type === 'rotate-credential';
	await store.dispatch({
		type: 'busy-changed',
		busy: rotating ? 'rotating the secret' : 'saving the credential',
	});
	try {
		let saved = found;
		if (rotating) {
			await rotateCredential(context, found, intent.secret);
		} else {
			saved = await runEdit(context, found, intent.values);
		}

		await store.dispatch({type: 'overlay-closed'});
		await store.dispatch(
			info(
				rotating
					? `Rotated ${found.name}; the previous secret still verifies for 24h`
					: `Saved ${saved.name}; its secret is unchanged`,
			),
		);
	} catch (error) {
		await refuseForm(error);
	} finally {
		await store.dispatch({type: 'busy-changed', busy: undefined});
	}
}
