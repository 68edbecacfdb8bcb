import {Text} from 'ink';
import {bindings, keyLabel, scopeLabel} from '../bindings.js';
import {OverlayFrame} from './overlay-frame.js';

type Properties = {readonly width: number; readonly height: number};

/** Every key, printed from the keymap. */
export function HelpOverlay({width, height}: Properties) {
	const keyWidth = 14;
	const scopeWidth = 22;
	return (
		<OverlayFrame title="Keys" hint="esc to close" width={width} height={height}>
			{bindings.map((binding) => (
				<Text key={`${binding.action}`} wrap="truncate">
					<Text bold color={binding.dangerous ? 'red' : 'cyan'}>
						{keyLabel(binding).padEnd(keyWidth)}
					</Text>
					<Text dimColor>{scopeLabel(binding.scope).padEnd(scopeWidth)}</Text>
					{binding.description}
				</Text>
			))}
		</OverlayFrame>
	);
}
