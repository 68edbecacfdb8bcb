/**
 * signal-exit 3, without node:assert at start-up.
 *
 * Changes: signal-exit loads node:assert for one `assert.equal(typeof cb, 'function')` in each
 * `onExit`. proper-lockfile calls onExit on every lock it takes, so each command that writes the
 * metadata (switch, login, alias...) loaded node:assert and its helpers. The same loose comparison
 * runs first here, and node:assert is loaded, to throw its own AssertionError, only when it fails.
 * Gain: `switch` loads 14 Node modules fewer (process.moduleLoadList, 49 -> 35 beyond a bare node).
 * Couples to: the text of signal-exit/index.js (3.0.7), whose only use of node:assert is that one.
 */
import {type Patch, rewritten} from './patch.js';

/** See the file's comment. */
export const signalExitLazyAssert: Patch = {
	name: 'signal-exit-lazy-assert',
	packages: {'signal-exit': '3.0.7'},
	setup(build) {
		build.onLoad({filter: /[\\/]signal-exit[\\/]index\.js$/}, (args) => ({
			loader: 'js',
			contents: rewritten(signalExitLazyAssert, args.path, [
				[
					"  var assert = require('assert')",
					"  var assert = {equal: function (actual, expected, message) { if (actual != expected) require('assert').equal(actual, expected, message) }}",
				],
			]),
		}));
	},
};
