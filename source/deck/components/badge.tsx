import {Text} from 'ink';
import type {Palette, Role} from '../theme.js';

type Properties = {
	readonly tone: Role;
	readonly palette: Palette;
	readonly children: string;
};

/**
 * A short label on a coloured ground (` PROD `). Without colour (NO_COLOR, the monochrome theme) it
 * is drawn inverse and bold, so a production badge still stands out.
 */
export function Badge({tone, palette, children}: Properties) {
	const colour = palette[tone];
	const label = ` ${children.toUpperCase()} `;
	return colour ? (
		<Text backgroundColor={colour} color="black">
			{label}
		</Text>
	) : (
		<Text inverse bold>
			{label}
		</Text>
	);
}
