import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {useTheme} from '../theme.js';

type Properties = {
	readonly title: string;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
	/** Drawn at the right of the top border: where the cursor is in a clipped list (`4/1000 ↓ 990 more`). */
	readonly hint?: string;
	readonly children: ReactNode;
};

/** A bordered panel with its title in the top border: `┌ 1 Accounts ─────┐`. */
export function PanelBox({title, width, height, focused, hint = '', children}: Properties) {
	const palette = useTheme();
	const color = focused ? palette.accent : palette.muted;
	const label = title.length > width - 6 ? `${title.slice(0, Math.max(0, width - 7))}…` : title;
	// The hint only where it fits beside the title.
	const right = hint && label.length + hint.length + 9 <= width ? ` ${hint} ─` : '';
	const rule = '─'.repeat(Math.max(0, width - label.length - 4 - right.length));
	return (
		<Box flexDirection="column" width={width} height={height} flexShrink={0}>
			<Text color={color} bold={focused} wrap="truncate">
				{`┌ ${label} ${rule}${right}┐`}
			</Text>
			<Box
				flexDirection="column"
				borderStyle="single"
				borderTop={false}
				borderColor={color}
				height={height - 1}
				width={width}
				paddingX={1}
				overflowY="hidden"
			>
				{children}
			</Box>
		</Box>
	);
}
