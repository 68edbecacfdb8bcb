/**
 * Ink's reconciler, without React's devtools.
 *
 * Changes: Ink's reconciler awaits `import('./devtools.js')` and its package.json at its top level
 * when DEV=true, which a CommonJS file cannot do. The deck ships without devtools; DEV=true changes
 * nothing (with nothing to connect to, the devtools did nothing).
 * Gain: essential, not measured on and off: without it the deck cannot be one CommonJS file (see
 * yoga-layout-synchronous.ts).
 * Couples to: the text of ink/build/reconciler.js.
 */
import {type Patch, rewritten} from './patch.js';

/** See the file's comment. */
export const inkWithoutDevtools: Patch = {
	name: 'ink-without-devtools',
	packages: {ink: '6.8.0'},
	essential: true,
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, (args) => ({
			loader: 'js',
			contents: rewritten(inkWithoutDevtools, args.path, [
				["await import('./devtools.js');", '/* React devtools are not bundled with the deck */'],
				['? await loadPackageJson()', '? {name: undefined, version: undefined}'],
			]),
		}));
	},
};
