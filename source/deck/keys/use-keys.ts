import {type Key, useInput} from 'ink';
import {useRef} from 'react';
import {type KeyPress, pressOf, splitKeys} from './split-keys.js';

/** The bracketed-paste markers as Ink hands them over (it strips the leading ESC). */
const pasteStart = '[200~';
const pasteEnd = '[201~';

/**
 * What a paste types: its text, with line breaks dropped, and one Enter when it ends with a line
 * break (a copied line submits, as it would in a shell). A carriage return is never typed as text.
 */
export function pastePresses(text: string): readonly KeyPress[] {
	const submits = /[\r\n]$/.test(text);
	const presses = Array.from(text.replaceAll(/[\r\n]+/g, ' ').trimEnd(), (character) =>
		pressOf(character),
	).filter((press) => !press.key.ctrl && !press.key.tab && !press.key.backspace);
	return submits ? [...presses, pressOf('\r')] : presses;
}

/**
 * `useInput`, one call per key press: the one place keys are split, so the panels, the dialogs and
 * the text inputs see the same presses in the same order, however the terminal grouped them.
 */
export function useKeys(
	handler: (input: string, key: Key) => void,
	options: {readonly isActive?: boolean} = {},
): void {
	// A bracketed paste may come in several reads: its text is kept until the end marker.
	const paste = useRef<string | undefined>(undefined);
	useInput((input, key) => {
		if (input === pasteStart && !key.ctrl) {
			paste.current = '';
			return;
		}

		if (paste.current !== undefined) {
			if (input === pasteEnd) {
				const text = paste.current;
				paste.current = undefined;
				for (const press of pastePresses(text)) handler(press.input, press.key);
				return;
			}

			paste.current += key.return ? '\n' : input;
			return;
		}

		for (const press of splitKeys(input, key)) handler(press.input, press.key);
	}, options);
}
