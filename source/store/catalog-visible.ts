/**
 * The catalogue's "not signed in yet" rows as the deck lists them: the `/` filter applied, and the
 * one (if any) under the cursor. The cursor keeps a row's id in `ui.selectedAccountId`, prefixed
 * `catalog:` so it can never be an account's (account ids are [a-z0-9]).
 */
import type {Vault} from '../domain.js';
import {accountForTemplate, type CatalogRow, notSignedInRows} from './catalog-rows.js';
import type {State} from './state.js';

const prefix = 'catalog:';

/** The cursor's id for a row: `catalog:acme/prod`. */
export const catalogRowId = (row: CatalogRow) => `${prefix}${row.catalog}/${row.template.alias}`;

export const isCatalogRowId = (id: string | undefined) => id?.startsWith(prefix) === true;

/** Whether a row matches a filter typed in the deck: its alias, email, organization or catalogue. */
export function matchesCatalogFilter(row: CatalogRow, filter: string): boolean {
	const needle = filter.trim().toLowerCase();
	if (needle === '') return true;
	const {template} = row;
	return [
		row.display,
		row.alias,
		row.catalog,
		template.email ?? '',
		template.organization?.name ?? '',
	].some((field) => field.toLowerCase().includes(needle));
}

const none: readonly CatalogRow[] = [];

// Recomputed only when the accounts, the catalogues or the filter change, not on every key.
let cache:
	| {accounts: unknown; catalogs: unknown; filter: string; visible: readonly CatalogRow[]}
	| undefined;

/** The rows not signed in yet that the accounts panel lists, in catalogue order. */
export function visibleCatalogRows(state: State): readonly CatalogRow[] {
	const {accounts, catalogs} = state.vault;
	const {filter} = state.ui;
	// One empty list, always the same: a selector's answer must be stable (useSyncExternalStore).
	if (catalogs === undefined || catalogs.list.length === 0) return none;
	if (cache?.accounts === accounts && cache.catalogs === catalogs && cache.filter === filter) {
		return cache.visible;
	}

	const visible = notSignedInRows(state.vault).filter((row) => matchesCatalogFilter(row, filter));
	cache = {accounts, catalogs, filter, visible};
	return visible;
}

/** The listed row whose id the cursor holds, if it holds one. */
export function cursorCatalogRow(state: State): CatalogRow | undefined {
	const id = state.ui.selectedAccountId;
	return isCatalogRowId(id)
		? visibleCatalogRows(state).find((row) => catalogRowId(row) === id)
		: undefined;
}

/**
 * Where the cursor goes when the vault changes under it: from a catalogue row to the account now
 * signed in from it (here or in another shell, `login --from-catalog`), else where it was.
 */
export function followSignedIn(id: string | undefined, vault: Vault): string | undefined {
	if (!isCatalogRowId(id)) return id;
	const [name, ...alias] = (id as string).slice(prefix.length).split('/');
	const catalog = vault.catalogs?.list.find((c) => c.name === name);
	return (catalog && accountForTemplate(vault, catalog, alias.join('/'))?.id) ?? id;
}
