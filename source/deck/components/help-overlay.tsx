import {type Key, Text} from 'ink';
import {useCallback, useMemo, useRef, useState} from 'react';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {modeBindings, panelBindings} from '../bindings/index.js';
import {useKeyTarget} from '../keys/key-target.js';
import {useTheme} from '../theme.js';
import {helpLines, keyColumn} from './help-lines.js';
import {OverlayFrame} from './overlay-frame.js';

type Properties = {readonly width: number; readonly height: number};

const selectPage = ({ui}: State) => (ui.overlay?.kind === 'help' ? ui.overlay.page : undefined);

/** How far a scroll key moves, for a view of `rows` lines. */
export function scrollStep(input: string, key: Key, rows: number): number | undefined {
	if (key.downArrow || (input === 'j' && !key.ctrl)) return 1;
	if (key.upArrow || (input === 'k' && !key.ctrl)) return -1;
	if (key.pageDown || (key.ctrl && input === 'f')) return rows;
	if (key.pageUp || (key.ctrl && input === 'b')) return -rows;
	if (key.ctrl && input === 'd') return Math.max(1, Math.floor(rows / 2));
	if (key.ctrl && input === 'u') return -Math.max(1, Math.floor(rows / 2));
	if (key.home || (input === 'g' && !key.ctrl)) return Number.NEGATIVE_INFINITY;
	if (key.end || input === 'G') return Number.POSITIVE_INFINITY;
	return undefined;
}

/**
 * Every key, printed from the bindings and grouped by where it applies: the panels' keys, or (after
 * tab) the dialogs' and the filter's. Descriptions wrap, never cut; the list scrolls (j/k, pageup/
 * pagedown, ctrl+d/ctrl+u, g/G) and says how much is above and below.
 */
export function HelpOverlay({width, height}: Properties) {
	const dialogs = useStore(selectPage) === 'dialogs';
	const palette = useTheme();
	const bindings = dialogs ? modeBindings : panelBindings;
	const inner = Math.max(10, width - 4);
	const lines = useMemo(() => helpLines(bindings, inner), [bindings, inner]);
	const keys = keyColumn(bindings, inner);
	// Border (2), title and the position line.
	const rows = Math.max(1, height - 4);
	const last = Math.max(0, lines.length - rows);
	const [offset, setOffset] = useState(0);
	const position = useRef(0);
	position.current = Math.min(position.current, last);
	const onKey = useCallback(
		(input: string, key: Key) => {
			if (key.tab) {
				position.current = 0;
				setOffset(0);
				return;
			}

			const step = scrollStep(input, key, rows);
			if (step === undefined) return;
			position.current = Math.max(0, Math.min(last, position.current + step));
			setOffset(position.current);
		},
		[rows, last],
	);
	useKeyTarget(onKey);

	const top = Math.min(offset, last);
	const shown = lines.slice(top, top + rows);
	const below = lines.length - top - shown.length;
	return (
		<OverlayFrame
			title={dialogs ? 'Keys of the dialogs and the filter' : 'Keys of the panels'}
			hint="esc to close"
			width={width}
			height={height}
		>
			{shown.map((line, index) =>
				line.kind === 'heading' ? (
					// biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place
					<Text key={index} bold underline wrap="truncate">
						{line.text}
					</Text>
				) : (
					// biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place
					<Text key={index} wrap="truncate">
						<Text bold color={line.dangerous ? palette.danger : palette.accent}>
							{line.key.padEnd(line.text ? keys : 0)}
						</Text>
						{line.text}
					</Text>
				),
			)}
			<Text dimColor wrap="truncate">
				{`${top + 1}-${top + shown.length}/${lines.length}`}
				{below > 0 ? `  ↓ ${below} more (j/k, pgup/pgdn, g/G)` : '  end'}
			</Text>
		</OverlayFrame>
	);
}
