import {Box, Text} from 'ink';
import type {Overlay, PanelId, State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {type Binding, footerBindings, keyLabel} from '../bindings/index.js';
import {useTheme} from '../theme.js';

const selectFocus = (state: State) => state.ui.focus;
const selectOverlay = (state: State) => state.ui.overlay?.kind;
const selectFiltering = (state: State) => state.ui.filtering;

/** Kept in the footer however narrow: the way to every other key, and the way out. */
const kept: ReadonlySet<Binding['action']> = new Set<Binding['action']>(['help', 'quit']);

/**
 * The footer's line, at most `width` columns: the open dialog's or the filter's keys, else the
 * focused panel's keys, then the global ones. When a panel's keys do not all fit, global keys go
 * first and then the panel's own, from the end, but `? help` (which lists every key) and quitting
 * always stay.
 */
export function footerText(
	focus: PanelId,
	overlay?: Overlay['kind'],
	filtering = false,
	width = Number.POSITIVE_INFINITY,
): string {
	const place = overlay ?? (filtering ? 'filter' : focus);
	const shown = [...footerBindings(place)];
	const line = () => shown.map((binding) => `${keyLabel(binding)} ${binding.short}`).join('  ');
	if (place !== focus) {
		// A dialog's few keys are never dropped: the terminal cuts what does not fit.
		return line();
	}

	for (let index = shown.length - 1; index >= 0 && line().length > width; index--) {
		if (!kept.has(shown[index]?.action as Binding['action'])) shown.splice(index, 1);
	}

	return line();
}

/** The keys that apply now, printed from the bindings. */
export function Footer({columns}: {readonly columns: number}) {
	const focus = useStore(selectFocus);
	const overlay = useStore(selectOverlay);
	const filtering = useStore(selectFiltering);
	const {muted} = useTheme();
	return (
		<Box height={1}>
			<Text wrap="truncate" color={muted}>
				{` ${footerText(focus, overlay, filtering, columns - 1)}`}
			</Text>
		</Box>
	);
}
