/**
 * ansi-tokenize's styledCharsToString, skipping equal styles.
 *
 * Changes: Ink turns every row of every frame back into text (styledCharsToString), working out the
 * escape codes between each pair of neighbouring characters with three Sets and a filter: a full
 * 100x30 screen is 3,000 such diffs, half the first frame's output time. Neighbours with the same
 * styles need no codes at all (diffAnsiCodes returns nothing for them), and most are.
 * Gain: Measured with `npm run bench:patches` (Node 20.20, 2 shared cores, 1,000 accounts;
 * median of the paired differences, patch off minus on, over 20 or 30 turns on a busy machine):
 * first frame 7.1 ms (11.3 ms between the fastest runs).
 * Couples to: the text of @alcalzone/ansi-tokenize/build/styledChars.js.
 * test/build/patches/ansi-tokenize-same-styles.test.ts compares it with the original.
 */
import {type Patch, rewritten} from './patch.js';

const sameStyles = `
function sameStyles(from, to) {
	if (from === to) return true;
	if (from.length !== to.length) return false;
	for (let index = 0; index < from.length; index++) {
		if (from[index].code !== to[index].code || from[index].endCode !== to[index].endCode) return false;
	}
	return true;
}
`;

/** See the file's comment. */
export const ansiTokenizeSameStyles: Patch = {
	name: 'ansi-tokenize-same-styles',
	packages: {'@alcalzone/ansi-tokenize': '0.2.5'},
	setup(build) {
		build.onLoad(
			{filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/},
			(args) => {
				const contents = rewritten(ansiTokenizeSameStyles, args.path, [
					[
						'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
						"ret += sameStyles(chars[i - 1].styles, char.styles) ? '' : ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));",
					],
					[
						'ret += ansiCodesToString(diffAnsiCodes(char.styles, []));',
						"ret += char.styles.length === 0 ? '' : ansiCodesToString(diffAnsiCodes(char.styles, []));",
					],
				]);
				return {loader: 'js', contents: `${contents}\n${sameStyles}`};
			},
		);
	},
};
