import fs from 'node:fs';
import {messageOf} from '../lib/errors.js';
import {readCredentialSecret} from '../services/credentials.js';
import {logoutAccount} from '../services/logout.js';
import type {Action} from '../store/actions.js';
import {isVaultAction} from '../store/actions.js';
import type {Context} from '../store/context.js';
import {checkVaultAction} from '../store/reducer.js';
import {findAccount} from '../store/selectors.js';
import type {Account, DeckIntent, FormError, Overlay, Vault} from '../store/state.js';
import type {Store, StoreApi} from '../store/store.js';
import {primarySecret, readAccountSecret} from '../vault/read-secret.js';
import {findMethod, runCredential} from './wizards/methods.js';

/** The deck's store: the context's store plus the deck's effects, and a way to stop its timers. */
export type DeckStore = Store & {
	/** Vault actions dispatched and not yet saved; the watcher waits for them. */
	readonly pending: () => number;
	readonly dispose: () => void;
};

const info = (text: string): Action => ({type: 'notice-shown', notice: {level: 'info', text}});
const failure = (text: string): Action => ({type: 'notice-shown', notice: {level: 'error', text}});

/** Which field of a form an error message is about, so the form can return to it. */
export function fieldOf(message: string): string | undefined {
	const fields: Array<[RegExp, string]> = [
		[/alias/i, 'alias'],
		[/email/i, 'email'],
		[/organi[sz]ation/i, 'orgName'],
		[/header/i, 'headerName'],
		[/token url/i, 'tokenUrl'],
		[/client id/i, 'clientId'],
		[/named|name/i, 'name'],
		[/key|secret|stdin/i, 'apiKey'],
	];
	return fields.find(([pattern]) => pattern.test(message))?.[1];
}

/**
 * Wraps the context's store with the deck's effects: intents from keys become I/O (secret store,
 * revocation, validation against the vault) that reports back by dispatching.
 */
export function createDeckStore(context: Context): DeckStore {
	const base = context.store;
	const timers = new Set<NodeJS.Timeout>();
	let pending = 0;

	const later = (ms: number, run: () => void) => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			run();
		}, ms);
		timer.unref();
		timers.add(timer);
	};

	const api: StoreApi = {
		getState: base.getState,
		async dispatch(action) {
			const vault = isVaultAction(action);
			if (vault) pending++;
			try {
				await base.dispatch(action);
			} finally {
				if (vault) pending--;
			}

			if (action.type === 'intent-requested') {
				await perform(action.intent);
			}
		},
	};

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

	const refuseForm = (error: unknown, field?: string) => {
		const text = messageOf(error);
		const formError: FormError = {text, field: field ?? fieldOf(text)};
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
						await api.dispatch(
							warnings.length > 0
								? {type: 'notice-shown', notice: {level: 'warning', text: warnings.join('; ')}}
								: info(`Removed ${account.alias} and its secrets`),
						);
					});
				}

				return;
			}

			case 'remove-credential': {
				await safely('removing the credential', async () => {
					await api.dispatch({type: 'credential-removed', credentialId: intent.credentialId});
					await api.dispatch(info('Removed the credential and its secret'));
				});
				return;
			}

			case 'refresh-account': {
				const account = findAccount(vault, intent.accountId);
				if (account) {
					await refresh(account);
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

				await api.dispatch({type: 'overlay-closed'});
				await api.dispatch(action).catch(() => undefined);
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
				const unsubscribe = base.subscribe(() => {
					if (api.getState().ui.overlay?.kind !== 'wizard') {
						cancel.abort();
					}
				});
				try {
					const account = await method
						.run(context, intent.values, {
							signal: cancel.signal,
							say: (line) => {
								api.dispatch({type: 'busy-changed', busy: line}).catch(() => undefined);
							},
						})
						.finally(unsubscribe);
					await api.dispatch({type: 'overlay-closed'});
					await api.dispatch({type: 'account-selected', accountId: account.id});
					await api.dispatch(info(`Added ${account.alias}; it is now the current account`));
				} catch (error) {
					await (cancel.signal.aborted
						? api.dispatch(info('Sign-in cancelled'))
						: refuseForm(error));
				} finally {
					await api.dispatch({type: 'busy-changed', busy: undefined});
				}

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

	async function refresh(account: Account): Promise<void> {
		if (account.method === 'api-key') {
			await api.dispatch(
				info(
					`${account.alias} uses an API key: keys do not expire and cannot be refreshed; to rotate it, run authdeck login --with-token`,
				),
			);
			return;
		}

		if (!account.refreshable) {
			await api.dispatch(
				info(`${account.alias} has no refresh token; sign in again with authdeck login`),
			);
			return;
		}

		await safely(`refreshing ${account.alias}`, async () => {
			await refreshAccount(context, account);
			await api.dispatch(info(`Refreshed ${account.alias}`));
		});
	}

	return {
		...api,
		subscribe: base.subscribe,
		pending: () => pending,
		dispose() {
			for (const timer of timers) {
				clearTimeout(timer);
			}

			timers.clear();
		},
	};
}

/** Refreshes through the sign-in code, loaded only when a refresh is asked for. */
async function refreshAccount(context: Context, account: Account): Promise<void> {
	const refresh = await import('../services/refresh.js');
	await refresh.refreshAccount(context, account.id);
}

/**
 * Reloads the vault when another process changes the metadata file (a `switch` or `login` in
 * another shell): `fs.watch` on the directory answers at once; a 1 s poll of the file's mtime covers
 * file systems where watching does not work. Returns a function that stops watching.
 */
export function watchVault(context: Context, store: DeckStore): () => void {
	const file = context.paths.config;
	let last = signature(file);
	let timer: NodeJS.Timeout | undefined;

	const check = () => {
		timer = undefined;
		if (store.pending() > 0) {
			// Our own save is under way; look again once it is done.
			schedule(100);
			return;
		}

		const now = signature(file);
		if (now === last) {
			return;
		}

		last = now;
		let vault: Vault;
		try {
			vault = context.metadata.read();
		} catch (error) {
			store.dispatch(failure(messageOf(error))).catch(() => undefined);
			return;
		}

		if (JSON.stringify(vault) !== JSON.stringify(store.getState().vault)) {
			store.dispatch({type: 'vault-loaded', vault}).catch(() => undefined);
		}
	};

	const schedule = (ms: number) => {
		if (!timer) {
			timer = setTimeout(check, ms);
			timer.unref();
		}
	};

	let watcher: fs.FSWatcher | undefined;
	try {
		watcher = fs.watch(context.paths.dir, {persistent: false}, () => schedule(30));
		watcher.on('error', () => undefined);
	} catch {
		// The poll below still notices changes.
	}

	const poll = setInterval(() => schedule(0), 1000);
	poll.unref();
	return () => {
		watcher?.close();
		clearInterval(poll);
		if (timer) clearTimeout(timer);
	};
}

function signature(file: string): string {
	try {
		const stat = fs.statSync(file);
		return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
	} catch {
		return 'missing';
	}
}
