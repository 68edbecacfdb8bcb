import type {Overlay, State} from '../../store/state.js';
import {type Binding, bind, type Command, closeOverlay, open, typedText} from './define.js';

type TypeConfirm = Extract<Overlay, {kind: 'type-confirm'}>;

/** The open type-to-confirm dialog; the bindings below only run while it is. */
const dialog = ({ui}: State) => ui.overlay as TypeConfirm;

/** The dialog with `typed` as what has been typed; a wrong answer is forgotten once typing resumes. */
const typing = (state: State, typed: string): Command[] => [
	open({...dialog(state), typed: typed.slice(0, 100), wrong: false}),
];

/**
 * The keys of the type-to-confirm dialog, which removing or revealing a production or protected
 * account opens: the alias must be typed, so no stray `y` (or a paste, or a held key) can confirm.
 * The typed text lives in the state, as the filter's does, so keys in one read apply in order.
 */
export const typeConfirmBindings: readonly Binding[] = [
	bind({
		keys: [typedText],
		label: 'type',
		action: 'type-confirm-type',
		scope: ['type-confirm'],
		footer: 'the alias',
		description: "Type the account's alias to confirm (production and protected accounts)",
		run: (state, {typed = ''}) => typing(state, `${dialog(state).typed}${typed}`),
	}),
	bind({
		keys: ['backspace'],
		action: 'type-confirm-erase',
		scope: ['type-confirm'],
		description: 'Delete the last character typed',
		run: (state) => typing(state, dialog(state).typed.slice(0, -1)),
	}),
	bind({
		keys: ['ctrl+u'],
		action: 'type-confirm-clear',
		scope: ['type-confirm'],
		description: 'Clear what was typed',
		run: (state) => typing(state, ''),
	}),
	bind({
		keys: ['enter'],
		action: 'type-confirm-enter',
		scope: ['type-confirm'],
		footer: 'confirm',
		description: 'Do it when what was typed is the alias; otherwise say so and ask again',
		run: (state) => {
			const {typed, alias, onConfirm} = dialog(state);
			return typed === alias
				? [...closeOverlay, {type: 'intent-requested', intent: onConfirm}]
				: [open({...dialog(state), typed: '', wrong: true})];
		},
	}),
	bind({
		keys: ['escape'],
		action: 'type-confirm-cancel',
		scope: ['type-confirm'],
		footer: 'cancel',
		description: 'Cancel; nothing is done',
		run: () => closeOverlay,
	}),
];
