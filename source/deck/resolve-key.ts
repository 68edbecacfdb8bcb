import type {Key} from 'ink';
import type {State} from '../store/state.js';
import {anyKey, type Command, findBinding, placeOf, typedText} from './bindings/index.js';

/** The name of a key press as bindings spell it: `q`, `ctrl+c`, `shift+tab`, `up`, `enter`, `escape`. */
export function keyName(input: string, key: Key): string {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	// Terminals send DEL (0x7f) for the backspace key; Ink reports it as either.
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl) return `ctrl+${input}`;
	return input;
}

/** Keys typed into the filter: printable text only, never control characters. */
const printable = /^[^\p{Cc}\p{Cf}]+$/u;

/**
 * Resolves one key press against the state: looks the key up in the bindings of the place that takes
 * it (the open dialog, else the filter, else the focused panel with the global keys), and returns
 * what that binding's `run` produces. Pure; the deck dispatches what it returns.
 */
export function resolveKey(state: State, input: string, key: Key, now: string): readonly Command[] {
	const name = keyName(input, key);
	const typed = printable.test(input) && !key.ctrl && !key.meta ? input : undefined;
	const place = placeOf(state);
	const binding =
		findBinding(name, place) ??
		(typed === undefined ? undefined : findBinding(typedText, place)) ??
		findBinding(anyKey, place);
	if (!binding?.run) {
		// No key here, or one the dialog's own input takes (ConfirmInput's y and n).
		return [];
	}

	const why = binding.disabled?.(state);
	if (why) {
		return [{type: 'notice-shown', notice: {level: 'warning', text: why}}];
	}

	// A panel key clears the last message; in the filter or a dialog the message stays for later.
	const clearsNotice = state.ui.notice && place === state.ui.focus && binding.action !== 'close';
	return [
		...(clearsNotice ? [{type: 'notice-cleared'} as const] : []),
		...binding.run(state, {key: name, now, typed}),
	];
}
