#!/usr/bin/env node
import {startCommandLine} from './cli/launch.js';
import {openDeck} from './deck/launch.js';

/**
 * The `authdeck` command (dist/authdeck.cjs), a small CommonJS file: Node 20 starts it sooner than
 * ES modules. `authdeck` alone opens the deck's bundle; a command runs the commands' bundle; both
 * through V8's code cache. `authdeck prompt` and the completion lookups run a small bundle of their
 * own (dist/fast-path.cjs).
 */
const command = process.argv[2];
if (process.argv.length <= 2) {
	void openDeck();
} else if (command === 'prompt' || command === '__complete') {
	// What a shell runs on every prompt and <TAB>: a bundle of its own that reads the metadata file.
	void import('./cli/fast-path.js').then(({isFastPath, runFastPath}) =>
		isFastPath(process.argv, process.env)
			? runFastPath(process.argv, process.env)
			: startCommandLine(process.argv, openDeck),
	);
} else {
	void startCommandLine(process.argv, openDeck);
}
