import type {Key} from 'ink';
import type {State} from '../store/state.js';
import {type Command, findBinding} from './bindings.js';

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
 * Resolves one key press against the state: an open dialog or the filter takes keys first, then the
 * focused panel's bindings, then the global ones. Pure; the deck dispatches what it returns.
 */
export function resolveKey(state: State, input: string, key: Key, now: string): readonly Command[] {
	const name = keyName(input, key);
	const {ui} = state;
	if (name === 'ctrl+c') {
		return ['quit'];
	}

	if (ui.overlay) {
		switch (ui.overlay.kind) {
			// Any key re-masks a revealed secret.
			case 'reveal': {
				return [{type: 'overlay-closed'}];
			}

			case 'help': {
				return name === 'escape' || name === '?' || name === 'q' || name === 'enter'
					? [{type: 'overlay-closed'}]
					: [];
			}

			// Dialogs with inputs handle their own keys; escape always closes them.
			default: {
				return name === 'escape' ? [{type: 'overlay-closed'}] : [];
			}
		}
	}

	if (ui.filtering) {
		switch (name) {
			case 'escape': {
				return [{type: 'filter-closed', clear: true}];
			}

			case 'enter': {
				return [{type: 'filter-closed', clear: false}];
			}

			case 'backspace': {
				return [{type: 'filter-changed', filter: ui.filter.slice(0, -1)}];
			}

			case 'up':
			case 'down': {
				return [{type: 'cursor-moved', step: name === 'up' ? -1 : 1}];
			}

			default: {
				return printable.test(input) && !key.ctrl && !key.meta
					? [{type: 'filter-changed', filter: `${ui.filter}${input}`.slice(0, 100)}]
					: [];
			}
		}
	}

	const binding = findBinding(name, ui.focus);
	if (!binding) {
		return [];
	}

	const why = binding.disabled?.(state);
	if (why) {
		return [{type: 'notice-shown', notice: {level: 'warning', text: why}}];
	}

	return [
		...(ui.notice && binding.action !== 'close' ? [{type: 'notice-cleared'} as const] : []),
		...binding.run(state, {key: name, now}),
	];
}
