import {ConfirmInput} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import type {ConfirmIntent} from '../../store/state.js';
import {useDispatch} from '../../store/use-store.js';

type Properties = {
	readonly message: string;
	readonly intent: ConfirmIntent;
	readonly width: number;
};

const dangerous = new Set<ConfirmIntent['type']>(['remove-account', 'remove-credential']);

/** Asks before a dangerous or revealing action; `n`, esc and enter (default: no) cancel. */
export function ConfirmDialog({message, intent, width}: Properties) {
	const dispatch = useDispatch();
	return (
		<Box
			flexDirection="column"
			borderStyle="round"
			borderColor={dangerous.has(intent.type) ? 'red' : 'yellow'}
			width={Math.min(width, 72)}
			paddingX={1}
		>
			<Text bold wrap="wrap">
				{sanitize(message, 200)}
			</Text>
			<Box>
				<Text>Confirm? </Text>
				<ConfirmInput
					defaultChoice="cancel"
					onConfirm={() => {
						dispatch({type: 'overlay-closed'});
						dispatch({type: 'intent-requested', intent});
					}}
					onCancel={() => dispatch({type: 'overlay-closed'})}
				/>
			</Box>
		</Box>
	);
}
