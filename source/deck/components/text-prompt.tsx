import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import type {FormError} from '../../store/state.js';
import {useDispatch} from '../../store/use-store.js';
import {useTheme} from '../theme.js';
import {opaque} from './dialog-layer.js';
import {TextField} from './text-field.js';

type Properties = {
	readonly label: string;
	readonly value: string;
	readonly targetId?: string;
	/** @default 'alias' */
	readonly purpose?: 'alias' | 'rotate';
	readonly error?: FormError;
	readonly width: number;
};

/** A one-line text prompt (the alias editor; masked for a credential's new secret); errors from the effects are shown under it. */
export function TextPrompt({label, value, targetId, purpose, error, width}: Properties) {
	const dispatch = useDispatch();
	const palette = useTheme();
	return (
		<Box
			flexDirection="column"
			borderStyle="round"
			borderColor={palette.accent}
			width={width}
			paddingX={1}
			backgroundColor={opaque}
		>
			<Text bold>{sanitize(label, 100)}</Text>
			<Box>
				<Text color={palette.accent}>› </Text>
				<TextField
					defaultValue={value}
					mask={purpose === 'rotate'}
					onSubmit={(text) =>
						dispatch({
							type: 'intent-requested',
							intent:
								purpose === 'rotate'
									? {type: 'rotate-credential', credentialId: targetId ?? '', secret: text}
									: {type: 'rename-account', accountId: targetId ?? '', alias: text},
						})
					}
				/>
			</Box>
			{error ? <Text color={palette.danger}>{sanitize(error.text, 200)}</Text> : null}
		</Box>
	);
}
