import {Spinner} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {useTheme} from '../theme.js';

const selectBusy = (state: State) => state.ui.busy;
const selectNotice = (state: State) => state.ui.notice;
const roles = {info: 'success', warning: 'warning', error: 'danger'} as const;

/** One line for work under way (a spinner) or the last message. */
export function StatusLine() {
	const busy = useStore(selectBusy);
	const notice = useStore(selectNotice);
	const palette = useTheme();
	if (busy) {
		return (
			<Box height={1} paddingX={1}>
				<Spinner label={`${sanitize(busy, 300)}…`} />
			</Box>
		);
	}

	return (
		<Box height={1} paddingX={1}>
			<Text wrap="truncate" color={notice ? palette[roles[notice.level]] : undefined}>
				{notice ? sanitize(notice.text, 300) : ' '}
			</Text>
		</Box>
	);
}
