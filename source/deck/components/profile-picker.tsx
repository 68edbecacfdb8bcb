import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import {profileInUse, profileView} from '../../store/profiles.js';
import {findAccount} from '../../store/selectors.js';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {opaque} from './dialog-layer.js';

type Properties = {
	readonly names: readonly string[];
	readonly index: number;
	readonly width: number;
};

const selectVault = (state: State) => state.vault;

/** `p`: the profiles, the one in use marked, each with the accounts it would switch to. */
export function ProfilePicker({names, index, width}: Properties) {
	const vault = useStore(selectVault);
	const inUse = profileInUse(vault);
	return (
		<Box
			flexDirection="column"
			borderStyle="round"
			paddingX={1}
			width={width}
			backgroundColor={opaque}
		>
			<Text bold>Switch profile</Text>
			{names.map((name, at) => {
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
		</Box>
	);
}
