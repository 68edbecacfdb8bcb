/**
 * Opens the deck from the command line. The built CLI runs the deck's own bundle through V8's code
 * cache, which saves about a third of the time to the first frame; from source (tests, `tsx`) it
 * imports the module.
 */
import {fileURLToPath} from 'node:url';
import {loadWithCodeCache} from './lib/code-cache.js';

/** Set by the build (source/build.mjs) to the deck bundle's name, next to the CLI. */
declare const DECK_BUNDLE: string | undefined;

type Deck = typeof import('./deck.js');

export async function openDeck(): Promise<never> {
	if (typeof DECK_BUNDLE === 'undefined') {
		return (await import('./deck.js')).openDeck();
	}

	const deck = loadWithCodeCache(fileURLToPath(new URL(DECK_BUNDLE, import.meta.url)));
	// At exit the cache holds every function this run compiled, the first frame's included.
	process.once('exit', deck.save);
	return (deck.exports as Deck).openDeck();
}
