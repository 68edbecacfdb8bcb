import {ProgressBar} from '@inkjs/ui';
import {Box, Text} from 'ink';
import type {Account} from '../../domain.js';
import {formatAge, formatRelative, needsRotation, parseTimestamp} from '../../lib/duration.js';
import {sanitize} from '../../lib/sanitize.js';
import {useTheme} from '../theme.js';
import {Highlighted} from './highlight.js';
import {pad} from './pad.js';

const methods: Readonly<Record<Account['method'], string>> = {
	'api-key': 'api key',
	browser: 'oauth',
	device: 'device',
	'service-account': 'service',
};

type Properties = {
	readonly account: Account;
	readonly now: number;
	/** Seconds before expiry in which the token is refreshed automatically: shown as a warning. */
	readonly refreshWindow: number;
	readonly selected: boolean;
	readonly width: number;
	/** The `/` filter: its match in the alias is highlighted. */
	readonly filter: string;
};

// A token's bar is full with an hour or more left: lifetimes are rarely known, an hour is typical.
const barSpan = 3600 * 1000;

/** One account's token: expires in / expired / no expiry, can it refresh, key age, rotation, last use. */
export function ExpiryRow({account, now, refreshWindow, selected, width, filter}: Properties) {
	const palette = useTheme();
	const expires = parseTimestamp(account.tokenExpiresAt);
	const left = expires === undefined ? undefined : expires - now;
	const status = account.needsSignIn
		? 'sign in again'
		: formatRelative(account.tokenExpiresAt, now);
	const color =
		account.needsSignIn || (left !== undefined && left <= 0)
			? palette.danger
			: left !== undefined && left <= refreshWindow * 1000
				? palette.warning
				: undefined;
	const rotate = account.method === 'api-key' && needsRotation(account.keyCreatedAt, now);
	const aliasWidth = Math.max(6, Math.min(12, Math.floor(width * 0.2)));
	return (
		<Box height={1}>
			<Text wrap="truncate" inverse={selected}>
				<Highlighted
					text={pad(sanitize(account.alias, 63), aliasWidth)}
					filter={filter}
					palette={palette}
				/>{' '}
				<Text dimColor>{pad(methods[account.method], 8)}</Text>
				<Text color={color}>{pad(status, 17)}</Text>
			</Text>
			{left !== undefined && left > 0 && width >= 50 ? (
				<Box width={8} flexShrink={0}>
					<ProgressBar value={Math.min(100, (left / barSpan) * 100)} />
				</Box>
			) : null}
			<Text wrap="truncate">
				{account.refreshable ? <Text color={palette.accent}> ↻</Text> : null}
				{account.method === 'api-key' ? (
					<Text dimColor> {formatAge(account.keyCreatedAt, now)}</Text>
				) : null}
				{rotate ? <Text color={palette.warning}> ⚠ rotate</Text> : null}
				{/* When authdeck last handed the key out (token --show, env, exec, a provider call). */}
				<Text dimColor>
					{account.lastUsedAt
						? ` used ${formatAge(account.lastUsedAt, now).replace(/^age /, '')} ago`
						: ' never used'}
				</Text>
			</Text>
		</Box>
	);
}
