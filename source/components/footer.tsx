import {Box, Text} from 'ink';
import {footerBindings, keyLabel} from '../keymap.js';
import type {Overlay, PanelId, State} from '../store/state.js';
import {useStore} from '../store/use-store.js';

const selectFocus = (state: State) => state.ui.focus;
const selectOverlay = (state: State) => state.ui.overlay?.kind;
const selectFiltering = (state: State) => state.ui.filtering;

/** Keys of dialogs, which take the keys while they are open. */
const dialogKeys: Readonly<Record<Overlay['kind'], string>> = {
	help: 'esc close',
	confirm: 'y yes  n no  esc cancel',
	prompt: 'enter save  esc cancel',
	wizard: 'up/down choose  enter next  esc cancel',
	reveal: 'any key hide',
};

export function footerText(focus: PanelId, overlay?: Overlay['kind'], filtering = false): string {
	if (overlay) {
		return dialogKeys[overlay];
	}

	if (filtering) {
		return 'type to filter  enter keep  esc clear  up/down move';
	}

	return footerBindings(focus)
		.map((binding) => `${keyLabel(binding)} ${binding.short}`)
		.join('  ');
}

/** The focused panel's keys, printed from the keymap. */
export function Footer() {
	const focus = useStore(selectFocus);
	const overlay = useStore(selectOverlay);
	const filtering = useStore(selectFiltering);
	return (
		<Box height={1}>
			<Text wrap="truncate" color="gray">
				{` ${footerText(focus, overlay, filtering)}`}
			</Text>
		</Box>
	);
}
