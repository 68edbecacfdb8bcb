import {Box, type DOMElement, measureElement} from 'ink';
import {
	createContext,
	type ReactNode,
	useCallback,
	useContext,
	useLayoutEffect,
	useRef,
	useState,
} from 'react';

/**
 * The fill of a dialog's inside. Ink paints a box's inside when it has a `backgroundColor`, and a
 * name that is no colour reaches the screen as plain spaces (Ink's colorize passes it through): the
 * dialog hides the rows under it without painting any colour, so NO_COLOR and every theme hold.
 */
export const opaque = 'opaque';

/** The rows the layer keeps free above and below a dialog: the panels' titles stay in view. */
export const layerMargin = 1;

/** How wide a dialog of at most `widest` columns is at `columns`: two columns of the deck on each side. */
export const dialogWidth = (columns: number, widest: number) =>
	Math.max(20, Math.min(widest, columns - 4));

/** How many rows a dialog may take in a panel grid `rows` tall. */
export const dialogRows = (rows: number) => Math.max(3, rows - 2 * layerMargin);

/**
 * The row of the grid a dialog `rows` tall starts on, in a grid `height` tall whose panels draw a
 * horizontal border on each of `borders` (and on its first and last rows). Neither of the dialog's
 * own top and bottom borders may fall on one of them: beside the dialog the panel's border would run
 * on from its corner (`╯─┘`), and its corner would read as the panel's. Of the rows left, the one
 * nearest the centre. When none is left (a short grid), the one whose edges meet fewest borders.
 */
export function dialogTop(rows: number, height: number, borders: readonly number[]): number {
	const taken = new Set([0, height - 1, ...borders]);
	const first = layerMargin;
	const last = Math.max(first, height - layerMargin - rows);
	const centre = Math.max(first, Math.floor((height - rows) / 2));
	let best = centre;
	let bestScore = Number.POSITIVE_INFINITY;
	for (let top = first; top <= last; top++) {
		const meets = Number(taken.has(top)) + Number(taken.has(top + rows - 1));
		const score = meets * height + Math.abs(top - centre);
		if (score < bestScore) {
			best = top;
			bestScore = score;
		}
	}

	return best;
}

/**
 * Asks the layer to measure its dialog again. A dialog whose height changes on its own (a wizard's
 * next question, a line typed long enough to wrap) calls it after each of its renders, which the
 * layer does not see.
 */
const Refit = createContext<(() => void) | undefined>(undefined);

/** Tells the dialog layer, after every render of the caller, that the dialog may have changed height. */
export function useDialogFit(): void {
	const refit = useContext(Refit);
	useLayoutEffect(() => {
		refit?.();
	});
}

type Properties = {
	/** The panel grid's size: the layer covers it exactly. */
	readonly width: number;
	readonly height: number;
	/** The grid's rows, from its top, on which a panel draws a horizontal border (besides its first and last). */
	readonly borders?: readonly number[];
	readonly children: ReactNode;
};

/**
 * The open dialog over the panels, as lazygit and k9s draw theirs: a layer the size of the panel grid,
 * transparent but for the dialog, so the panels stay in view around it. Ink has no z-order but paint
 * order: the layer comes after the panels, so it is painted over them. The dialog is measured once
 * laid out and placed where its borders meet none of the panels' (see `dialogTop`); until it has been
 * measured it is laid out below the grid, where nothing of it is painted.
 */
export function DialogLayer({width, height, borders = [], children}: Properties) {
	const box = useRef<DOMElement>(null);
	const [rows, setRows] = useState<number>();
	const measure = useCallback(() => {
		if (!box.current) return;
		const measured = measureElement(box.current).height;
		setRows((known) => (known === measured ? known : measured));
	}, []);
	// Ink lays the tree out before layout effects run: the height is this render's.
	useLayoutEffect(measure);
	const top = rows === undefined ? height : dialogTop(rows, height, borders);
	return (
		<Box
			position="absolute"
			width={width}
			height={height}
			flexDirection="column"
			alignItems="center"
			overflow="hidden"
		>
			<Box ref={box} marginTop={top} flexShrink={0} flexDirection="column">
				<Refit.Provider value={measure}>{children}</Refit.Provider>
			</Box>
		</Box>
	);
}
