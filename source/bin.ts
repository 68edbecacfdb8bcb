#!/usr/bin/env node
import {startCommandLine} from './cli/launch.js';
import {openDeck} from './deck/launch.js';

/**
 * The `authdeck` command (dist/authdeck.cjs), a small CommonJS file: Node 20 starts it sooner than
 * ES modules. `authdeck` alone opens the deck's bundle; a command runs the commands' bundle; both
 * through V8's code cache.
 */
if (process.argv.length <= 2) {
	void openDeck();
} else {
	void startCommandLine(process.argv, openDeck);
}
