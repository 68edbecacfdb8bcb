import type {State} from '../../store/state.js';
import {anyKey, type Binding, bind, closeOverlay, modes, open, typedText} from './define.js';
import {helpScrollBindings} from './help.js';
import {typeConfirmBindings} from './type-confirm.js';

/** The page of the help overlay that is open. */
const helpPage = ({ui}: State) => (ui.overlay?.kind === 'help' ? ui.overlay.page : undefined);

/** The keys of the modes that take every key: the filter and the dialogs. Order is the footer's. */
export const modeBindings: readonly Binding[] = [
	bind({
		keys: [typedText],
		label: 'type',
		action: 'filter-type',
		scope: ['filter'],
		footer: 'to filter',
		description: 'Type to narrow the accounts (printable text only)',
		run: ({ui}, {typed}) => [
			{type: 'filter-changed', filter: `${ui.filter}${typed}`.slice(0, 100)},
		],
	}),
	bind({
		keys: ['enter'],
		action: 'filter-keep',
		scope: ['filter'],
		footer: 'keep',
		description: 'Keep the filter and go back to the panels',
		run: () => [{type: 'filter-closed', clear: false}],
	}),
	bind({
		keys: ['escape'],
		action: 'filter-clear',
		scope: ['filter'],
		footer: 'clear',
		description: 'Clear the filter and go back to the panels',
		run: () => [{type: 'filter-closed', clear: true}],
	}),
	bind({
		keys: ['up', 'down'],
		action: 'filter-move',
		scope: ['filter'],
		footer: 'move',
		description: 'Move through the accounts that match',
		run: (_state, {key}) => [{type: 'cursor-moved', step: key === 'up' ? -1 : 1}],
	}),
	bind({
		keys: ['backspace'],
		action: 'filter-erase',
		scope: ['filter'],
		description: 'Delete the last character of the filter',
		run: ({ui}) => [{type: 'filter-changed', filter: ui.filter.slice(0, -1)}],
	}),
	bind({
		keys: ['escape'],
		action: 'help-close',
		scope: ['help'],
		footer: 'close',
		description: 'Close the key list',
		run: () => closeOverlay,
	}),
	bind({
		keys: ['?', 'q', 'enter'],
		action: 'help-close-too',
		scope: ['help'],
		description: 'Close the key list as well',
		run: () => closeOverlay,
	}),
	bind({
		keys: ['tab'],
		action: 'help-page',
		scope: ['help'],
		footer: 'page',
		description: 'Turn between the keys of the panels and those of the dialogs',
		run: (state) => [
			open({kind: 'help', page: helpPage(state) === 'dialogs' ? 'panels' : 'dialogs'}),
		],
	}),
	...helpScrollBindings,
	// The confirm dialog's answers are bindings like any other, so a `y` that arrives in the same read
	// as the `d` that opened the dialog is answered too; enter is no, the safe answer.
	bind({
		keys: ['y'],
		action: 'confirm-yes',
		scope: ['confirm'],
		footer: 'yes',
		description: 'Yes: do it',
		run: ({ui}) =>
			ui.overlay?.kind === 'confirm'
				? [...closeOverlay, {type: 'intent-requested', intent: ui.overlay.onConfirm}]
				: [],
	}),
	bind({
		keys: ['n'],
		action: 'confirm-no',
		scope: ['confirm'],
		footer: 'no',
		description: 'No',
		run: () => closeOverlay,
	}),
	bind({
		keys: ['enter'],
		action: 'confirm-default',
		scope: ['confirm'],
		description: 'No, the default answer',
		run: () => closeOverlay,
	}),
	...typeConfirmBindings,
	bind({
		keys: ['enter'],
		action: 'prompt-save',
		scope: ['prompt'],
		footer: 'save',
		description: 'Save the new alias',
	}),
	bind({
		keys: ['up', 'down'],
		action: 'wizard-choose',
		scope: ['wizard'],
		footer: 'choose',
		description: 'Move through the choices of a question',
	}),
	bind({
		keys: ['enter'],
		action: 'wizard-next',
		scope: ['wizard'],
		footer: 'next',
		description: 'Answer the question and go to the next one (the last one saves)',
	}),
	bind({
		keys: ['up', 'down'],
		action: 'profile-move',
		scope: ['profiles'],
		footer: 'choose',
		description: 'Move through the profiles',
		run: ({ui}, {key}) => {
			if (ui.overlay?.kind !== 'profiles') return [];
			const {names, index} = ui.overlay;
			const step = key === 'up' ? -1 : 1;
			return [open({...ui.overlay, index: (index + step + names.length) % names.length})];
		},
	}),
	bind({
		keys: ['enter'],
		action: 'profile-use',
		scope: ['profiles'],
		footer: 'use',
		description: 'Use the profile: every provider switches to its accounts at once',
		run: ({ui}) => {
			const name = ui.overlay?.kind === 'profiles' ? ui.overlay.names[ui.overlay.index] : undefined;
			return name ? [{type: 'profile-used', name}, ...closeOverlay] : closeOverlay;
		},
	}),
	bind({
		keys: ['escape'],
		action: 'profile-cancel',
		scope: ['profiles'],
		footer: 'cancel',
		description: 'Close the profile picker; the profile in use stays',
		run: () => closeOverlay,
	}),
	bind({
		keys: ['escape'],
		action: 'dialog-cancel',
		scope: ['confirm', 'prompt', 'wizard'],
		footer: 'cancel',
		description: 'Cancel the dialog; nothing is saved',
		run: () => closeOverlay,
	}),
	bind({
		keys: [anyKey],
		label: 'any key',
		action: 'reveal-hide',
		scope: ['reveal'],
		footer: 'hide',
		description: 'Mask the revealed secret again',
		run: () => closeOverlay,
	}),
	bind({
		keys: ['ctrl+c'],
		action: 'quit-from-mode',
		scope: modes,
		description: 'Quit, from a dialog or the filter too',
		run: () => ['quit'],
	}),
];
