import {messageOf} from '../lib/errors.js';
import type {Context} from '../store/context.js';
import {sameVault} from '../vault/same-vault.js';
import {watchMetadata} from '../vault/watcher.js';
import {afterShown, announceOutside} from './announce.js';

/**
 * Keeps the deck's store in step with the metadata file while the deck is open: a change another
 * process made is loaded and said in the status line (`switched to prod from another shell`), a file
 * that became unreadable is said there too. The deck's own saves are not news: the watcher waits
 * while one is under way, and what it then reads is what the store holds, so nothing is said twice.
 * Returns a function that stops following.
 */
export function followVault(context: Context): () => void {
	const {store} = context;
	return watchMetadata(context.metadata, {
		busy: () => store.pending() > 0,
		changed(vault) {
			const before = store.getState().vault;
			if (sameVault(vault, before)) return;
			const notice = announceOutside(before, vault);
			store
				.dispatch({type: 'vault-loaded', vault})
				.then(() => {
					if (!notice) return;
					return store.dispatch({
						type: 'notice-shown',
						notice: afterShown(store.getState().ui.notice, notice),
					});
				})
				.catch(() => undefined);
		},
		failed(error) {
			store
				.dispatch({type: 'notice-shown', notice: {level: 'error', text: messageOf(error)}})
				.catch(() => undefined);
		},
	});
}
