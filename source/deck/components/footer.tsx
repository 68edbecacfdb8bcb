import {Box, Text} from 'ink';
import type {Overlay, PanelId, State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {type Binding, footerBindings, keyLabel} from '../bindings.js';

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

/** Kept in the footer however narrow: the way to every other key, and the way out. */
const kept: ReadonlySet<Binding['action']> = new Set<Binding['action']>(['help', 'quit']);

/**
 * The footer's line, at most `width` columns: the focused panel's keys, then the global ones. When
 * they do not all fit, global keys go first and then the panel's own, from the end, but `? help`
 * (which lists every key) and quitting always stay.
 */
export function footerText(
	focus: PanelId,
	overlay?: Overlay['kind'],
	filtering = false,
	width = Number.POSITIVE_INFINITY,
): string {
	if (overlay) {
		return dialogKeys[overlay];
	}

	if (filtering) {
		return 'type to filter  enter keep  esc clear  up/down move';
	}

	const shown = [...footerBindings(focus)];
	const line = () => shown.map((binding) => `${keyLabel(binding)} ${binding.short}`).join('  ');
	for (let index = shown.length - 1; index >= 0 && line().length > width; index--) {
		if (!kept.has(shown[index]?.action as Binding['action'])) shown.splice(index, 1);
	}

	return line();
}

/** The focused panel's keys, printed from the keymap. */
export function Footer({columns}: {readonly columns: number}) {
	const focus = useStore(selectFocus);
	const overlay = useStore(selectOverlay);
	const filtering = useStore(selectFiltering);
	return (
		<Box height={1}>
			<Text wrap="truncate" color="gray">
				{` ${footerText(focus, overlay, filtering, columns - 1)}`}
			</Text>
		</Box>
	);
}
