/**
 * slice-ansi, with the shared segmenter made on first use.
 *
 * Changes: slice-ansi's tokenizer makes an Intl.Segmenter when it loads; the deck's takes the shared
 * one of graphemes.ts, made when a string first needs it, and splits text made only of ASCII, escapes
 * and symbols that stand alone by code unit (as ansi-tokenize-code-units does), which gives the same
 * clusters: a line cut to fit (the header's, on the first frame) then never makes the segmenter,
 * whose first use loads ICU's break rules (~15 ms; 1.3x the Ink floor's first frame at 1,000 accounts).
 * Gain: Measured with `npm run bench:patches` (Node 20.20, 2 shared cores, 1,000 accounts;
 * median of the paired differences, patch off minus on, over 20 or 30 turns on a busy machine):
 * first frame 30.7 ms.
 * Couples to: the text of slice-ansi/tokenize-ansi.js. Its gain is shared with string-width-quick and
 * ansi-tokenize-code-units: the first segmenter of a process is the costly one, so any module left
 * making one at load takes the whole saving back.
 */

import {singleSymbols} from './ansi-tokenize-code-units.js';
import {importGraphemes, provideGraphemes} from './graphemes.js';
import {type Patch, rewritten} from './patch.js';

/**
 * The segmenter the deck's slice-ansi uses: code units for plain text, graphemes for the rest. Its
 * tokenizer asks a split for the segment `containing` an index, as well as iterating it.
 */
function segmenter(symbols: string): string {
	return [
		`const singleUnits = /^[\\u001B\\u0020-\\u007E${symbols}]*$/;`,
		'function codeUnits(text) {',
		'\tconst at = (index) => ({segment: text[index], index, input: text});',
		'\treturn {',
		'\t\tcontaining: (index) => (index >= 0 && index < text.length ? at(index) : undefined),',
		'\t\t*[Symbol.iterator]() {',
		'\t\t\tfor (let index = 0; index < text.length; index++) yield at(index);',
		'\t\t},',
		'\t};',
		'}',
		'const GRAPHEME_SEGMENTER = {segment: (text) => (singleUnits.test(text) ? codeUnits(text) : graphemes.segment(text))};',
	].join('\n');
}

/** See the file's comment. */
export const sliceAnsiLazySegmenter: Patch = {
	name: 'slice-ansi-lazy-segmenter',
	packages: {'slice-ansi': '8.0.0'},
	setup(build) {
		provideGraphemes(build);
		build.onLoad({filter: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/}, (args) => ({
			loader: 'js',
			contents: `${importGraphemes}\n${rewritten(sliceAnsiLazySegmenter, args.path, [
				[
					"const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
					segmenter(singleSymbols()),
				],
			])}`,
		}));
	},
};
