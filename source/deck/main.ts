/**
 * `authdeck` with no command: the deck. The build makes this file, and everything it reaches, into
 * one CommonJS file (`dist/deck.cjs`) that `open-deck.ts` runs with V8's code cache.
 */
import {fail} from '../cli/output.js';
import {UserError} from '../lib/errors.js';
import {interactive} from '../lib/interactive.js';
import {openContext} from '../store/context.js';
import {exitProcess} from '../vault/keychain.js';
import {runDeck} from './screen.js';

export async function openDeck(): Promise<never> {
	if (!interactive()) {
		exitProcess(
			fail(
				new UserError(
					'the deck needs a terminal; in scripts use `authdeck status` to see accounts and `authdeck switch <alias>` to change',
				),
			),
		);
	}

	try {
		exitProcess(await runDeck(await openContext()));
	} catch (error) {
		exitProcess(fail(error));
	}
}
