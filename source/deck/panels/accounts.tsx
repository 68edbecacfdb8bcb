import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {allProviders} from '../../auth/providers.js';
import type {Account, Provider} from '../../domain.js';
import {maskSecret} from '../../lib/mask.js';
import {sanitize} from '../../lib/sanitize.js';
import type {CatalogRow as Template} from '../../store/catalog-rows.js';
import {visibleCatalogRows} from '../../store/catalog-visible.js';
import {
	type DeckEntry,
	deckEntries,
	selectedCatalogRow,
	selectedEntryId,
} from '../../store/deck-entries.js';
import {selectedAccount, visibleAccounts} from '../../store/selectors.js';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {PanelBox} from '../components/panel-box.js';
import {useScroll} from '../components/scroll.js';
import {useTheme} from '../theme.js';
import {AccountRow} from './account-row.js';
import {CatalogRow} from './catalog-row.js';

type Row =
	| {readonly kind: 'group'; readonly key: string; readonly label: string}
	| {readonly kind: 'account'; readonly key: string; readonly account: Account}
	| {readonly kind: 'catalog'; readonly key: string; readonly row: Template};

/** The rows of the list: a heading per provider, then its accounts, then its catalogue rows. */
export function accountRows(
	entries: readonly DeckEntry[],
	providers: readonly Provider[],
): readonly Row[] {
	const names = new Map(providers.map((provider) => [provider.id, provider.name]));
	const rows: Row[] = [];
	let group: string | undefined;
	for (const entry of entries) {
		const provider =
			entry.kind === 'account' ? entry.account.providerId : entry.row.template.provider;
		if (provider !== group) {
			group = provider;
			rows.push({
				kind: 'group',
				key: `group:${group}`,
				label: `${names.get(group) ?? group} (${group})`,
			});
		}

		rows.push(
			entry.kind === 'account'
				? {kind: 'account', key: entry.id, account: entry.account}
				: {kind: 'catalog', key: entry.id, row: entry.row},
		);
	}

	return rows;
}

/**
 * `251/1000 ↓ 740 more` for a clipped list: the selected account's place among the accounts listed,
 * and how many accounts (not provider headings) are below the window.
 */
function accountsHint(
	before: readonly number[],
	selected: number,
	offset: number,
	height: number,
	total: number,
): string {
	const rows = before.length - 1;
	if (rows <= height) return '';
	const place = before[Math.max(0, selected) + 1] ?? 0;
	const below = total - (before[Math.min(rows, offset + height)] ?? total);
	return `${place}/${total}${below > 0 ? ` ↓ ${below} more` : ''}`;
}

/** For each row index, how many entries (accounts, catalogue rows) come before it: the hint in O(1). */
function accountsBefore(rows: readonly Row[]): number[] {
	const before = [0];
	for (const row of rows) {
		before.push((before.at(-1) ?? 0) + (row.kind === 'group' ? 0 : 1));
	}

	return before;
}

const selectVisible = visibleAccounts;
const selectEntries = deckEntries;
const selectTemplates = visibleCatalogRows;
const selectSelected = selectedEntryId;
const selectActive = (state: State) => state.vault.active;
const selectCurrent = (state: State) => state.vault.current;
const selectProviders = (state: State) => state.vault.providers;
const selectFilter = (state: State) => state.ui.filter;
const selectFiltering = (state: State) => state.ui.filtering;
const selectTotal = (state: State) => state.vault.accounts.length;

/**
 * ` + 2 to sign in`: the catalogue's rows are listed and counted, but are not accounts. Short, so
 * `3 accounts + 1 to sign in  / filter` fits the accounts panel of a 100-column deck.
 */
const notSignedInCount = (count: number) => (count > 0 ? ` + ${count} to sign in` : '');

type Properties = {readonly width: number; readonly height: number; readonly focused: boolean};

/** Accounts grouped by provider, filterable; only the rows that fit are rendered. */
export function AccountsPanel({width, height, focused}: Properties) {
	const visible = useStore(selectVisible);
	const entries = useStore(selectEntries);
	const templates = useStore(selectTemplates);
	const selectedId = useStore(selectSelected);
	const active = useStore(selectActive);
	const current = useStore(selectCurrent);
	const userProviders = useStore(selectProviders);
	const filter = useStore(selectFilter);
	const filtering = useStore(selectFiltering);
	const total = useStore(selectTotal);
	const palette = useTheme();

	const providers = useMemo(() => allProviders({providers: userProviders}), [userProviders]);
	const rows = useMemo(() => accountRows(entries, providers), [entries, providers]);
	const before = useMemo(() => accountsBefore(rows), [rows]);
	// Each row's place, made once per list: a search of 10,000 rows on every repaint was not.
	const places = useMemo(() => new Map(rows.map((row, index) => [row.key, index])), [rows]);
	const selected = selectedId === undefined ? -1 : (places.get(selectedId) ?? -1);
	// The last line shows the selected account's masked secret and where it points.
	const listHeight = Math.max(1, height - 4);
	// Keep the provider heading in view with the first account of a group.
	const offset = useScroll(
		selected > 0 && rows[selected - 1]?.kind === 'group' ? selected - 1 : selected,
		rows.length,
		listHeight,
	);
	const shown = rows.slice(offset, offset + listHeight);
	const inner = width - 4;
	const aliasWidth = Math.min(
		Math.max(8, Math.floor(inner * 0.35)),
		Math.max(
			6,
			...shown.map((row) =>
				row.kind === 'account'
					? row.account.alias.length + 1
					: row.kind === 'catalog'
						? row.row.display.length + 1
						: 0,
			),
		),
	);

	return (
		<PanelBox
			title="1 Accounts"
			width={width}
			height={height}
			focused={focused}
			hint={accountsHint(before, selected, offset, listHeight, entries.length)}
		>
			<Text wrap="truncate" color={filtering ? palette.accent : palette.muted}>
				{filtering || filter
					? `/ filter: ${sanitize(filter, 100)}${filtering ? '_' : ''}  (${visible.length} of ${total}${notSignedInCount(templates.length)})`
					: `${total} account${total === 1 ? '' : 's'}${notSignedInCount(templates.length)}  / filter`}
			</Text>
			{shown.map((row) =>
				row.kind === 'group' ? (
					<Text key={row.key} bold color={palette.group} wrap="truncate">
						{sanitize(row.label, 80)}
					</Text>
				) : row.kind === 'catalog' ? (
					<CatalogRow
						key={row.key}
						row={row.row}
						selected={row.key === selectedId}
						focused={focused}
						width={inner}
						aliasWidth={aliasWidth}
						palette={palette}
						filter={filter}
					/>
				) : (
					<AccountRow
						key={row.key}
						account={row.account}
						selected={row.key === selectedId}
						active={active[row.account.providerId] === row.account.id}
						current={current === row.account.id}
						focused={focused}
						width={inner}
						aliasWidth={aliasWidth}
						palette={palette}
						filter={filter}
					/>
				),
			)}
			{rows.length === 0 ? (
				<Box>
					<Text dimColor>
						{filter ? 'no account matches the filter' : 'no accounts yet: press a to add one'}
					</Text>
				</Box>
			) : null}
			<Box flexGrow={1} />
			<SelectedDetail />
		</PanelBox>
	);
}

const selectAccount = selectedAccount;
const selectTemplate = selectedCatalogRow;

/** The selected account's masked key and base URL; for a catalogue row, what enter does. */
function SelectedDetail() {
	const account = useStore(selectAccount);
	const template = useStore(selectTemplate);
	return (
		<Text wrap="truncate" dimColor>
			{account
				? `${account.secretHint ? sanitize(account.secretHint, 64) : maskSecret(undefined)} · ${sanitize(account.baseUrl ?? account.providerId, 100)}`
				: template
					? `enter: sign in as ${sanitize(template.alias, 63)} · ${sanitize(template.template.baseUrl ?? template.template.provider, 100)}`
					: ' '}
		</Text>
	);
}
