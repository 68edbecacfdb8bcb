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
};

/** The revealed secret, with the seconds left before it is masked again. */
export function RevealedSecret({label, secret, until, width}: Properties) {
	const now = useNow(250);
	const {warning} = useTheme();
	const left = Math.max(0, Math.ceil((until - now) / 1000));
	return (
		<Box
			flexDirection="column"
			borderStyle="round"
			borderColor={warning}
			width={width}
			paddingX={1}
			backgroundColor={opaque}
		>
			<Text bold>Secret of {sanitize(label, 80)}</Text>
			<Text color={warning} wrap="wrap">
				{sanitize(secret, 65_536)}
			</Text>
			<Text dimColor>
				masked again in {left}s or on any key · masked: {maskSecret(secret)}
			</Text>
		</Box>
	);
}
