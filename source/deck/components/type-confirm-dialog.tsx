import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import type {Overlay} from '../../store/state.js';
import {useTheme} from '../theme.js';
import {opaque} from './dialog-layer.js';

type Properties = {
	readonly dialog: Extract<Overlay, {kind: 'type-confirm'}>;
	readonly width: number;
};

/** Asks for the alias of a production or protected account before removing or revealing it. */
export function TypeConfirmDialog({dialog, width}: Properties) {
	const palette = useTheme();
	const alias = sanitize(dialog.alias, 63);
	return (
		<Box
			flexDirection="column"
			borderStyle="double"
			borderColor={palette.danger}
			width={width}
			paddingX={1}
			backgroundColor={opaque}
		>
			<Text bold wrap="wrap">
				{sanitize(dialog.message, 200)}
			</Text>
			<Text wrap="wrap">{dialog.why}</Text>
			<Text wrap="wrap">
				Type <Text bold>{alias}</Text> to confirm:
			</Text>
			<Box>
				<Text color={palette.danger}>› </Text>
				<Text>{sanitize(dialog.typed, 100)}</Text>
				<Text inverse> </Text>
			</Box>
			{dialog.wrong ? (
				<Text color={palette.danger} wrap="wrap">
					that is not {alias}: type it exactly, or esc to cancel
				</Text>
			) : (
				<Text dimColor>enter confirms · esc cancels</Text>
			)}
		</Box>
	);
}
