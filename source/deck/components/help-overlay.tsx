import {Text} from 'ink';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {keyLabel, modeBindings, panelBindings, scopeLabel} from '../bindings/index.js';
import {useTheme} from '../theme.js';
import {OverlayFrame} from './overlay-frame.js';

type Properties = {readonly width: number; readonly height: number};

const selectPage = ({ui}: State) => (ui.overlay?.kind === 'help' ? ui.overlay.page : undefined);

/** Every key, printed from the bindings: the panels' keys, or (after tab) the dialogs' and the filter's. */
export function HelpOverlay({width, height}: Properties) {
	const dialogs = useStore(selectPage) === 'dialogs';
	const palette = useTheme();
	const keyWidth = 14;
	const scopeWidth = 22;
	return (
		<OverlayFrame
			title={dialogs ? 'Keys of the dialogs and the filter' : 'Keys'}
			hint="esc to close"
			width={width}
			height={height}
		>
			{(dialogs ? modeBindings : panelBindings).map((binding) => (
				<Text key={`${binding.action}`} wrap="truncate">
					<Text bold color={binding.dangerous ? palette.danger : palette.accent}>
						{keyLabel(binding).padEnd(keyWidth)}
					</Text>
					<Text dimColor>{scopeLabel(binding.scope).padEnd(scopeWidth)}</Text>
					{binding.description}
				</Text>
			))}
		</OverlayFrame>
	);
}
