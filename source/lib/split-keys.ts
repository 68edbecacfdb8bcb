import type {Key} from 'ink';

/** One key press: what Ink's `useInput` would have handed over had the key come alone. */
export type KeyPress = {readonly input: string; readonly key: Key};

/** Every flag off: a plain printable character. */
export const plain: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/** The key press one character stands for, as Ink's parser reads it when it arrives alone. */
export function pressOf(character: string): KeyPress {
	const code = character.codePointAt(0) ?? 0;
	if (character === '\r' || character === '\n') return {input: '', key: {...plain, return: true}};
	if (character === '\t') return {input: '', key: {...plain, tab: true}};
	// Terminals send DEL for the backspace key, and ctrl+h (BS) on some setups.
	if (character === '\u007F' || character === '\b') {
		return {input: '', key: {...plain, backspace: true}};
	}

	if (character === '\u001B') return {input: '', key: {...plain, escape: true, meta: true}};
	if (code >= 1 && code <= 26) {
		return {input: String.fromCodePoint(code + 96), key: {...plain, ctrl: true}};
	}

	return {input: character, key: {...plain, shift: /^[A-Z]$/.test(character)}};
}

/**
 * Splits what Ink hands over for one read into the key presses it holds. Ink 6 cuts a read at escape
 * sequences only: a run of plain bytes (`j\r`, three DELs, a typed word and its Enter) arrives as a
 * single `input` with no flag set, and Ink's keypress parser recognises none of it. Each character of
 * such a run is a key of its own; anything Ink did recognise (one key, an arrow) is passed on as is.
 */
export function splitKeys(input: string, key: Key): readonly KeyPress[] {
	const characters = Array.from(input);
	if (characters.length <= 1 || key.ctrl || key.meta) {
		return [{input, key}];
	}

	return characters.map((character) => pressOf(character));
}
