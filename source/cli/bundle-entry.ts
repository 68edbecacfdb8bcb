/**
 * The entry of the commands' bundle (dist/cli.cjs), which source/cli/launch.ts runs through V8's
 * code cache. Only this, command-line.ts and commander run at load; each command's file is loaded
 * when its command runs, and the whole registry only when no single command is named.
 */
import {runCommandLine as run} from './command-line.js';
import {commandNames, commandTable} from './command-table.js';

export {commandNames};

export function runCommandLine(
	argv: readonly string[],
	openDeck: () => Promise<void>,
): Promise<void> {
	return run(argv, openDeck, commandTable, (deck) =>
		import('./program.js').then(({createProgram}) => createProgram(deck)),
	);
}
