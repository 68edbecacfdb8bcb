import {Box, Text} from 'ink';
import {bindings, keyLabel, scopeLabel} from '../keymap.js';

type Properties = {readonly width: number; readonly height: number};

/** Every key, printed from the keymap. */
export function HelpOverlay({width, height}: Properties) {
	const keyWidth = 14;
	const scopeWidth = 22;
	return (
		<Box
			flexDirection="column"
			borderStyle="round"
			borderColor="cyan"
			width={width}
			height={height}
			paddingX={1}
			overflow="hidden"
		>
			<Text bold color="cyan">
				Keys <Text dimColor>(esc to close)</Text>
			</Text>
			{bindings.map((binding) => (
				<Text key={`${binding.action}`} wrap="truncate">
					<Text bold color={binding.dangerous ? 'red' : 'cyan'}>
						{keyLabel(binding).padEnd(keyWidth)}
					</Text>
					<Text dimColor>{scopeLabel(binding.scope).padEnd(scopeWidth)}</Text>
					{binding.description}
				</Text>
			))}
		</Box>
	);
}
