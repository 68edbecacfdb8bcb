/**
 * The esbuild options of authdeck's bundles, shared by the build (build/bundles.ts), the bench and
 * the tests, which build the deck the same way. The rewrites of dependencies live in build/patches/.
 */
import type {BuildOptions} from 'esbuild';
import {commandPatches, deckPatches, type PatchChoice} from './patches/index.js';
import {banner, plugins} from './patches/patch.js';

const all: PatchChoice = (patches) => patches;

/** What every bundle shares. */
export const shared: BuildOptions = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	// keytar is an optional native module; oidc-provider only serves the demo and is a dev dependency.
	external: ['keytar', 'react-devtools-core', 'oidc-provider'],
	define: {'process.env.NODE_ENV': '"production"'},
	legalComments: 'none',
	logLevel: 'warning',
};

/** CommonJS, where `import.meta.url` is the file's URL. */
const commonJs: BuildOptions = {
	...shared,
	format: 'cjs',
	define: {...shared.define, 'import.meta.url': '__importMetaUrl'},
};
const importMetaUrl = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/** The `authdeck` command (source/bin.ts): a small CommonJS file that opens the deck or hands over. */
export const launcherOptions: BuildOptions = {
	...commonJs,
	define: {...commonJs.define, DECK_BUNDLE: '"./deck.cjs"'},
	banner: {js: importMetaUrl},
};

/** The deck's bundle: one CommonJS file, to be run through source/lib/code-cache.ts. */
export function deckOptions(choose: PatchChoice = all): BuildOptions {
	const patches = choose(deckPatches);
	return {
		...commonJs,
		banner: {js: banner(importMetaUrl, patches)},
		plugins: plugins(patches),
		// Less to read and hash at each start; names are kept so stack traces stay readable.
		minifyWhitespace: true,
		minifySyntax: true,
	};
}

/** The commands' bundle: ES modules split into chunks, so a command never loads Ink or React. */
export function commandOptions(choose: PatchChoice = all): BuildOptions {
	const patches = choose(commandPatches);
	return {
		...shared,
		format: 'esm',
		splitting: true,
		chunkNames: 'chunks/[name]-[hash]',
		// Bundled CommonJS modules call require(); give them one.
		banner: {
			js: banner(
				"import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
				patches,
			),
		},
		define: {...shared.define, DECK_BUNDLE: '"./deck.cjs"'},
		plugins: plugins(patches),
	};
}
