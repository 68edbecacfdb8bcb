// Bundles authdeck with esbuild, in three parts:
// - dist/authdeck.cjs (one small CommonJS file): the `authdeck` command. Alone, it opens the deck;
//   with a command, it hands over to dist/cli.js.
// - dist/cli.js (ES modules, split into chunks): the commands. A command never loads Ink or React.
// - dist/deck.cjs (one CommonJS file): the deck. CommonJS because Node 20 can cache compiled code
//   only for scripts (source/lib/code-cache.ts); a second start then skips compiling Ink and React.
import {chmodSync, existsSync, rmSync} from 'node:fs';
import {build} from 'esbuild';
import {deckOptions, launcherOptions, leanConf, lessAtStart, shared} from './options.mjs';

// Named entries: dist/cli.js and dist/demo.js, whatever folders their sources sit in.
const entryPoints = Object.fromEntries(
	Object.entries({cli: 'source/cli/main.ts', demo: 'source/demo/main.ts'}).filter(([, file]) =>
		existsSync(file),
	),
);

rmSync('dist', {recursive: true, force: true});
await build({...deckOptions, entryPoints: ['source/deck/main.ts'], outfile: 'dist/deck.cjs'});
await build({...launcherOptions, entryPoints: ['source/bin.ts'], outfile: 'dist/authdeck.cjs'});

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
	plugins: [leanConf, lessAtStart],
});
chmodSync('dist/authdeck.cjs', 0o755);
chmodSync('dist/cli.js', 0o755);
