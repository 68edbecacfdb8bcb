import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {useTheme} from '../theme.js';
import {opaque, useDialogFit} from './dialog-layer.js';

type Properties = {
	readonly title: string;
	/** How to leave, after the title: `esc to close`. */
	readonly hint: string;
	readonly width: number;
	/** Fixed (the help's scrolling list); without it, the frame is as tall as what it holds. */
	readonly height?: number;
	readonly children: ReactNode;
};

/** The frame of the help overlay and the wizards: a box in the accent colour, its title, how to leave. */
export function OverlayFrame({title, hint, width, height, children}: Properties) {
	const {accent} = useTheme();
	// A wizard's next question changes its height without the layer rendering again.
	useDialogFit();
	return (
		<Box
			flexDirection="column"
			borderStyle="round"
			borderColor={accent}
			width={width}
			height={height}
			paddingX={1}
			overflow="hidden"
			backgroundColor={opaque}
		>
			{/* The title never gives way to a list too long for the frame: the list is cut instead. */}
			<Box flexShrink={0}>
				<Text bold color={accent}>
					{title} <Text dimColor>({hint})</Text>
				</Text>
			</Box>
			{children}
		</Box>
	);
}
