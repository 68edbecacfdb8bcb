import {type Key, useInput} from 'ink';
import {useEffect, useRef, useState} from 'react';
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
 *
 * An Enter may move the keys to another input (a wizard's next question), which takes them only once
 * React has drawn it; Ink draws after the whole read is handled. So the presses after an Enter wait
 * in a queue until React has committed the frame the Enter caused, and the new input holds the
 * keys; later reads queue behind them, keeping the order.
 */
export function useKeys(
	handler: (input: string, key: Key) => void,
	options: {readonly isActive?: boolean} = {},
): void {
	// A bracketed paste may come in several reads: its text is kept until the end marker.
	const paste = useRef<string | undefined>(undefined);
	const latest = useRef(handler);
	latest.current = handler;
	const queue = useRef<KeyPress[]>([]);
	const waiting = useRef(false);
	const [frame, setFrame] = useState(0);
	const drain = () => {
		waiting.current = false;
		let press = queue.current.shift();
		while (press) {
			latest.current(press.input, press.key);
			if (press.key.return && queue.current.length > 0) {
				// Committed in the same render as what the Enter changed, so the effect below runs
				// after the next input has taken the keys (children's effects run before their parent's).
				waiting.current = true;
				setFrame((n) => n + 1);
				return;
			}

			press = queue.current.shift();
		}
	};

	const deliver = (presses: readonly KeyPress[]) => {
		queue.current.push(...presses);
		if (!waiting.current) drain();
	};

	// biome-ignore lint/correctness/useExhaustiveDependencies: runs once per frame the queue waits for
	useEffect(() => {
		if (waiting.current) drain();
	}, [frame]);
	useInput((input, key) => {
		if (input === pasteStart && !key.ctrl) {
			paste.current = '';
			return;
		}

		if (paste.current !== undefined) {
			if (input === pasteEnd) {
				const text = paste.current;
				paste.current = undefined;
				deliver(pastePresses(text));
				return;
			}

			paste.current += key.return ? '\n' : input;
			return;
		}

		deliver(splitKeys(input, key));
	}, options);
}
