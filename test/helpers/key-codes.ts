/** Key names as tests write them, and the bytes a terminal sends for them. */
export const keys: Readonly<Record<string, string>> = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	'shift+tab': '\u001B[Z',
	backspace: '\u007F',
	'ctrl+c': '\u0003',
	pageup: '\u001B[5~',
	pagedown: '\u001B[6~',
	space: ' ',
	// xterm's home and end (normal cursor mode), and the half-page keys of pagers.
	home: '\u001B[H',
	end: '\u001B[F',
	'ctrl+d': '\u0004',
	'ctrl+u': '\u0015',
};
