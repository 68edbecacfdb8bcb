/**
 * ansi-tokenize, splitting plain text by code unit.
 *
 * Changes: ansi-tokenize, which Ink runs on every line of every frame, makes an Intl.Segmenter when
 * it loads and splits all text into graphemes. The deck's takes the shared lazy segmenter
 * (graphemes.ts) and splits text made only of ASCII, escapes and symbols that stand alone by code
 * unit, which gives the same clusters. Which symbols stand alone is decided at build time by
 * Intl.Segmenter itself.
 * Gain: Measured with `npm run bench:patches` (Node 20.20, 2 shared cores, 1,000 accounts;
 * median of the paired differences, patch off minus on, over 20 or 30 turns on a busy machine):
 * first frame 5.8 ms (12.1 ms between the fastest runs).
 * Couples to: the text of @alcalzone/ansi-tokenize/build/tokenize.js; its gain is shared with
 * string-width-quick and slice-ansi-lazy-segmenter (see graphemes.ts).
 * test/build/patches/ansi-tokenize-code-units.test.ts compares it with the original.
 */
import {importGraphemes, joins, provideGraphemes, symbolClass} from './graphemes.js';
import {type Patch, rewritten} from './patch.js';

/** Symbols that are a grapheme cluster of their own beside ASCII, an escape, and themselves. */
export function singleSymbols(): string {
	const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	const alone = (text: string) => [...segmenter.segment(text)].length === text.length;
	return symbolClass(
		(c) => !joins.test(c) && alone(`a${c}b`) && alone(`${c}${c}`) && alone(`\u001B${c}[`),
	);
}

/** The segmenter the deck's tokenizer uses: code units for plain text, graphemes for the rest. */
function segmenter(symbols: string): string {
	return [
		`const singleUnits = /^[\\u001B\\u0020-\\u007E${symbols}]*$/;`,
		'function* codeUnits(text) {',
		'\tfor (let index = 0; index < text.length; index++) yield {segment: text[index], index};',
		'}',
		'const segmenter = {segment: (text) => (singleUnits.test(text) ? codeUnits(text) : graphemes.segment(text))};',
	].join('\n');
}

/** See the file's comment. */
export const ansiTokenizeCodeUnits: Patch = {
	name: 'ansi-tokenize-code-units',
	packages: {'@alcalzone/ansi-tokenize': '0.2.5'},
	setup(build) {
		provideGraphemes(build);
		build.onLoad(
			{filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/},
			(args) => ({
				loader: 'js',
				contents: `${importGraphemes}\n${rewritten(ansiTokenizeCodeUnits, args.path, [
					[
						'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
						segmenter(singleSymbols()),
					],
				])}`,
			}),
		);
	},
};
