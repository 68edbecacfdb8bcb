import {Spinner} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {useTheme} from '../theme.js';
import {wrapText} from './help-lines.js';

const selectBusy = (state: State) => state.ui.busy;
const selectNotice = (state: State) => state.ui.notice;
const roles = {info: 'success', warning: 'warning', error: 'danger'} as const;

/** The longest message the status line shows, and the most rows it takes to show it whole. */
const longest = 300;
const mostRows = 3;

/** How many rows the status line needs for `text` at `columns`: long messages wrap, up to three. */
export function statusRows(text: string | undefined, columns: number): number {
	if (!text) return 1;
	const width = Math.max(10, columns - 2);
	return Math.min(mostRows, wrapText(sanitize(text, longest), width).length);
}

/** One line for work under way (a spinner), or the last message, wrapped when long. */
export function StatusLine({rows = 1}: {readonly rows?: number}) {
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
		<Box height={rows} paddingX={1} overflowY="hidden">
			<Text wrap="wrap" color={notice ? palette[roles[notice.level]] : undefined}>
				{notice ? sanitize(notice.text, longest) : ' '}
			</Text>
		</Box>
	);
}
