#!/usr/bin/env node
import {openDeck} from './deck/launch.js';
/**
 * The `authdeck` command (dist/authdeck.cjs). `authdeck` alone opens the deck straight from this
 * CommonJS file: Node 20 starts it about 10 ms sooner than the graph of ES modules the commands are
 * built into. Any command is handed to that command line, dist/cli.js.
 */
import {sanitize} from './lib/sanitize.js';

if (process.argv.length <= 2) {
	void openDeck();
} else {
	// A computed specifier: the bundler leaves this import to Node, which loads the ES modules.
	const commands = new URL('./cli.js', import.meta.url).href;
	import(commands).catch((error: unknown) => {
		const reason = error instanceof Error ? error.message : String(error);
		process.stderr.write(`authdeck: cannot start the command line: ${sanitize(reason, 300)}\n`);
		process.exitCode = 1;
	});
}
