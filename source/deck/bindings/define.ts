import type {Action} from '../../store/actions.js';
import type {Overlay, PanelId, State} from '../../store/state.js';

/** What a key does: actions to dispatch, or quitting the deck. */
export type Command = Action | 'quit';

/** A mode takes every key while it lasts: the filter being typed, or an open dialog. */
export type Mode = 'filter' | Overlay['kind'];

/** Every mode, in the order the help overlay and the readme list them. */
export const modes: readonly Mode[] = [
	'filter',
	'help',
	'confirm',
	'type-confirm',
	'prompt',
	'wizard',
	'profiles',
	'reveal',
];

/** Where a key is looked up: the focused panel, or the mode that takes the keys. */
export type Place = PanelId | Mode;

/** Where a binding applies: on every panel (`global`), or in the named panels and modes only. */
export type Scope = 'global' | readonly Place[];

/** The place that takes the next key: the open dialog, else the filter, else the focused panel. */
export function placeOf(state: State): Place {
	return state.ui.overlay?.kind ?? (state.ui.filtering ? 'filter' : state.ui.focus);
}

/** A key name that stands for any printable text typed (the filter). */
export const typedText = '<typed>';
/** A key name that stands for any key at all (a revealed secret hides on any key). */
export const anyKey = '<any>';

export type KeyInput = {
	/** The key's name, e.g. `3` for the panel keys. */
	readonly key: string;
	/** The time of the key press (ISO), for actions that record it. */
	readonly now: string;
	/** The text the key types, when it is printable (no control characters, no ctrl or meta). */
	readonly typed?: string;
};

/** One key binding, as data: the footer, the `?` overlay and the readme's table are printed from these. */
export type Binding = {
	/** Key names as `keyName` spells them (`q`, `ctrl+c`, `escape`), or `typedText` or `anyKey`. */
	readonly keys: readonly string[];
	/** How the keys read to a person when not `keys` joined: `1-4`, `type`, `any key`. */
	readonly label?: string;
	/** A stable name for what the binding does. */
	readonly action: string;
	readonly scope: Scope;
	/** One line for the help overlay and the readme. */
	readonly description: string;
	/** A word or two for the footer. */
	readonly short: string;
	/** Shown in the footer while its panel has the focus or its mode is on. */
	readonly footer: boolean;
	/** Destroys something; always asks first. */
	readonly dangerous: boolean;
	/** Why the binding does nothing now (shown as a notice), or undefined when it applies. */
	readonly disabled?: (state: State) => string | undefined;
	/**
	 * The commands the key produces. Pure: the time comes in as `now`. Absent where the dialog's own
	 * input (`ConfirmInput`, `TextInput`, `SelectInput`) takes the key: listed so that it is shown.
	 */
	readonly run?: (state: State, input: KeyInput) => readonly Command[];
};

/** A binding as written in the table: `footer` is the footer's word for it, when it has one. */
type Spec = Omit<Binding, 'short' | 'footer' | 'dangerous'> & {
	readonly footer?: string;
	readonly dangerous?: boolean;
};

/** One binding, with the defaults filled in: not in the footer, not dangerous. */
export function bind({footer, dangerous = false, ...spec}: Spec): Binding {
	return {...spec, short: footer ?? spec.action, footer: footer !== undefined, dangerous};
}

/** An action that opens `overlay`. */
export const open = (overlay: Overlay): Action => ({type: 'overlay-opened', overlay});

/** The action every dialog's `esc` dispatches. */
export const closeOverlay: readonly Command[] = [{type: 'overlay-closed'}];
