import {Text} from 'ink';
import {visibleCatalogRows} from '../../store/catalog-visible.js';
import {visibleAccounts} from '../../store/selectors.js';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {PanelBox} from '../components/panel-box.js';
import {clipHint, useScroll} from '../components/scroll.js';
import {useNow} from '../components/use-now.js';
import {useTheme} from '../theme.js';
import {ExpiryCatalogRow} from './catalog-row.js';
import {ExpiryRow} from './expiry-row.js';

// The rows the accounts panel lists: the `/` filter applies here too, and so do the keys (r, s, d).
const selectAccounts = visibleAccounts;
// Then the catalogue's rows not signed in yet, which have no token: the cursor goes over them too.
const selectTemplates = visibleCatalogRows;
const selectFilter = (state: State) => state.ui.filter;
const selectCursor = (state: State) => state.ui.cursor.expiry;
const selectWindow = (state: State) => state.vault.settings.refreshWindow;

type Properties = {readonly width: number; readonly height: number; readonly focused: boolean};

/** Every listed account's token (the filter applies), counting down live; only the rows that fit are rendered. */
export function ExpiryPanel({width, height, focused}: Properties) {
	const accounts = useStore(selectAccounts);
	const templates = useStore(selectTemplates);
	const palette = useTheme();
	const total = accounts.length + templates.length;
	const cursor = useStore(selectCursor);
	const refreshWindow = useStore(selectWindow);
	const filter = useStore(selectFilter);
	const now = useNow(1000);
	const listHeight = Math.max(1, height - 2);
	const offset = useScroll(cursor, total, listHeight);
	return (
		<PanelBox
			title="3 Token expiry"
			width={width}
			height={height}
			focused={focused}
			hint={clipHint(cursor, total, offset, listHeight)}
		>
			{total === 0 ? (
				<Text dimColor>{filter ? 'no account matches the filter' : 'no accounts'}</Text>
			) : null}
			{accounts.slice(offset, offset + listHeight).map((account, index) => (
				<ExpiryRow
					key={account.id}
					account={account}
					now={now}
					refreshWindow={refreshWindow}
					selected={focused && offset + index === cursor}
					width={width - 4}
					filter={filter}
				/>
			))}
			{templates
				.slice(
					Math.max(0, offset - accounts.length),
					Math.max(0, offset + listHeight - accounts.length),
				)
				.map((row, index) => (
					<ExpiryCatalogRow
						key={`${row.catalog}/${row.template.alias}`}
						row={row}
						selected={focused && Math.max(offset, accounts.length) + index === cursor}
						width={width - 4}
						palette={palette}
						filter={filter}
					/>
				))}
		</PanelBox>
	);
}
