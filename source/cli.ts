#!/usr/bin/env node
import {openDeck} from './open-deck.js';

// `authdeck` alone opens the deck without loading the command line; anything else is a command.
if (process.argv.length <= 2) {
	await openDeck();
} else {
	const {createProgram} = await import('./program.js');
	await createProgram(openDeck).parseAsync();
}
