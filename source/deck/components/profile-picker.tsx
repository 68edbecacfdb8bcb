import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import {profileInUse, profileView} from '../../store/profiles.js';
import {findAccount} from '../../store/selectors.js';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {opaque} from './dialog-layer.js';
import {clipHint, useScroll} from './scroll.js';

type Properties = {
	readonly names: readonly string[];
	readonly index: number;
	readonly width: number;
	/** The most rows the picker may take: a longer list scrolls, and says how much is out of view. */
	readonly height: number;
};

const selectVault = (state: State) => state.vault;

/** `p`: the profiles, the one in use marked, each with the accounts it would switch to. */
export function ProfilePicker({names, index, width, height}: Properties) {
	const vault = useStore(selectVault);
	const inUse = profileInUse(vault);
	// Its borders and title; a list longer than the rest gives one row to the panels' clip hint.
	const room = Math.max(1, height - 3);
	const clipped = names.length > room;
	const rows = clipped ? Math.max(1, room - 1) : room;
	const start = useScroll(index, names.length, rows);
	return (
		<Box
			flexDirection="column"
			borderStyle="round"
			paddingX={1}
			width={width}
			backgroundColor={opaque}
		>
			<Text bold>Switch profile</Text>
			{names.slice(start, start + rows).map((name, offset) => {
				const at = start + offset;
				const view = profileView(vault, name);
				const accounts = Object.values(view?.active ?? {})
					.map((id) => findAccount(vault, id)?.alias)
					.filter(Boolean)
					.join(', ');
				return (
					<Text key={name} bold={at === index} wrap="truncate">
						{at === index ? '❯ ' : '  '}
						{name === inUse ? '✓ ' : '  '}
						{sanitize(name, 63).padEnd(16)} <Text dimColor>{accounts || 'no accounts chosen'}</Text>
					</Text>
				);
			})}
			{clipped ? (
				<Text dimColor wrap="truncate">
					{'  '}
					{clipHint(index, names.length, start, rows, {above: true})}
				</Text>
			) : null}
		</Box>
	);
}
