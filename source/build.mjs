// Bundles authdeck with esbuild, in two parts:
// - dist/cli.js (ES modules, split into chunks): the commands. A command never loads Ink or React.
// - dist/deck.cjs (one CommonJS file): the deck. CommonJS because Node 20 can cache compiled code
//   only for scripts (source/lib/code-cache.ts); a second start then skips compiling Ink and React.
import {chmodSync, existsSync, rmSync} from 'node:fs';
import {build} from 'esbuild';
import {deckOptions, leanConf, shared} from './build-options.mjs';

const entryPoints = ['source/cli.ts', 'source/demo.ts'].filter((file) => existsSync(file));

rmSync('dist', {recursive: true, force: true});
await build({...deckOptions, entryPoints: ['source/deck.ts'], outfile: 'dist/deck.cjs'});

await build({
	...shared,
	entryPoints,
	format: 'esm',
	splitting: true,
	outdir: 'dist',
	chunkNames: 'chunks/[name]-[hash]',
	// Bundled CommonJS modules call require(); give them one.
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
	define: {...shared.define, DECK_BUNDLE: '"./deck.cjs"'},
	plugins: [leanConf],
});
chmodSync('dist/cli.js', 0o755);
