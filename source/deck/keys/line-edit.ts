import type {Key} from 'ink';

/** A line being typed: its text and where the cursor is (an index into its characters). */
export type Line = {readonly text: string; readonly cursor: number};

/** What a key press does to a line: the line after it, and whether it submits. */
export type Edit = {readonly line: Line; readonly submit: boolean};

/** Printable text only: a control character (a stray CR, an escape) is never typed into a field. */
const printable = /^[^\p{Cc}\p{Cf}]+$/u;

/** A line with the cursor at its end. */
export function lineOf(text = ''): Line {
	return {text, cursor: Array.from(text).length};
}

/** Where the word before `cursor` starts, as a shell's ctrl+w sees words: runs of non-spaces. */
function wordStart(characters: readonly string[], cursor: number): number {
	let at = cursor;
	while (at > 0 && characters[at - 1] === ' ') at--;
	while (at > 0 && characters[at - 1] !== ' ') at--;
	return at;
}

/**
 * One key press on a line, edited as a shell's line editor does: ctrl+a/home and ctrl+e/end move to
 * the start and end, left/right by a character, ctrl+u clears up to the cursor, ctrl+k from it,
 * ctrl+w deletes the word before it, backspace the character before it; enter submits. Pure.
 */
export function editLine(line: Line, input: string, key: Key, limit = 4096): Edit {
	const characters = Array.from(line.text);
	const {cursor} = line;
	const to = (next: readonly string[], at: number): Edit => ({
		line: {text: next.join(''), cursor: Math.max(0, Math.min(at, next.length))},
		submit: false,
	});
	if (key.return) return {line, submit: true};
	if (key.leftArrow) return to(characters, cursor - 1);
	if (key.rightArrow) return to(characters, cursor + 1);
	if (key.home || (key.ctrl && input === 'a')) return to(characters, 0);
	if (key.end || (key.ctrl && input === 'e')) return to(characters, characters.length);
	if (key.ctrl && input === 'u') return to(characters.slice(cursor), 0);
	if (key.ctrl && input === 'k') return to(characters.slice(0, cursor), cursor);
	if (key.ctrl && input === 'w') {
		const start = wordStart(characters, cursor);
		return to([...characters.slice(0, start), ...characters.slice(cursor)], start);
	}

	// Terminals send DEL for backspace, which Ink reports as `delete`: both erase backwards.
	if (key.backspace || key.delete) {
		if (cursor === 0) return {line, submit: false};
		return to([...characters.slice(0, cursor - 1), ...characters.slice(cursor)], cursor - 1);
	}

	if (key.ctrl || key.meta || key.tab || key.escape || !printable.test(input)) {
		return {line, submit: false};
	}

	const typed = Array.from(input).slice(0, Math.max(0, limit - characters.length));
	return to(
		[...characters.slice(0, cursor), ...typed, ...characters.slice(cursor)],
		cursor + typed.length,
	);
}
