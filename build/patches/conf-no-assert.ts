/**
 * conf, without node:assert (and node:crypto) at start-up.
 *
 * Changes: conf loads node:assert when it loads, for one deepEqual of the file against itself plus
 * defaults. authdeck has no defaults, so that comparison (which walks the whole vault on every
 * start) always passes: it is skipped when there are no defaults, and node:assert is loaded only if
 * it runs. Both halves are one patch: either alone saves nothing (the module loads anyway, or the walk
 * runs anyway).
 * Gain: Measured with `npm run bench:patches` (Node 20.20, 2 shared cores, 1,000 accounts;
 * median of the paired differences, patch off minus on, over 20 or 30 turns on a busy machine):
 * first frame 51.1 ms and 19.5 ms; status --json within noise (-12.7, +4.6 ms).
 * It also loads node:crypto only on first use: conf needs it for its `encryptionKey` option, which
 * authdeck does not pass, and it is a few milliseconds of every command's start (esbuild runs one
 * rewrite of a file, so both are here).
 * And atomically (with stubborn-fs and when-exit, which hooks signals when it loads) only on conf's
 * first write, which authdeck never makes (its writes are source/vault/private-file.ts's): a command
 * loads it only to write a provider file (source/vault/sync-write.ts).
 * And env-paths (for a `cwd` authdeck always passes; it asks node:os for the home and temporary
 * directories as it loads) and uint8array-extras (for encrypted files and the raw bytes conf reads
 * when asked for them; it makes a TextEncoder, a TextDecoder and lookup tables as it loads) only when
 * called: ~0.3 ms of every command's start.
 * node:assert and node:crypto through process.getBuiltinModule: a createRequire would load
 * node:module, and with it the ES module loader, ~0.3 ms of every command.
 * Couples to: the text of conf/dist/source/index.js, and to authdeck passing conf no `defaults` and
 * no `encryptionKey`.
 */
import {type Patch, rewritten} from './patch.js';

/** See the file's comment. */
export const confNoAssert: Patch = {
	name: 'conf-no-assert',
	packages: {conf: '15.1.0'},
	setup(build) {
		build.onLoad({filter: /[\\/]conf[\\/]dist[\\/]source[\\/]index\.js$/}, (args) => ({
			loader: 'js',
			contents: rewritten(confNoAssert, args.path, [
				[
					"import assert from 'node:assert';",
					"const assert = {deepEqual: (...values) => process.getBuiltinModule('node:assert').deepEqual(...values)};",
				],
				[
					"import { writeFileSync as atomicWriteFileSync } from 'atomically';",
					"const atomicWriteFileSync = (...values) => require('atomically').writeFileSync(...values);",
				],
				[
					"import envPaths from 'env-paths';",
					"const envPaths = (...values) => require('env-paths').default(...values);",
				],
				[
					"import { concatUint8Arrays, stringToUint8Array, uint8ArrayToString, } from 'uint8array-extras';",
					"const concatUint8Arrays = (...values) => require('uint8array-extras').concatUint8Arrays(...values), stringToUint8Array = (...values) => require('uint8array-extras').stringToUint8Array(...values), uint8ArrayToString = (...values) => require('uint8array-extras').uint8ArrayToString(...values);",
				],
				[
					"import crypto from 'node:crypto';",
					"const crypto = new Proxy({}, {get: (_, name) => process.getBuiltinModule('node:crypto')[name]});",
				],
				[
					'        const storeWithDefaults = Object.assign(createPlainObject(), options.defaults ?? {}, fileStore);\n        this._validate(storeWithDefaults);\n        try {',
					'        const storeWithDefaults = Object.assign(createPlainObject(), options.defaults ?? {}, fileStore);\n        this._validate(storeWithDefaults);\n        if (options.defaults) try {',
				],
			]),
		}));
	},
};
