/**
 * esbuild's CommonJS output, with one namespace object per module.
 *
 * Changes: a CommonJS bundle gives every ES module that imports a CommonJS one (React, or a built-in
 * such as node:fs) its own copy of that module's exports: esbuild's __toESM defines a getter for each
 * property. The deck had 71 copies of React, 26 of node:process, 105 in all. Both bundles make one
 * per module and share it, as ES modules share one namespace.
 * Gain: Measured with `npm run bench:patches` (Node 20.20, 2 shared cores, 1,000 accounts;
 * median of the paired differences, patch off minus on, over 20 or 30 turns on a busy machine):
 * first frame 2.3 ms and 9.6 ms (4.8 and 6.8 ms between the fastest runs). The commands' bundle had
 * 32 copies of node:fs, 28 of node:path, 13 of node:process: `status` from start to exit went from
 * 44.7 to 35.9 ms after Node's own bootstrap (medians of 20, taking turns, on a busy machine).
 * Couples to: the text esbuild writes for `__toESM(require(...), 1)`: a call it no longer matches
 * fails the build. Needs its `banner` in the bundle's banner (build/options.ts adds it).
 */
import {readFileSync, writeFileSync} from 'node:fs';
import type {Patch} from './patch.js';

// The namespace inherits from the module instead of copying it: __toESM(module, 1) defines a getter
// per property (node:fs has over a hundred, node:process eighty), and reading through the prototype
// gives the same values, live, as those getters did. `default` is the module, as __toESM's is.
const sharedNamespace = [
	'const __namespaces = new WeakMap(), __namespace = (module) => {',
	"\tif (module === null || (typeof module !== 'object' && typeof module !== 'function')) return __toESM(module, 1);",
	'\tlet namespace = __namespaces.get(module);',
	'\tif (!namespace) __namespaces.set(module, (namespace = Object.create(module, {default: {value: module, enumerable: true}})));',
	'\treturn namespace;',
	'};',
].join('\n');

/** See the file's comment. */
export const esbuildSharedNamespaces: Patch = {
	name: 'esbuild-shared-namespaces',
	packages: {esbuild: '0.28.2'},
	banner: sharedNamespace,
	setup(build) {
		build.onEnd((result) => {
			const file = build.initialOptions.outfile;
			if (result.errors.length > 0 || !file) return;
			const text = readFileSync(file, 'utf8').replace(
				/__toESM\((require\("[^"]+"\)|require_\w+\(\)), ?1\)/g,
				(_, module: string) => `__namespace(${module})`,
			);
			// A call this missed means esbuild writes them differently now: fail rather than go slow.
			const missed = text.match(/__toESM\(require[^)]*\)[^)]*\)/);
			if (missed || !text.includes(sharedNamespace)) {
				throw new Error(`${file}: ${missed?.[0] ?? 'no __namespace'} is not shared`);
			}

			writeFileSync(file, text);
		});
	},
};
