// Characters JSON.stringify leaves raw that a terminal may act on: DEL, C1 controls, bidi and other
// format characters, line and paragraph separators.
const unsafe =
	/[\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;

/** JSON for stdout: every character that could drive a terminal is escaped as `\uXXXX`. */
export function toJson(value: unknown): string {
	return JSON.stringify(value, undefined, 2).replaceAll(
		unsafe,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
