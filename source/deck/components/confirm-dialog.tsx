import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import type {ConfirmIntent} from '../../store/state.js';
import {useTheme} from '../theme.js';
import {opaque} from './dialog-layer.js';

type Properties = {
	readonly message: string;
	readonly intent: ConfirmIntent;
	readonly width: number;
};

const dangerous = new Set<ConfirmIntent['type']>(['remove-account', 'remove-credential']);

/** Asks before a dangerous or revealing action; its keys (y, n, enter = no, esc) are bindings. */
export function ConfirmDialog({message, intent, width}: Properties) {
	const palette = useTheme();
	return (
		<Box
			flexDirection="column"
			borderStyle="round"
			borderColor={dangerous.has(intent.type) ? palette.danger : palette.warning}
			width={width}
			paddingX={1}
			backgroundColor={opaque}
		>
			<Text bold wrap="wrap">
				{sanitize(message, 200)}
			</Text>
			<Box>
				<Text>Confirm? </Text>
				<Text dimColor>y/N</Text>
			</Box>
		</Box>
	);
}
