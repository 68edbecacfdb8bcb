import {allProviders} from '../auth/providers.js';
import type {Account, Credential, Organization, Vault} from '../domain.js';
import {cursorCatalogRow} from './catalog-visible.js';
import type {State} from './state.js';

// Sorting is memoised per accounts array: the deck asks for it on every key and every frame, and a
// vault of 10,000 accounts must still repaint within a frame. The cache is referentially transparent.
const sortedCache = new WeakMap<
	readonly Account[],
	{providers: Vault['providers']; sorted: readonly Account[]}
>();
const visibleCache = new WeakMap<
	readonly Account[],
	{filter: string; all: readonly Account[]; visible: readonly Account[]}
>();

/** Accounts in display order: grouped by provider (in provider order), then by alias. */
export function sortedAccounts(vault: Vault): readonly Account[] {
	const cached = sortedCache.get(vault.accounts);
	if (cached && cached.providers === vault.providers) {
		return cached.sorted;
	}

	const sorted = resorted(vault) ?? sortAccounts(vault);
	sortedCache.set(vault.accounts, {providers: vault.providers, sorted});
	last = {accounts: vault.accounts, providers: vault.providers, sorted};
	return sorted;
}

/** The list sorted last: a switch changes one account's use, never its place. */
let last:
	| {accounts: readonly Account[]; providers: Vault['providers']; sorted: readonly Account[]}
	| undefined;

/**
 * The last sorted list with the accounts that changed put in their places, when only a few changed
 * and none in what the order reads (provider, alias); else undefined. A switch of one account of
 * 10,000 then costs a walk of the list, not a sort.
 */
function resorted(vault: Vault): readonly Account[] | undefined {
	const previous = last;
	if (!previous || previous.providers !== vault.providers) return undefined;
	if (previous.accounts.length !== vault.accounts.length) return undefined;
	const replaced = new Map<Account, Account>();
	for (const [index, account] of vault.accounts.entries()) {
		const old = previous.accounts[index] as Account;
		if (account === old) continue;
		if (account.providerId !== old.providerId || account.alias !== old.alias) return undefined;
		if (replaced.set(old, account).size > 16) return undefined;
	}

	return previous.sorted.map((account) => replaced.get(account) ?? account);
}

// Ids and aliases are plain ASCII ([a-z0-9._-]), so code-unit order is right and ~10x faster
// than localeCompare, which matters when 10,000 accounts are sorted before the first frame.
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortAccounts(vault: Vault): readonly Account[] {
	const order = new Map(allProviders(vault).map((provider, index) => [provider.id, index]));
	// Grouped by provider, then each group sorted by alias: the same order as one sort by both, with
	// a comparison of two strings at each step instead of two map lookups more (1,000 accounts: ~1.4
	// ms, now ~0.9).
	const groups = new Map<string, Account[]>();
	for (const account of vault.accounts) {
		const group = groups.get(account.providerId);
		if (group) group.push(account);
		else groups.set(account.providerId, [account]);
	}

	return [...groups.keys()]
		.sort(
			(a, b) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size) || compareText(a, b),
		)
		.flatMap((providerId) =>
			(groups.get(providerId) ?? []).sort((a, b) => compareText(a.alias, b.alias)),
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
	const {filter} = state.ui;
	if (filter === '') {
		return all;
	}

	const cached = visibleCache.get(state.vault.accounts);
	if (cached && cached.filter === filter && cached.all === all) {
		return cached.visible;
	}

	const visible = all.filter((account) => matchesFilter(account, filter));
	visibleCache.set(state.vault.accounts, {filter, all, visible});
	return visible;
}

/** The organization the account works in (its `activeOrgId`), when it has it. */
export function activeOrganization(account: Account): Organization | undefined {
	return account.organizations.find((org) => org.id === account.activeOrgId);
}

export function findAccount(vault: Vault, id: string | undefined): Account | undefined {
	return id === undefined ? undefined : vault.accounts.find((account) => account.id === id);
}

// Where each account is in a list the deck shows, made once per list: every subscribed panel asks for
// the selected account on every state change, and a search of 10,000 accounts each time was most of
// a repaint.
const placeCache = new WeakMap<readonly Account[], Map<string, number>>();

/** The index of the account `id` in `accounts` (a list of the deck's), or -1. */
export function placeOf(accounts: readonly Account[], id: string | undefined): number {
	if (id === undefined) return -1;
	let places = placeCache.get(accounts);
	if (!places) {
		places = new Map();
		for (const [index, account] of accounts.entries()) {
			if (!places.has(account.id)) places.set(account.id, index);
		}

		placeCache.set(accounts, places);
	}

	return places.get(id) ?? -1;
}

/** The index of the account under the cursor among the visible ones, or -1 when none is selected. */
export function selectedIndex(state: State): number {
	return placeOf(visibleAccounts(state), state.ui.selectedAccountId);
}

/** The account under the cursor in the deck, else the first listed; none on a catalogue row. */
export function selectedAccount(state: State): Account | undefined {
	const visible = visibleAccounts(state);
	return visible[selectedIndex(state)] ?? (cursorCatalogRow(state) ? undefined : visible[0]);
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
