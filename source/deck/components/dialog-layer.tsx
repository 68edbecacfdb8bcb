import {Box} from 'ink';
import type {ReactNode} from 'react';

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

type Properties = {
	/** The panel grid's size: the layer covers it exactly. */
	readonly width: number;
	readonly height: number;
	readonly children: ReactNode;
};

/**
 * The open dialog over the panels, as lazygit and k9s draw theirs: a layer the size of the panel grid,
 * transparent but for the dialog centred on it, so the panels stay in view around it. Ink has no
 * z-order but paint order: the layer comes after the panels, so it is painted over them.
 */
export function DialogLayer({width, height, children}: Properties) {
	return (
		<Box
			position="absolute"
			width={width}
			height={height}
			paddingY={layerMargin}
			flexDirection="column"
			alignItems="center"
			justifyContent="center"
			overflow="hidden"
		>
			{children}
		</Box>
	);
}
