/**
 * The entry of a bundle of one command (dist/command-NAME.cjs, build/bundles.ts): the build gives
 * it a table of that command alone, and the launcher (launch.ts) runs it only for that command's
 * names. It holds neither the registry nor the other commands, so a hot command (`status`,
 * `switch`, `token`, …) reads a little over half of dist/cli.cjs, and deserialises a smaller cache.
 */
import {runCommandLine as run} from './command-line.js';
import {commandNames, commandTable} from './command-table.js';

export {commandNames};

export function runCommandLine(
	argv: readonly string[],
	openDeck: () => Promise<void>,
): Promise<void> {
	return run(argv, openDeck, commandTable, () =>
		Promise.reject(new Error(`this bundle runs only ${Object.keys(commandTable).join(', ')}`)),
	);
}
