import {messageOf, UserError} from '../lib/errors.js';
import {readCredentialSecret} from '../services/credentials.js';
import {logoutAccount} from '../services/logout.js';
import type {Action} from '../store/actions.js';
import type {Context} from '../store/context.js';
import {findAccount} from '../store/selectors.js';
import type {DeckIntent, FormError, Overlay} from '../store/state.js';
import type {Effects, StoreApi} from '../store/store.js';
import {checkVaultAction} from '../store/vault-checks.js';
import {primarySecret, readAccountSecret} from '../vault/read-secret.js';
import {afterShown, announce, infoFadeMs} from './announce.js';
import {catalogSetUp, sharedSignIn} from './catalog-effects.js';
import {changeCredential} from './credential-effects.js';
import {refreshToken, rotateAtProvider} from './key-effects.js';
import {findMethod} from './wizards/account-wizard.js';
import {runCredential} from './wizards/credential-wizard.js';

/** The deck's effects, to hand to `openContext`, and a way to stop their timers when the deck closes. */
export type DeckEffects = {
	readonly effects: (context: Context) => Effects;
	readonly dispose: () => void;
};

const info = (text: string): Action => ({type: 'notice-shown', notice: {level: 'info', text}});
const failure = (text: string): Action => ({type: 'notice-shown', notice: {level: 'error', text}});

/**
 * The deck's effects: intents from keys become I/O (secret store, revocation, validation against the
 * vault) that reports back by dispatching. They run through the same hook as every command's
 * effects (`openContext`'s `effects`), after the action is reduced and saved.
 */
export function createDeckEffects(): DeckEffects {
	const timers = new Set<NodeJS.Timeout>();
	const later = (ms: number, run: () => void) => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			run();
		}, ms);
		timer.unref();
		timers.add(timer);
	};

	return {
		effects: (context) => {
			const perform = performer(context, later);
			return async (action, api) => {
				if (action.type === 'intent-requested') {
					await perform(action.intent);
					return;
				}

				if (action.type === 'notice-shown' && action.notice.level === 'info') {
					// The same notice object still shown: no newer message replaced it meanwhile.
					later(infoFadeMs, () => {
						if (api.getState().ui.notice === action.notice) {
							api.dispatch({type: 'notice-cleared'}).catch(() => undefined);
						}
					});
					return;
				}

				const notice = announce(action, api.getState());
				const shown = api.getState().ui.notice;
				if (notice) {
					// A key clears the last message first: a warning shown now came with this change (a
					// key file that could not be synced); it stays first, what was done after it.
					await api.dispatch({type: 'notice-shown', notice: afterShown(shown, notice)});
				}
			};
		},
		dispose() {
			for (const timer of timers) {
				clearTimeout(timer);
			}

			timers.clear();
		},
	};
}

/** What each intent does, for one context. */
function performer(context: Context, later: (ms: number, run: () => void) => void) {
	const api: StoreApi = context.store;
	const safely = async (busy: string, work: () => Promise<void>) => {
		await api.dispatch({type: 'busy-changed', busy});
		try {
			await work();
		} catch (error) {
			await api.dispatch(failure(messageOf(error)));
		} finally {
			await api.dispatch({type: 'busy-changed', busy: undefined});
		}
	};

	// The form returns to the field the error names (`UserError.field`) unless the caller knows it.
	const refuseForm = (error: unknown, field?: string) => {
		const text = messageOf(error);
		const formError: FormError = {
			text,
			field: field ?? (error instanceof UserError ? error.field : undefined),
		};
		return api.dispatch({type: 'form-failed', error: formError});
	};

	const reveal = async (label: string, secret: string | undefined) => {
		if (secret === undefined) {
			await api.dispatch(failure(`no secret is stored for ${label}`));
			return;
		}

		const seconds = api.getState().vault.settings.revealTimeout;
		const overlay: Overlay = {kind: 'reveal', label, secret, until: Date.now() + seconds * 1000};
		await api.dispatch({type: 'overlay-opened', overlay});
		// Re-masked after the timeout unless a key closed it first (then the overlay is another object).
		later(seconds * 1000, () => {
			if (api.getState().ui.overlay === overlay) {
				api.dispatch({type: 'overlay-closed'}).catch(() => undefined);
			}
		});
	};

	async function perform(intent: DeckIntent): Promise<void> {
		const {vault} = api.getState();
		switch (intent.type) {
			case 'reveal-account': {
				const account = findAccount(vault, intent.accountId);
				if (account) {
					await safely('reading the secret', async () =>
						reveal(account.alias, primarySecret(await readAccountSecret(context, account.id))),
					);
				}

				return;
			}

			case 'reveal-credential': {
				const credential = vault.credentials.find((c) => c.id === intent.credentialId);
				if (credential) {
					await safely('reading the secret', async () =>
						reveal(credential.name, await readCredentialSecret(context, credential.id)),
					);
				}

				return;
			}

			case 'remove-account': {
				const account = findAccount(vault, intent.accountId);
				if (account) {
					await safely(`removing ${account.alias}`, async () => {
						const {warnings} = await logoutAccount(context, account);
						const done = `Removed ${account.alias} and its secrets`;
						// Removed all the same: the warnings say what could not be done on the way.
						await api.dispatch(
							warnings.length > 0
								? {
										type: 'notice-shown',
										notice: {level: 'warning', text: `${done}; ${warnings.join('; ')}`},
									}
								: info(done),
						);
					});
				}

				return;
			}

			case 'remove-credential': {
				const name = vault.credentials.find((c) => c.id === intent.credentialId)?.name;
				await safely('removing the credential', async () => {
					await api.dispatch({type: 'credential-removed', credentialId: intent.credentialId});
					await api.dispatch(
						info(`Removed credential ${name ?? intent.credentialId} and its secret`),
					);
				});
				return;
			}

			case 'refresh-account': {
				const account = findAccount(vault, intent.accountId);
				if (account) {
					await refreshToken(context, account, safely);
				}

				return;
			}

			case 'rename-account': {
				const alias = intent.alias.trim();
				const action = {type: 'account-renamed', accountId: intent.accountId, alias} as const;
				const problem = checkVaultAction(vault, action);
				if (problem) {
					await refuseForm(problem, 'alias');
					return;
				}

				const before = findAccount(vault, intent.accountId)?.alias;
				await api.dispatch({type: 'overlay-closed'});
				// A save that fails says so itself (the store's error notice); only a saved one is announced.
				const saved = await api.dispatch(action).then(
					() => true,
					() => false,
				);
				if (saved && before !== alias) {
					await api.dispatch(info(`Renamed ${before ?? 'the account'} to ${alias}`));
				}

				return;
			}

			case 'add-account': {
				const method = findMethod(intent.methodId);
				if (!method) {
					await refuseForm(`unknown sign-in method ${intent.methodId}`, 'method');
					return;
				}

				await api.dispatch({type: 'busy-changed', busy: 'saving the account'});
				// Closing the wizard (esc) cancels a sign-in that waits for the browser or a device code.
				const cancel = new AbortController();
				const unsubscribe = context.store.subscribe(() => {
					if (api.getState().ui.overlay?.kind !== 'wizard') {
						cancel.abort();
					}
				});
				try {
					const account = await method
						.run(context, intent.values, {
							signal: cancel.signal,
							say: (busy) => api.dispatch({type: 'busy-changed', busy}).catch(() => undefined),
							prompt: (prompt) =>
								api.dispatch({type: 'sign-in-prompted', prompt}).catch(() => undefined),
						})
						.finally(unsubscribe);
					if (intent.values.protected === 'true') {
						await api.dispatch({type: 'account-protected', accountId: account.id, protected: true});
					}

					await api.dispatch({type: 'overlay-closed'});
					await api.dispatch({type: 'account-selected', accountId: account.id});
					const done = `Added ${account.alias}; it is now the current account`;
					const setUp = intent.fromCatalog
						? await catalogSetUp(context, intent.fromCatalog, account, done)
						: undefined;
					await api.dispatch(setUp ?? info(done));
				} catch (error) {
					await (cancel.signal.aborted
						? api.dispatch(info('Sign-in cancelled'))
						: refuseForm(error));
				} finally {
					await api.dispatch({type: 'busy-changed', busy: undefined});
				}

				return;
			}

			case 'catalog-shared-sign-in': {
				await sharedSignIn(context, intent);
				return;
			}

			case 'rotate-key': {
				await safely('rotating the key at the provider', () => rotateAtProvider(context, intent));
				return;
			}

			case 'edit-credential':
			case 'rotate-credential': {
				await changeCredential(context, intent, refuseForm);
				return;
			}

			case 'add-credential': {
				await api.dispatch({type: 'busy-changed', busy: 'saving the credential'});
				try {
					const credential = await runCredential(context, intent.accountId, intent.values);
					await api.dispatch({type: 'overlay-closed'});
					await api.dispatch(info(`Added credential ${credential.name}`));
				} catch (error) {
					await refuseForm(error);
				} finally {
					await api.dispatch({type: 'busy-changed', busy: undefined});
				}
			}
		}
	}

	return perform;
}
