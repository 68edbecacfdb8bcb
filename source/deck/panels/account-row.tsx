import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Account} from '../../domain.js';
import {sanitize} from '../../lib/sanitize.js';
import {EnvironmentBadge} from '../components/environment-badge.js';
import type {Palette} from '../theme.js';
import {Highlighted} from './highlight.js';
import {pad} from './pad.js';

type Properties = {
	readonly account: Account;
	readonly selected: boolean;
	readonly active: boolean;
	readonly current: boolean;
	readonly focused: boolean;
	readonly width: number;
	/** Width of the alias column, the same for every row on screen. */
	readonly aliasWidth: number;
	/** Passed down, not read per row: one subscription for the panel, not one per visible row. */
	readonly palette: Palette;
	/** The `/` filter: its match in the alias and email is highlighted. */
	readonly filter: string;
};

/** One account: cursor, current (★) or active (✓) mark, alias, email and the environment badge. */
export const AccountRow = memo(function AccountRow({
	account,
	selected,
	active,
	current,
	focused,
	width,
	aliasWidth,
	palette,
	filter,
}: Properties) {
	return (
		<Box height={1}>
			<Text wrap="truncate" inverse={selected && focused} bold={selected}>
				<Text color={palette.accent}>{selected ? '▸ ' : '  '}</Text>
				{/* ★ the current account (the one commands use), ✓ another provider's active one. */}
				<Text color={palette.success} bold={current}>
					{current ? '★ ' : active ? '✓ ' : '  '}
				</Text>
				<Text bold={current}>
					<Highlighted
						text={pad(sanitize(account.alias, 63), aliasWidth)}
						filter={filter}
						palette={palette}
					/>{' '}
				</Text>
				<Text dimColor={!selected}>
					<Highlighted
						text={pad(
							sanitize(account.email ?? account.name ?? ''),
							Math.max(4, width - aliasWidth - 12),
						)}
						filter={filter}
						palette={palette}
					/>
				</Text>
			</Text>
			<Box flexShrink={0}>
				<Text> </Text>
				<EnvironmentBadge environment={account.environment} palette={palette} />
			</Box>
		</Box>
	);
});
