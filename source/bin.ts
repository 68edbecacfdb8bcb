#!/usr/bin/env node
/**
 * The `authdeck` command (dist/authdeck.cjs), a small CommonJS file: Node 20 starts it sooner than
 * ES modules. `authdeck` alone opens the deck's bundle; a command runs the commands' bundle; both
 * through V8's code cache. `authdeck prompt` and the completion lookups run a small bundle of their
 * own (dist/fast-path.cjs).
 *
 * Each part is imported where it is used: in this one file esbuild makes an `import()` a function
 * that runs the module then, so a prompt never loads the code cache's node:vm and node:os.
 */
const deck = () => import('./deck/launch.js').then(({openDeck}) => openDeck());
const commandLine = () =>
	import('./cli/launch.js').then(({startCommandLine}) => startCommandLine(process.argv, deck));

const command = process.argv[2];
if (process.argv.length <= 2) {
	void deck();
} else if (command === 'prompt' || command === '__complete') {
	// What a shell runs on every prompt and <TAB>: a bundle of its own that reads the metadata file.
	void import('./cli/fast-path.js').then(({isFastPath, runFastPath}) =>
		isFastPath(process.argv, process.env) ? runFastPath(process.argv, process.env) : commandLine(),
	);
} else {
	void commandLine();
}
