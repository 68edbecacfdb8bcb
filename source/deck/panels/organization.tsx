import {Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import {orgIdInUse} from '../../store/profiles.js';
import {selectedAccount} from '../../store/selectors.js';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {PanelBox} from '../components/panel-box.js';
import {clipHint, useScroll} from '../components/scroll.js';
import {useTheme} from '../theme.js';
import {NotSignedInNote} from './not-signed-in.js';
import {pad} from './pad.js';

const selectAccount = selectedAccount;
const selectCursor = (state: State) => state.ui.cursor.organization;
/** The organization the profile in use gives the selected account: its override, else the account's own. */
const selectOrgId = (state: State) => {
	const account = selectedAccount(state);
	return account ? orgIdInUse(state.vault, account) : undefined;
};

type Properties = {readonly width: number; readonly height: number; readonly focused: boolean};

/** The organizations of the selected account; the one in use in the profile in use marked ●. */
export function OrganizationPanel({width, height, focused}: Properties) {
	const account = useStore(selectAccount);
	const cursor = useStore(selectCursor);
	const activeId = useStore(selectOrgId);
	const palette = useTheme();
	const orgs = account?.organizations ?? [];
	const listHeight = Math.max(1, height - 2);
	const offset = useScroll(cursor, orgs.length, listHeight);
	const nameWidth = Math.max(8, Math.floor((width - 8) * 0.45));
	const title = account ? `2 Organization (${sanitize(account.alias, 30)})` : '2 Organization';
	return (
		<PanelBox
			title={title}
			width={width}
			height={height}
			focused={focused}
			hint={clipHint(cursor, orgs.length, offset, listHeight)}
		>
			{orgs.length === 0 ? (
				account ? (
					<Text dimColor>no organizations</Text>
				) : (
					<NotSignedInNote about="organization" fallback="no account selected" />
				)
			) : null}
			{orgs.slice(offset, offset + listHeight).map((org, index) => {
				const isCursor = focused && offset + index === cursor;
				const isActive = org.id === activeId;
				return (
					<Text key={org.id} wrap="truncate" inverse={isCursor}>
						<Text color={isActive ? palette.success : palette.muted}>{isActive ? '● ' : '○ '}</Text>
						<Text bold={isActive}>{pad(sanitize(org.name), nameWidth)} </Text>
						<Text dimColor>{pad(sanitize(org.id, 40), 14)} </Text>
						<Text>{sanitize(org.plan ?? '', 30)}</Text>
					</Text>
				);
			})}
		</PanelBox>
	);
}
