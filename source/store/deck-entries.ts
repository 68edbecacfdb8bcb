/**
 * What the accounts panel lists and the cursor moves over: the signed-in accounts and, after each
 * provider's accounts, the catalogue's rows not signed in yet for that provider. Pure, memoised on
 * the two lists it merges, so a key on 1,000 accounts with no catalogue costs what it did.
 */
import {allProviders} from '../auth/providers.js';
import type {Account} from '../domain.js';
import type {CatalogRow} from './catalog-rows.js';
import {catalogRowId, cursorCatalogRow, visibleCatalogRows} from './catalog-visible.js';
import {selectedAccount, visibleAccounts} from './selectors.js';
import type {State} from './state.js';

/** One selectable line: an account, or a catalogue's template nobody here signed in to yet. */
export type DeckEntry =
	| {readonly kind: 'account'; readonly id: string; readonly account: Account}
	| {readonly kind: 'catalog'; readonly id: string; readonly row: CatalogRow};

const providerOf = (entry: DeckEntry) =>
	entry.kind === 'account' ? entry.account.providerId : entry.row.template.provider;

let cache:
	| {accounts: readonly Account[]; rows: readonly CatalogRow[]; entries: readonly DeckEntry[]}
	| undefined;

/** Accounts and rows not signed in yet, grouped by provider in provider order. */
export function deckEntries(state: State): readonly DeckEntry[] {
	const accounts = visibleAccounts(state);
	const rows = visibleCatalogRows(state);
	if (cache?.accounts === accounts && cache.rows === rows) return cache.entries;
	const signedIn: DeckEntry[] = accounts.map((account) => ({
		kind: 'account',
		id: account.id,
		account,
	}));
	let entries: readonly DeckEntry[] = signedIn;
	if (rows.length > 0) {
		const groups = new Map<string, DeckEntry[]>();
		for (const entry of [
			...signedIn,
			...rows.map((row): DeckEntry => ({kind: 'catalog', id: catalogRowId(row), row})),
		]) {
			const group = groups.get(providerOf(entry));
			if (group) group.push(entry);
			else groups.set(providerOf(entry), [entry]);
		}

		// The accounts' provider order (selectors.ts), with a catalogue-only provider in its place.
		const order = new Map(allProviders(state.vault).map((provider, index) => [provider.id, index]));
		const rank = (id: string) => order.get(id) ?? order.size;
		entries = [...groups.keys()]
			.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
			.flatMap((id) => groups.get(id) ?? []);
	}

	cache = {accounts, rows, entries};
	return entries;
}

/** The row not signed in yet under the cursor: the one it holds, or the first listed when no account is. */
export function selectedCatalogRow(state: State): CatalogRow | undefined {
	const held = cursorCatalogRow(state);
	if (held || selectedAccount(state)) return held;
	const first = deckEntries(state)[0];
	return first?.kind === 'catalog' ? first.row : undefined;
}

/** The id of the entry under the cursor: an account's id, or a catalogue row's `catalog:` id. */
export function selectedEntryId(state: State): string | undefined {
	const row = selectedCatalogRow(state);
	return row ? catalogRowId(row) : selectedAccount(state)?.id;
}
