import {allProviders} from '../auth/providers.js';
import type {Account, Credential, State, Vault} from './state.js';

/** Accounts in display order: grouped by provider (in provider order), then by alias. */
export function sortedAccounts(vault: Vault): readonly Account[] {
	const order = new Map(allProviders(vault).map((provider, index) => [provider.id, index]));
	return [...vault.accounts].sort(
		(a, b) =>
			(order.get(a.providerId) ?? order.size) - (order.get(b.providerId) ?? order.size) ||
			a.providerId.localeCompare(b.providerId) ||
			a.alias.localeCompare(b.alias),
	);
}

/** Whether an account matches a filter typed in the deck: alias, email or organisation. */
export function matchesFilter(account: Account, filter: string): boolean {
	const needle = filter.trim().toLowerCase();
	if (needle === '') {
		return true;
	}

	return [
		account.alias,
		account.email ?? '',
		account.name ?? '',
		...account.organizations.map((org) => org.name),
	].some((field) => field.toLowerCase().includes(needle));
}

/** The accounts the accounts panel lists, in order. */
export function visibleAccounts(state: State): readonly Account[] {
	const all = sortedAccounts(state.vault);
	return state.ui.filter === ''
		? all
		: all.filter((account) => matchesFilter(account, state.ui.filter));
}

export function findAccount(vault: Vault, id: string | undefined): Account | undefined {
	return id === undefined ? undefined : vault.accounts.find((account) => account.id === id);
}

/** The account under the cursor in the deck, else the current account. */
export function selectedAccount(state: State): Account | undefined {
	const visible = visibleAccounts(state);
	return visible.find((account) => account.id === state.ui.selectedAccountId) ?? visible[0];
}

export function currentAccount(vault: Vault): Account | undefined {
	return findAccount(vault, vault.current);
}

export function isActive(vault: Vault, account: Account): boolean {
	return vault.active[account.providerId] === account.id;
}

export function credentialsOf(vault: Vault, accountId: string | undefined): readonly Credential[] {
	return vault.credentials.filter((credential) => credential.accountId === accountId);
}
