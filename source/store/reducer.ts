import {findProvider} from '../auth/providers.js';
import {checkAlias, slugify, uniqueAlias} from '../lib/alias.js';
import type {Action, UiAction, VaultAction} from './actions.js';
import {isVaultAction} from './actions.js';
import {credentialsOf, findAccount, selectedAccount, visibleAccounts} from './selectors.js';
import type {Account, PanelId, State, Ui, Vault} from './state.js';
import {panels} from './state.js';

/**
 * The existing account a saved account replaces: same provider and the same email or subject, else
 * the alias asked for, unless that account's email or subject says it is someone else (a new
 * account must not overwrite another's key because it reuses its alias).
 */
export function matchingAccount(
	vault: Vault,
	action: Extract<VaultAction, {type: 'account-saved'}>,
): Account | undefined {
	const {account} = action;
	const email = account.email?.toLowerCase();
	const mine = vault.accounts.filter((existing) => existing.providerId === account.providerId);
	const same = mine.find(
		(existing) =>
			(account.subject !== undefined && existing.subject === account.subject) ||
			(email !== undefined && existing.email?.toLowerCase() === email),
	);
	if (same || !action.aliasGiven) {
		return same;
	}

	return mine.find(
		(existing) =>
			existing.alias === account.alias &&
			!(email !== undefined && existing.email !== undefined) &&
			!(account.subject !== undefined && existing.subject !== undefined),
	);
}

/**
 * Why a vault action cannot apply to this vault, or undefined when it can. Checked on the freshest
 * copy of the vault, under the lock, before the action is applied.
 */
export function checkVaultAction(vault: Vault, action: VaultAction): string | undefined {
	const aliasTaken = (alias: string, exceptId?: string) =>
		vault.accounts.some((account) => account.alias === alias && account.id !== exceptId);
	const needAccount = (id: string) =>
		findAccount(vault, id)
			? undefined
			: `no account with id ${id} (it may have been removed by another process)`;

	switch (action.type) {
		case 'account-saved': {
			if (!findProvider(vault, action.account.providerId)) {
				return `unknown provider "${action.account.providerId}"`;
			}

			if (!action.aliasGiven) {
				return undefined;
			}

			return (
				checkAlias(action.account.alias) ??
				(aliasTaken(action.account.alias, matchingAccount(vault, action)?.id)
					? `alias "${action.account.alias}" is already used by another account`
					: undefined)
			);
		}

		case 'account-renamed': {
			return (
				needAccount(action.accountId) ??
				checkAlias(action.alias) ??
				(aliasTaken(action.alias, action.accountId)
					? `alias "${action.alias}" is already used by another account`
					: undefined)
			);
		}

		case 'organization-switched': {
			const account = findAccount(vault, action.accountId);
			if (!account) {
				return needAccount(action.accountId);
			}

			return account.organizations.some((org) => org.id === action.orgId)
				? undefined
				: `account "${account.alias}" has no organization ${action.orgId}`;
		}

		case 'switched-back': {
			return findAccount(vault, vault.previous)
				? undefined
				: 'there is no previous account to switch back to';
		}

		case 'account-switched':
		case 'account-removed':
		case 'tokens-updated':
		case 'sign-in-required': {
			return needAccount(action.accountId);
		}

		case 'credential-added': {
			return needAccount(action.credential.accountId);
		}

		case 'credential-removed': {
			return vault.credentials.some((credential) => credential.id === action.credentialId)
				? undefined
				: `no credential with id ${action.credentialId}`;
		}

		case 'provider-added': {
			return findProvider(vault, action.provider.id)?.builtin
				? `"${action.provider.id}" is a built-in provider`
				: undefined;
		}

		case 'provider-removed': {
			const provider = findProvider(vault, action.providerId);
			if (!provider) {
				return `unknown provider "${action.providerId}"`;
			}

			if (provider.builtin) {
				return `"${provider.id}" is a built-in provider and cannot be removed`;
			}

			return vault.accounts.some((account) => account.providerId === provider.id)
				? `provider "${provider.id}" still has accounts; log them out first`
				: undefined;
		}

		case 'settings-changed': {
			return undefined;
		}
	}
}

function updateAccount(vault: Vault, id: string, update: (account: Account) => Account): Vault {
	return {
		...vault,
		accounts: vault.accounts.map((account) => (account.id === id ? update(account) : account)),
	};
}

/** Makes an account the active one of its provider and the deck's current account. */
function activate(vault: Vault, account: Account, at: string): Vault {
	const switched = updateAccount(vault, account.id, (existing) => ({...existing, lastUsedAt: at}));
	return {
		...switched,
		active: {...vault.active, [account.providerId]: account.id},
		current: account.id,
		previous: vault.current === account.id ? vault.previous : vault.current,
	};
}

function removeAccount(vault: Vault, id: string): Vault {
	const removed = findAccount(vault, id);
	if (!removed) {
		return vault;
	}

	const accounts = vault.accounts.filter((account) => account.id !== id);
	const active = {...vault.active};
	if (active[removed.providerId] === id) {
		// The provider falls back to its most recently used remaining account, like kubectx.
		const next = accounts
			.filter((account) => account.providerId === removed.providerId)
			.sort((a, b) => (b.lastUsedAt ?? b.createdAt).localeCompare(a.lastUsedAt ?? a.createdAt))[0];
		if (next) {
			active[removed.providerId] = next.id;
		} else {
			delete active[removed.providerId];
		}
	}

	const current =
		vault.current === id ? (vault.previous ?? active[removed.providerId]) : vault.current;
	const previous = vault.previous === id || vault.previous === current ? undefined : vault.previous;
	return {
		...vault,
		accounts,
		credentials: vault.credentials.filter((credential) => credential.accountId !== id),
		active,
		current: current && accounts.some((account) => account.id === current) ? current : undefined,
		previous,
	};
}

/** Applies a vault action. Pure; an action that does not apply (see `checkVaultAction`) leaves the vault as it is. */
export function vaultReducer(vault: Vault, action: VaultAction): Vault {
	if (checkVaultAction(vault, action) !== undefined) {
		return vault;
	}

	switch (action.type) {
		case 'account-saved': {
			const existing = matchingAccount(vault, action);
			if (existing) {
				const merged: Account = {
					...existing,
					...action.account,
					id: existing.id,
					alias: action.aliasGiven ? action.account.alias : existing.alias,
					createdAt: existing.createdAt,
					activeOrgId:
						action.account.activeOrgId ??
						(action.account.organizations.some((org) => org.id === existing.activeOrgId)
							? existing.activeOrgId
							: action.account.organizations[0]?.id),
					needsSignIn: undefined,
				};
				return activate(
					updateAccount(vault, existing.id, () => merged),
					merged,
					action.at,
				);
			}

			const taken = new Set(vault.accounts.map((account) => account.alias));
			const alias = action.aliasGiven
				? action.account.alias
				: uniqueAlias(slugify(action.account.alias), taken);
			const account: Account = {
				...action.account,
				alias,
				activeOrgId: action.account.activeOrgId ?? action.account.organizations[0]?.id,
			};
			return activate({...vault, accounts: [...vault.accounts, account]}, account, action.at);
		}

		case 'account-switched': {
			return activate(vault, findAccount(vault, action.accountId) as Account, action.at);
		}

		case 'switched-back': {
			return activate(vault, findAccount(vault, vault.previous) as Account, action.at);
		}

		case 'account-renamed': {
			return updateAccount(vault, action.accountId, (account) => ({
				...account,
				alias: action.alias,
			}));
		}

		case 'account-removed': {
			return removeAccount(vault, action.accountId);
		}

		case 'organization-switched': {
			return updateAccount(vault, action.accountId, (account) => ({
				...account,
				activeOrgId: action.orgId,
			}));
		}

		case 'tokens-updated': {
			return updateAccount(vault, action.accountId, (account) => {
				const next = {...account, ...action.changes, needsSignIn: undefined};
				if (!next.organizations.some((org) => org.id === next.activeOrgId)) {
					next.activeOrgId = next.organizations[0]?.id;
				}

				return next;
			});
		}

		case 'sign-in-required': {
			return updateAccount(vault, action.accountId, (account) => ({...account, needsSignIn: true}));
		}

		case 'credential-added': {
			return {...vault, credentials: [...vault.credentials, action.credential]};
		}

		case 'credential-removed': {
			return {
				...vault,
				credentials: vault.credentials.filter(
					(credential) => credential.id !== action.credentialId,
				),
			};
		}

		case 'settings-changed': {
			return {...vault, settings: {...vault.settings, ...action.settings}};
		}

		case 'provider-added': {
			return {
				...vault,
				providers: [...vault.providers.filter((p) => p.id !== action.provider.id), action.provider],
			};
		}

		case 'provider-removed': {
			return {
				...vault,
				providers: vault.providers.filter((provider) => provider.id !== action.providerId),
			};
		}
	}
}

function rowsIn(state: State, panel: Exclude<PanelId, 'accounts'>): number {
	const account = selectedAccount(state);
	switch (panel) {
		case 'organization': {
			return account?.organizations.length ?? 0;
		}

		case 'expiry': {
			return state.vault.accounts.length;
		}

		case 'credentials': {
			return credentialsOf(state.vault, account?.id).length;
		}
	}
}

const clamp = (value: number, rows: number) => Math.max(0, Math.min(value, rows - 1));

function moveCursor(state: State, step: number): Ui {
	const {ui} = state;
	if (ui.focus === 'accounts') {
		const visible = visibleAccounts(state);
		// Looked up once: inside the callback it made every key O(n²) (seconds with 10,000 accounts).
		const selectedId = selectedAccount(state)?.id;
		const index = visible.findIndex((account) => account.id === selectedId);
		const next = visible[clamp(index + step, visible.length)];
		return next
			? {...ui, selectedAccountId: next.id, cursor: {...ui.cursor, organization: 0, credentials: 0}}
			: ui;
	}

	return {
		...ui,
		cursor: {...ui.cursor, [ui.focus]: clamp(ui.cursor[ui.focus] + step, rowsIn(state, ui.focus))},
	};
}

function uiReducer(state: State, action: UiAction): State {
	const {ui} = state;
	switch (action.type) {
		case 'vault-loaded': {
			return {...state, vault: action.vault};
		}

		case 'panel-focused': {
			return {...state, ui: {...ui, focus: action.panel}};
		}

		case 'panel-cycled': {
			const index = panels.indexOf(ui.focus);
			const focus = panels[(index + action.step + panels.length) % panels.length] as PanelId;
			return {...state, ui: {...ui, focus}};
		}

		case 'cursor-moved': {
			return {...state, ui: moveCursor(state, action.step)};
		}

		case 'account-selected': {
			return {
				...state,
				ui: {
					...ui,
					selectedAccountId: action.accountId,
					cursor: {...ui.cursor, organization: 0, credentials: 0},
				},
			};
		}

		case 'filter-started': {
			return {...state, ui: {...ui, focus: 'accounts', filtering: true}};
		}

		case 'filter-changed': {
			const next = {...state, ui: {...ui, filter: action.filter}};
			// Keep the selection on a row that is still listed.
			const first =
				visibleAccounts(next).find((account) => account.id === ui.selectedAccountId) ??
				visibleAccounts(next)[0];
			return {...next, ui: {...next.ui, selectedAccountId: first?.id}};
		}

		case 'filter-closed': {
			return {...state, ui: {...ui, filtering: false, filter: action.clear ? '' : ui.filter}};
		}

		case 'overlay-opened': {
			return {...state, ui: {...ui, overlay: action.overlay, formError: undefined}};
		}

		case 'overlay-closed': {
			return {...state, ui: {...ui, overlay: undefined, formError: undefined}};
		}

		case 'intent-requested': {
			return ui.formError ? {...state, ui: {...ui, formError: undefined}} : state;
		}

		case 'form-failed': {
			return {...state, ui: {...ui, formError: action.error}};
		}

		case 'notice-shown': {
			return {...state, ui: {...ui, notice: action.notice}};
		}

		case 'notice-cleared': {
			return {...state, ui: {...ui, notice: undefined}};
		}

		case 'busy-changed': {
			return {...state, ui: {...ui, busy: action.busy}};
		}
	}
}

/** The one reducer: state and action in, new state out. No I/O, no clock, no randomness. */
export function reducer(state: State, action: Action): State {
	if (isVaultAction(action)) {
		const vault = vaultReducer(state.vault, action);
		return vault === state.vault ? state : {...state, vault};
	}

	return uiReducer(state, action);
}
