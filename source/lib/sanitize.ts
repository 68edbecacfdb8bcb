/** Longest string drawn or printed from outside data. */
export const maximumDisplayLength = 256;

// C0 controls (but none kept), DEL, C1 controls, and Unicode format characters: bidi overrides and
// isolates, zero-width characters, the BOM, line and paragraph separators, soft hyphen.
const unsafe = new RegExp(
	'[\\u0000-\\u001F\\u007F-\\u009F\\u00AD\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E' +
		'\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF9-\\uFFFB]',
	'g',
);

/**
 * Makes a string from outside (IdP claims, config, user input) inert for a terminal: every control
 * and format character becomes `?`, and the length is capped. `util.stripVTControlCharacters` is not
 * enough: it leaves a bare BEL, CR, a lone ESC and U+202E.
 */
export function sanitize(text: unknown, maximumLength = maximumDisplayLength): string {
	const value =
		typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
	// Cut before replacing so a megabyte of input costs no more than the cap.
	const head = value.length > maximumLength * 2 ? value.slice(0, maximumLength * 2) : value;
	const clean = head.replaceAll(unsafe, '?');
	// No more code points than UTF-16 units: only a longer string is split (which costs an array).
	if (clean.length <= maximumLength) return clean;
	const chars = Array.from(clean);
	return chars.length > maximumLength ? `${chars.slice(0, maximumLength - 1).join('')}…` : clean;
}
