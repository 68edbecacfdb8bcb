/**
 * Characters a terminal may act on, or that hide or reorder text: C0 and C1 controls, DEL, the soft
 * hyphen, bidi and zero-width format characters, line and paragraph separators, the BOM. A string
 * printed from outside data must hold none of them.
 */
export const terminalActive = new RegExp(
	`[\\u0000-\\u001F\\u007F-\\u009F${formatCharacters()}`,
	'u',
);

/** The same, but allowing newline and tab: for whole command output, which is several lines. */
export const terminalActiveInText = new RegExp(
	`[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F${formatCharacters()}`,
	'u',
);

function formatCharacters(): string {
	return '\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u206F\\uFEFF]';
}
