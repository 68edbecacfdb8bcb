import {useRef} from 'react';

/**
 * The first row to show so the selected row stays in view, moving the window as little as
 * possible from where it was (like a pager, not re-centring on every key).
 */
export function scrollOffset(previous: number, selected: number, total: number, height: number) {
	const last = Math.max(0, total - height);
	let offset = Math.min(Math.max(0, previous), last);
	if (selected < offset) {
		offset = selected;
	} else if (selected >= offset + height) {
		offset = selected - height + 1;
	}

	return Math.min(Math.max(0, offset), last);
}

/** Remembers the scroll position of a virtualised list between renders. */
export function useScroll(selected: number, total: number, height: number): number {
	const offset = useRef(0);
	offset.current = scrollOffset(offset.current, Math.max(0, selected), total, Math.max(1, height));
	return offset.current;
}

/**
 * Where the cursor is in a clipped list, and how many rows are out of view: `251/1000 ↓ 740 more`,
 * and with `above` (a list with no border to scroll against, a wizard's choices) also the rows
 * above the window: `251/1000 ↑ 250 more ↓ 740 more`. Empty when every row is in view.
 */
export function clipHint(
	cursor: number,
	total: number,
	offset: number,
	shown: number,
	{above = false}: {readonly above?: boolean} = {},
): string {
	if (total <= shown) return '';
	const first = Math.min(Math.max(0, offset), Math.max(0, total - shown));
	const below = Math.max(0, total - first - shown);
	const up = above && first > 0 ? ` ↑ ${first} more` : '';
	const down = below > 0 ? ` ↓ ${below} more` : '';
	return `${Math.min(total, Math.max(0, cursor) + 1)}/${total}${up}${down}`;
}
