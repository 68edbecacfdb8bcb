import {Text} from 'ink';
import type {Credential} from '../../domain.js';
import {formatAge, formatRelative, parseTimestamp} from '../../lib/duration.js';
import {maskSecret} from '../../lib/mask.js';
import {sanitize} from '../../lib/sanitize.js';
import {credentialDetail} from '../../services/credentials.js';
import {selectedAccount} from '../../store/selectors.js';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {PanelBox} from '../components/panel-box.js';
import {clipHint, useScroll} from '../components/scroll.js';
import {useNow} from '../components/use-now.js';
import {useTheme} from '../theme.js';
import {NotSignedInNote} from './not-signed-in.js';
import {pad} from './pad.js';

const selectAccount = selectedAccount;
const selectCredentials = (state: State) => state.vault.credentials;
const selectCursor = (state: State) => state.ui.cursor.credentials;

type Properties = {readonly width: number; readonly height: number; readonly focused: boolean};

function usage(credential: Credential, now: number): string {
	const [first, ...rest] = credential.usedBy;
	const where = !first
		? 'unused'
		: rest.length === 0
			? `used by ${first}`
			: `used by ${first} +${rest.length}`;
	const last = credential.lastUsedAt
		? `, last ${formatAge(credential.lastUsedAt, now).replace(/^age /, '')} ago`
		: '';
	return `${tokenState(credential, now)}${where}${last}`;
}

/** oauth2: "token ok, 51m left · ", the last error, or nothing yet. */
export function tokenState(credential: Credential, now: number): string {
	if (credential.settings.type !== 'oauth2') {
		return '';
	}

	if (credential.tokenError) {
		return `token error: ${credential.tokenError} · `;
	}

	const expires = parseTimestamp(credential.tokenExpiresAt);
	if (expires === undefined) {
		return 'no token yet · ';
	}

	const left = formatRelative(credential.tokenExpiresAt, now).replace(/^expires in /, '');
	return expires > now ? `token ok, ${left} left · ` : 'token expired · ';
}

/** The selected account's credentials: name, type, where the secret goes, the masked secret, usage. */
export function CredentialsPanel({width, height, focused}: Properties) {
	const account = useStore(selectAccount);
	const all = useStore(selectCredentials);
	const cursor = useStore(selectCursor);
	const now = useNow(30_000);
	const palette = useTheme();
	const credentials = all.filter((credential) => credential.accountId === account?.id);
	const listHeight = Math.max(1, height - 2);
	const offset = useScroll(cursor, credentials.length, listHeight);
	// Usage is shown when there is room for it; the name takes the rest.
	const inner = width - 4;
	// Spaces included: name, type 7, detail 18, secret 8, then usage.
	const fixed = 1 + 7 + 18 + 1 + 8;
	const withUsage = inner - fixed - 20 >= 13;
	const nameWidth = Math.max(8, withUsage ? 20 : inner - fixed);
	const title = account ? `4 Credentials (${sanitize(account.alias, 30)})` : '4 Credentials';
	return (
		<PanelBox
			title={title}
			width={width}
			height={height}
			focused={focused}
			hint={clipHint(cursor, credentials.length, offset, listHeight)}
		>
			{credentials.length === 0 ? (
				account ? (
					<Text dimColor>no credentials: press 4 then a to add one</Text>
				) : (
					<NotSignedInNote about="credentials" fallback="no account selected" />
				)
			) : null}
			{credentials.slice(offset, offset + listHeight).map((credential, index) => (
				<Text key={credential.id} wrap="truncate" inverse={focused && offset + index === cursor}>
					{pad(sanitize(credential.name), nameWidth)}{' '}
					<Text color={palette.group}>{pad(credential.settings.type, 7)}</Text>
					{pad(sanitize(credentialDetail(credential.settings), 60), 18)}{' '}
					<Text color={palette.warning}>
						{pad(sanitize(credential.secretHint ?? maskSecret(undefined), 40), 8)}
					</Text>
					{withUsage ? <Text dimColor> {sanitize(usage(credential, now), 120)}</Text> : null}
				</Text>
			))}
		</PanelBox>
	);
}
