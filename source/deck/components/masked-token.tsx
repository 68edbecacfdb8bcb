import {Box, Text} from 'ink';
import {maskSecret} from '../../lib/mask.js';
import {sanitize} from '../../lib/sanitize.js';
import {useTheme} from '../theme.js';
import {opaque} from './dialog-layer.js';
import {useNow} from './use-now.js';

type Properties = {
	readonly label: string;
	readonly secret: string;
	/** When the secret is masked again (ms since the epoch). */
	readonly until: number;
	readonly width: number;
	/** The most rows the box may take; a longer secret shows its start and says how much is left. */
	readonly height: number;
};

/** `text` in lines of `size` characters: a secret has no spaces to wrap at. */
function chunks(text: string, size: number): string[] {
	const characters = Array.from(text);
	const lines: string[] = [];
	for (let at = 0; at < characters.length; at += size) {
		lines.push(characters.slice(at, at + size).join(''));
	}

	return lines;
}

/** The revealed secret, with the seconds left before it is masked again. */
export function RevealedSecret({label, secret, until, width, height}: Properties) {
	const now = useNow(250);
	const {warning} = useTheme();
	const left = Math.max(0, Math.ceil((until - now) / 1000));
	const size = Math.max(10, width - 4);
	const lines = chunks(sanitize(secret, 65_536), size);
	// Borders, title and the last line; one more for the note when the secret does not fit.
	const room = Math.max(1, height - 4);
	const shown = lines.length <= room ? lines : lines.slice(0, Math.max(1, room - 1));
	const hidden = lines.slice(shown.length).join('').length;
	return (
		<Box
			flexDirection="column"
			borderStyle="round"
			borderColor={warning}
			width={width}
			paddingX={1}
			backgroundColor={opaque}
		>
			<Text bold wrap="truncate">
				Secret of {sanitize(label, 80)}
			</Text>
			{shown.map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the lines of one secret, in order
				<Text key={index} color={warning} wrap="truncate">
					{line}
				</Text>
			))}
			{hidden > 0 ? (
				<Text dimColor wrap="truncate">
					… {hidden} more characters: a taller terminal shows them all
				</Text>
			) : null}
			<Text dimColor wrap="truncate">
				masked again in {left}s or on any key · masked: {maskSecret(secret)}
			</Text>
		</Box>
	);
}
