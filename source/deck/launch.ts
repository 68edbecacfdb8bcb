/**
 * Opens the deck from the command line: `authdeck` alone (source/bin.ts), or dist/cli.js run without
 * a command. The build runs the deck's own bundle through V8's code cache, which saves about a fifth
 * of the time to the first frame; from source (tests, `tsx`) it imports the module.
 */
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {type Loaded, loadWithCodeCache} from '../lib/code-cache.js';
import {interactive} from '../lib/interactive.js';
import {sanitize} from '../lib/sanitize.js';

/** Set by the build (build/build.mjs) to the deck bundle's name, next to the CLI. */
declare const DECK_BUNDLE: string | undefined;
/** Set by the build to that bundle's SHA-256, so that it is not hashed at each start. */
declare const DECK_BUNDLE_DIGEST: string | undefined;

type Deck = typeof import('./main.js');

export async function openDeck(): Promise<never> {
	if (typeof DECK_BUNDLE === 'undefined') {
		return (await import('./main.js')).openDeck();
	}

	// Beside this file: by its directory where it is CommonJS (dist/authdeck.cjs), which spares the
	// URL functions' first call (~0.5 ms); by its URL where it is an ES module (dist/cli.js).
	const file =
		typeof __dirname === 'string'
			? join(__dirname, DECK_BUNDLE)
			: fileURLToPath(new URL(DECK_BUNDLE, import.meta.url));
	let deck: Loaded;
	try {
		deck = loadWithCodeCache(file, undefined, {
			digest: typeof DECK_BUNDLE_DIGEST === 'string' ? DECK_BUNDLE_DIGEST : undefined,
		});
	} catch (error) {
		// A missing or broken dist/deck.cjs: an incomplete install or build, said in one line.
		const reason = error instanceof Error ? error.message : String(error);
		process.stderr.write(
			`authdeck: cannot start the deck from ${file}: ${sanitize(reason, 300)}\n`,
		);
		process.exit(1);
	}

	// At exit the cache holds every function this run compiled, the first frame's included. A run
	// without a terminal, or one that failed, may not have drawn a frame: it writes none, since a
	// cache once used is kept.
	if (interactive()) {
		process.once('exit', (code) => {
			if (code === 0) deck.save();
		});
	}

	return (deck.exports as Deck).openDeck();
}
