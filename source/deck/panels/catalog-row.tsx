import {Box, Text} from 'ink';
import {memo} from 'react';
import {sanitize} from '../../lib/sanitize.js';
import type {CatalogRow as Row} from '../../store/catalog-rows.js';
import {EnvironmentBadge} from '../components/environment-badge.js';
import type {Palette} from '../theme.js';
import {Highlighted} from './highlight.js';
import {pad} from './pad.js';

type Properties = {
	readonly row: Row;
	readonly selected: boolean;
	readonly focused: boolean;
	readonly width: number;
	/** Width of the alias column, the same for every row on screen. */
	readonly aliasWidth: number;
	readonly palette: Palette;
	/** The `/` filter: its match in the alias and the catalogue's name is highlighted. */
	readonly filter: string;
};

/** Said on every line about a catalogue row, so the panels agree. */
export const notSignedIn = 'not signed in yet';

/**
 * A catalogue's account template nobody here signed in to yet: `○ acme/prod  not signed in yet ·
 * acme`. The ○ marks it without colour (NO_COLOR); `enter` signs in with the template's fields.
 */
export const CatalogRow = memo(function CatalogRow({
	row,
	selected,
	focused,
	width,
	aliasWidth,
	palette,
	filter,
}: Properties) {
	const catalog = sanitize(row.catalog, 40);
	const room = Math.max(4, width - aliasWidth - 12);
	// The catalogue's name is what must show; the words go first when the panel is narrow (60x16).
	const text = [`${notSignedIn} · ${catalog}`, `not yet · ${catalog}`].find(
		(t) => t.length <= room,
	);
	return (
		<Box height={1}>
			<Text wrap="truncate" inverse={selected && focused} bold={selected}>
				<Text color={palette.accent}>{selected ? '▸ ' : '  '}</Text>
				<Text color={palette.muted}>○ </Text>
				<Highlighted
					text={pad(sanitize(row.display, 104), aliasWidth)}
					filter={filter}
					palette={palette}
				/>{' '}
				<Text dimColor={!selected}>
					<Highlighted text={pad(text ?? catalog, room)} filter={filter} palette={palette} />
				</Text>
			</Text>
			<Box flexShrink={0}>
				<Text> </Text>
				<EnvironmentBadge
					environment={row.template.environment ?? 'production'}
					palette={palette}
				/>
			</Box>
		</Box>
	);
});

type ExpiryProperties = {
	readonly row: Row;
	readonly selected: boolean;
	readonly width: number;
	readonly palette: Palette;
	readonly filter: string;
};

/** The same template in the token-expiry panel: there is no token yet, and enter signs in. */
export function ExpiryCatalogRow({row, selected, width, palette, filter}: ExpiryProperties) {
	const aliasWidth = Math.max(6, Math.min(12, Math.floor(width * 0.2)));
	return (
		<Box height={1}>
			<Text wrap="truncate" inverse={selected}>
				<Highlighted
					text={pad(sanitize(row.display, 104), aliasWidth)}
					filter={filter}
					palette={palette}
				/>{' '}
				<Text color={palette.muted}>○ </Text>
				<Text>{notSignedIn}: press enter to sign in</Text>
				<Text dimColor> · {sanitize(row.catalog, 40)}</Text>
			</Text>
		</Box>
	);
}
