/**
 * The deck's colours as data: components name a role (`accent`, `danger`), never a colour, and the
 * `theme` setting picks the palette. `NO_COLOR` (any non-empty value, no-color.org) or
 * `FORCE_COLOR=0`/`false` turn every colour off; what must stay visible then does so through
 * markers (▸, ✓, ●), bold and inverse, which are not colours.
 */
import {type ThemeName, themeNames} from '../domain.js';
import type {State} from '../store/state.js';
import {useStore} from '../store/use-store.js';

/** What a colour means on screen. */
export type Role =
	/** The name, the focused panel's border, prompts and dialog frames. */
	| 'accent'
	/** Unfocused borders and hints. */
	| 'muted'
	/** Active marks, information messages, a development badge. */
	| 'success'
	/** Warnings, a staging badge, a secret shown on screen, a key that is due for rotation. */
	| 'warning'
	/** Errors, an expired token, a dangerous key or dialog, a production badge. */
	| 'danger'
	/** Provider group headings and credential types. */
	| 'group'
	/** The completed part of a token's lifetime bar. */
	| 'progress'
	/** The part of a row that matches the `/` filter (also bold and underlined, so without colour). */
	| 'match';

/** A colour per role, as Ink takes them; `undefined` draws in the terminal's own colour. */
export type Palette = Readonly<Record<Role, string | undefined>>;

const none: Palette = {
	accent: undefined,
	muted: undefined,
	success: undefined,
	warning: undefined,
	danger: undefined,
	group: undefined,
	progress: undefined,
	match: undefined,
};

export const themes: Readonly<Record<ThemeName, Palette>> = {
	default: {
		accent: 'cyan',
		muted: 'gray',
		success: 'green',
		warning: 'yellow',
		danger: 'red',
		group: 'magenta',
		progress: 'magenta',
		match: 'yellow',
	},
	// Bright colours only, and no grey: readable on a dim screen or a projector.
	'high-contrast': {
		accent: 'cyanBright',
		muted: 'white',
		success: 'greenBright',
		warning: 'yellowBright',
		danger: 'redBright',
		group: 'magentaBright',
		progress: 'whiteBright',
		match: 'yellowBright',
	},
	monochrome: none,
};

/** Whether the environment allows colour: NO_COLOR non-empty or FORCE_COLOR=0|false forbid it. */
export function colourAllowed(env: NodeJS.ProcessEnv): boolean {
	if (env.NO_COLOR) {
		return false;
	}

	const force = env.FORCE_COLOR;
	return force !== '0' && force !== 'false';
}

/** The palette for a theme setting; no colour at all when the environment forbids it. */
export function paletteFor(name: ThemeName | undefined, allowed: boolean): Palette {
	if (!allowed) {
		return none;
	}

	return themes[name && themeNames.includes(name) ? name : 'default'];
}

// Read once: the environment does not change while the deck is open.
const allowed = colourAllowed(process.env);
const selectTheme = (state: State) => state.vault.settings.theme;

/** The palette in use; a `config set theme` from another shell repaints the deck. */
export function useTheme(): Palette {
	return paletteFor(useStore(selectTheme), allowed);
}
