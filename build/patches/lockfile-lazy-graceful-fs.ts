/**
 * proper-lockfile, without graceful-fs.
 *
 * Changes: proper-lockfile loads graceful-fs when it loads, as the file system it uses when it is
 * given none. authdeck always gives it one (source/vault/lock-owner.ts's ownerFs), yet graceful-fs
 * still patched and cloned node:fs on load: reading every property of node:fs, whose getters load
 * fs/promises, readline and the streams. It is loaded on the first use of the default instead, which
 * authdeck never makes.
 * Gain: on every command that takes the metadata lock (switch, login, alias...): `switch` loads 22
 * Node modules fewer (process.moduleLoadList, 57 -> 35 beyond a bare node, with signal-exit-lazy-
 * assert); graceful-fs's load was ~4 ms of a switch's profile on a loaded machine (2 shared cores).
 * Couples to: the text of proper-lockfile/lib/lockfile.js and lib/adapter.js (4.1.2), whose only
 * use of graceful-fs is that default.
 */
import {type Patch, rewritten} from './patch.js';

const lazy =
	"let gracefulFs;\nconst fs = new Proxy({}, {get: (_, name) => (gracefulFs ??= require('graceful-fs'))[name]});";

/** See the file's comment. */
export const lockfileLazyGracefulFs: Patch = {
	name: 'lockfile-lazy-graceful-fs',
	packages: {'proper-lockfile': '4.1.2'},
	setup(build) {
		build.onLoad({filter: /[\\/]proper-lockfile[\\/]lib[\\/](lockfile|adapter)\.js$/}, (args) => ({
			loader: 'js',
			contents: rewritten(lockfileLazyGracefulFs, args.path, [
				["const fs = require('graceful-fs');", lazy],
			]),
		}));
	},
};
