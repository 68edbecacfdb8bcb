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
