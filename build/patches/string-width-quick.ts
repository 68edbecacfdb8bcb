/**
 * string-width, quick on plain text.
 *
 * Changes: string-width measures any non-ASCII text with Unicode segmentation and an RGI_Emoji
 * regular expression that V8 takes ~90 ms to build and compile: on the first frame, for the box
 * borders and the deck's glyphs (● ▸ … ✓). The deck's string-width builds that expression on first
 * use, takes the shared lazy segmenter (graphemes.ts), and answers strings made only of printable
 * ASCII and of symbols that are one column wide on their own and never join a neighbour with their
 * length. Which symbols qualify is decided at build time by string-width itself.
 * Gain: Measured with `npm run bench:patches` (Node 20.20, 2 shared cores, 1,000 accounts;
 * median of the paired differences, patch off minus on, over 20 or 30 turns on a busy machine):
 * first frame 61.2 ms.
 * Couples to: the text of string-width 8's index.js. Requires wrap-ansi-one-string-width: without it
 * wrap-ansi's string-width 7 (different text, an eager segmenter of its own) is bundled too, which
 * this patch refuses (its version check) and which would cost the lazy segmenter its gain.
 * test/build/patches/string-width-quick.test.ts compares it with the original on every symbol.
 */
import {pathToFileURL} from 'node:url';
import {importGraphemes, joins, provideGraphemes, symbolClass} from './graphemes.js';
import {type Patch, rewritten} from './patch.js';

type StringWidth = (text: string, options?: {ambiguousIsNarrow?: boolean}) => number;

/** The symbols that string-width (the module at `file`) measures as one column alone and in pairs. */
async function narrowSymbols(file: string): Promise<string> {
	const {default: stringWidth} = (await import(pathToFileURL(file).href)) as {default: StringWidth};
	return symbolClass(
		(c) =>
			!joins.test(c) &&
			stringWidth(c) === 1 &&
			stringWidth(`${c}${c}`) === 2 &&
			stringWidth(`a${c}b`) === 3,
	);
}

/** See the file's comment. */
export const stringWidthQuick: Patch = {
	name: 'string-width-quick',
	packages: {'string-width': '8.3.0'},
	requires: ['wrap-ansi-one-string-width'],
	setup(build) {
		provideGraphemes(build);
		build.onLoad({filter: /[\\/]string-width[\\/]index\.js$/}, async (args) => {
			const symbols = await narrowSymbols(args.path);
			const contents = rewritten(stringWidthQuick, args.path, [
				['const segmenter = new Intl.Segmenter();', 'const segmenter = graphemes;'],
				[
					'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
					"let rgiEmoji;\nconst rgiEmojiRegex = {test: (text) => (rgiEmoji ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(text)};",
				],
				[
					'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
					`if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && /^[\\u0020-\\u007E${symbols}]*$/.test(string))) {`,
				],
			]);
			return {loader: 'js', contents: `${importGraphemes}\n${contents}`};
		});
	},
};
