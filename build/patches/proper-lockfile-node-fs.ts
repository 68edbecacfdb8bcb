/**
 * proper-lockfile, on Node's own fs.
 *
 * Changes: proper-lockfile loads graceful-fs, which patches the process's fs module at load to retry
 * opens after EMFILE. authdeck holds a handful of files open, never near the limit: the bundles give
 * proper-lockfile Node's own fs (its `fs` option exists for exactly that), unpatched.
 * Gain: GAIN
 * Couples to: proper-lockfile using only the fs functions Node's fs has (graceful-fs is a superset),
 * and to nothing else in the bundles importing graceful-fs for its retries.
 */
import {type Patch, replaceModule} from './patch.js';

/** See the file's comment. */
export const properLockfileNodeFs: Patch = {
	name: 'proper-lockfile-node-fs',
	packages: {'proper-lockfile': '4.1.2'},
	setup(build) {
		replaceModule(build, 'graceful-fs', /^graceful-fs$/, "module.exports = require('node:fs');");
	},
};
