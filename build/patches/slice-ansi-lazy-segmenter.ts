/**
 * slice-ansi, with the shared segmenter made on first use.
 *
 * Changes: slice-ansi's tokenizer makes an Intl.Segmenter when it loads; the deck's takes the shared
 * one of graphemes.ts, made when a string first needs it.
 * Gain: Measured with `npm run bench:patches` (Node 20.20, 2 shared cores, 1,000 accounts;
 * median of the paired differences, patch off minus on, over 20 or 30 turns on a busy machine):
 * first frame 30.7 ms.
 * Couples to: the text of slice-ansi/tokenize-ansi.js. Its gain is shared with string-width-quick and
 * ansi-tokenize-code-units: the first segmenter of a process is the costly one, so any module left
 * making one at load takes the whole saving back.
 */
import {importGraphemes, provideGraphemes} from './graphemes.js';
import {type Patch, rewritten} from './patch.js';

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
					'const GRAPHEME_SEGMENTER = graphemes;',
				],
			])}`,
		}));
	},
};
