/**
 * signal-exit 3, with node:assert loaded on demand.
 *
 * Changes: signal-exit 3 (used by Ink and proper-lockfile) loads node:assert for one check of its
 * argument; the bundles load it when that check runs.
 * Gain: GAIN
 * Couples to: the text of signal-exit 3's index.js.
 */
import {type Patch, rewritten} from './patch.js';

const lazyAssert =
	"const assert = {equal: (...values) => require('node:assert').equal(...values)};";

/** See the file's comment. */
export const signalExitLazyAssert: Patch = {
	name: 'signal-exit-lazy-assert',
	packages: {'signal-exit': '3.0.7'},
	setup(build) {
		build.onLoad({filter: /[\\/]signal-exit[\\/]index\.js$/}, (args) => ({
			loader: 'js',
			contents: rewritten(signalExitLazyAssert, args.path, [
				["  var assert = require('assert')", `  ${lazyAssert}`],
			]),
		}));
	},
};
