/**
 * What the text patches share (string-width-quick, slice-ansi-lazy-segmenter,
 * ansi-tokenize-code-units): one grapheme segmenter made on first use, and the symbols a patch may
 * answer without one, chosen at build time by the function being patched.
 *
 * The first Intl.Segmenter of a process loads ICU's break rules (about 15 ms), so the saving needs
 * every module of the bundle to make its segmenter late: each of those patches makes one module do so.
 */
import type {PluginBuild} from 'esbuild';

/** The import a patched module starts with to get the shared segmenter. */
export const importGraphemes = "import {graphemes} from 'authdeck:graphemes';";

// `new Intl.Segmenter()` splits into graphemes whatever the locale.
const graphemesModule = `
let segmenter;
export const graphemes = {segment: (text) => (segmenter ??= new Intl.Segmenter()).segment(text)};
`;

/** Lets the bundle resolve `authdeck:graphemes`. */
export function provideGraphemes(build: PluginBuild): void {
	build.onResolve({filter: /^authdeck:graphemes$/}, () => ({
		path: 'graphemes',
		namespace: 'graphemes',
	}));
	build.onLoad({filter: /.*/, namespace: 'graphemes'}, () => ({
		contents: graphemesModule,
		loader: 'js',
	}));
}

// The blocks of symbols the deck and its boxes draw with (Latin-1, punctuation, arrows, box drawing,
// geometric shapes, dingbats, ...).
const symbolBlocks = [
	[0xa1, 0xff],
	[0x2010, 0x2027],
	[0x2030, 0x205e],
	[0x20a0, 0x20c0],
	[0x2100, 0x214f],
	[0x2190, 0x23ff],
	[0x2460, 0x24ff],
	[0x2500, 0x27bf],
	[0x2900, 0x2bff],
] as const;

/**
 * Marks, joiners, variation selectors and spaces combine with or separate their neighbours; an emoji
 * that defaults to text (⚠) is one column until a selector follows, which is never in the set.
 */
export const joins = /[\p{M}\p{Cf}\p{Cc}\p{Z}]/u;

/** The symbols of the deck's blocks for which `keep` holds, as the inside of a character class. */
export function symbolClass(keep: (symbol: string) => boolean): string {
	const ranges: [number, number][] = [];
	for (const [first, last] of symbolBlocks) {
		for (let code = first; code <= last; code++) {
			const kept = keep(String.fromCodePoint(code));
			const open = ranges.at(-1);
			if (kept && open?.[1] === code - 1) open[1] = code;
			else if (kept) ranges.push([code, code]);
		}
	}

	const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
	return ranges
		.map(([first, last]) => (first === last ? hex(first) : `${hex(first)}-${hex(last)}`))
		.join('');
}
