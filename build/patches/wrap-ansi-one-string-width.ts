/**
 * One string-width in the deck.
 *
 * Changes: wrap-ansi pins string-width 7, Ink uses 8: the same function, each building its own
 * Unicode segmenter at start-up. The deck bundles 8 for both.
 * Gain: Measured with `npm run bench:patches` (Node 20.20, 2 shared cores, 1,000 accounts;
 * median of the paired differences, patch off minus on, over 20 or 30 turns on a busy machine):
 * not measurable alone: without string-width-quick both string-widths make eager segmenters
 * anyway (-6.7 and +0.1 ms); kept because string-width-quick's lazy segmenter needs it.
 * Couples to: wrap-ansi calling string-width as `stringWidth(text)` with no options, the same in 7
 * and 8. string-width-quick requires it.
 */
import type {Patch} from './patch.js';
import {root} from './patch.js';

/** See the file's comment. */
export const wrapAnsiOneStringWidth: Patch = {
	name: 'wrap-ansi-one-string-width',
	packages: {'wrap-ansi': '9.0.2', 'string-width': '8.3.0'},
	setup(build) {
		build.onResolve({filter: /^string-width$/}, (args) =>
			/[\\/]wrap-ansi[\\/]/.test(args.importer)
				? build.resolve('string-width', {kind: args.kind, resolveDir: root})
				: undefined,
		);
	},
};
