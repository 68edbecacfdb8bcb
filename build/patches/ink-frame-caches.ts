/**
 * Ink's line caches, kept from frame to frame.
 *
 * Changes: Ink measures and tokenizes every line of every frame, with caches it throws away after
 * each frame, though a key press changes a line or two: with 1,000 accounts that was most of a
 * repaint. The deck's Ink keeps them (they hold only immutable values: widths and the styled
 * characters of a line) and starts afresh when they grow large.
 * Gain: Measured with `npm run bench:patches` (Node 20.20, 2 shared cores, 1,000 accounts;
 * median of the paired differences, patch off minus on, over 20 or 30 turns on a busy machine):
 * repaint 5.1 ms and 3.2 ms at 1,000 accounts (the first frame has no previous frame to reuse).
 * Couples to: the text of ink/build/output.js (its OutputCaches class and `caches = new OutputCaches()`).
 */
import {type Patch, rewritten} from './patch.js';

const classStart = 'export default class Output {';
const sharedCaches = [
	'let frameCaches = new OutputCaches();',
	'function sharedCaches() {',
	'\tconst {styledChars, widths, blockWidths} = frameCaches;',
	'\tif (styledChars.size + widths.size + blockWidths.size > 20000) frameCaches = new OutputCaches();',
	'\treturn frameCaches;',
	'}',
	classStart,
].join('\n');

/** See the file's comment. */
export const inkFrameCaches: Patch = {
	name: 'ink-frame-caches',
	packages: {ink: '6.8.0'},
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, (args) => ({
			loader: 'js',
			contents: rewritten(inkFrameCaches, args.path, [
				['caches = new OutputCaches();', 'caches = sharedCaches();'],
				[classStart, sharedCaches],
			]),
		}));
	},
};
