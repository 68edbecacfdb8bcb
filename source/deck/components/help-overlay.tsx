import {Text} from 'ink';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {keyLabel, modeBindings, panelBindings, scopeLabel} from '../bindings/index.js';
import {OverlayFrame} from './overlay-frame.js';

type Properties = {readonly width: number; readonly height: number};

const selectPage = ({ui}: State) => (ui.overlay?.kind === 'help' ? ui.overlay.page : undefined);

/** Every key, printed from the bindings: the panels' keys, or (after tab) the dialogs' and the filter's. */
export function HelpOverlay({width, height}: Properties) {
	const dialogs = useStore(selectPage) === 'dialogs';
	const keyWidth = 14;
	const scopeWidth = 22;
	const all = dialogs ? modeBindings : panelBindings;
	// Border and title take three rows; a list that does not fit says how many keys it leaves out.
	const room = Math.max(1, height - 3);
	const shown = all.length > room ? all.slice(0, room - 1) : all;
	return (
		<OverlayFrame
			title={dialogs ? 'Keys of the dialogs and the filter' : 'Keys'}
			hint="esc to close"
			width={width}
			height={height}
		>
			{shown.map((binding) => (
				<Text key={`${binding.action}`} wrap="truncate">
					<Text bold color={binding.dangerous ? 'red' : 'cyan'}>
						{keyLabel(binding).padEnd(keyWidth)}
					</Text>
					<Text dimColor>{scopeLabel(binding.scope).padEnd(scopeWidth)}</Text>
					{binding.description}
				</Text>
			))}
			{shown.length < all.length ? (
				<Text dimColor wrap="truncate">
					… {all.length - shown.length} more; a taller terminal shows every key (the readme lists
					them)
				</Text>
			) : null}
		</OverlayFrame>
	);
}
