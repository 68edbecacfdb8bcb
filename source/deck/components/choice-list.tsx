import {Box, type Key, Text} from 'ink';
import {useCallback, useRef, useState} from 'react';
import {useKeyTarget} from '../keys/key-target.js';
import {clipHint, useScroll} from './scroll.js';

export type ChoiceItem = {readonly label: string; readonly value: string};

type Properties = {
	readonly items: readonly ChoiceItem[];
	readonly initialIndex: number;
	/**
	 * How many rows the list takes at most; the list scrolls past it. A list longer than that gives
	 * one of them to a line saying how much is out of view (`3/11 ↑ 2 more ↓ 6 more`).
	 */
	readonly limit: number;
	readonly onSelect: (item: ChoiceItem) => void;
};

/** The choice after `key` at `index`: up/down (and k/j) wrap round, home/end go to the ends. */
function moved(index: number, count: number, input: string, key: Key): number {
	if (key.upArrow || input === 'k') return (index - 1 + count) % count;
	if (key.downArrow || input === 'j') return (index + 1) % count;
	if (key.home) return 0;
	if (key.end) return count - 1;
	return index;
}

/**
 * A list to choose from (a wizard's question). The index lives in a ref as well as in state: two
 * Down arrows in one read move twice, each from where the last one left it.
 */
export function ChoiceList({items, initialIndex, limit, onSelect}: Properties) {
	const index = useRef(Math.min(initialIndex, Math.max(0, items.length - 1)));
	const [shown, setShown] = useState(index.current);
	const onKey = useCallback(
		(input: string, key: Key) => {
			if (items.length === 0) return;
			const item = items[index.current];
			if (key.return && item) {
				onSelect(item);
				return;
			}

			index.current = moved(index.current, items.length, input, key);
			setShown(index.current);
		},
		[items, onSelect],
	);
	useKeyTarget(onKey);

	// The hint is the panels' (components/scroll.ts), on its own line: a wizard's list has no border for it.
	const clipped = items.length > Math.max(1, limit);
	const rows = clipped ? Math.max(1, limit - 1) : Math.max(1, limit);
	const start = useScroll(shown, items.length, rows);
	return (
		<Box flexDirection="column">
			{items.slice(start, start + rows).map((item, offset) => {
				const selected = start + offset === shown;
				return (
					<Text key={item.value} bold={selected} wrap="truncate">
						{selected ? '❯ ' : '  '}
						{item.label}
					</Text>
				);
			})}
			{clipped ? (
				<Text dimColor wrap="truncate">
					{'  '}
					{clipHint(shown, items.length, start, rows, {above: true})}
				</Text>
			) : null}
		</Box>
	);
}
