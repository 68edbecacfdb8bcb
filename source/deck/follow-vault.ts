import {messageOf} from '../lib/errors.js';
import type {Context} from '../store/context.js';
import {watchMetadata} from '../vault/watcher.js';

/**
 * Keeps the deck's store in step with the metadata file while the deck is open: a change another
 * process made is loaded, a file that became unreadable is said in the status line. Returns a
 * function that stops following.
 */
export function followVault(context: Context): () => void {
	const {store} = context;
	return watchMetadata(context.metadata, {
		busy: () => store.pending() > 0,
		changed(vault) {
			if (JSON.stringify(vault) !== JSON.stringify(store.getState().vault)) {
				store.dispatch({type: 'vault-loaded', vault}).catch(() => undefined);
			}
		},
		failed(error) {
			store
				.dispatch({type: 'notice-shown', notice: {level: 'error', text: messageOf(error)}})
				.catch(() => undefined);
		},
	});
}
