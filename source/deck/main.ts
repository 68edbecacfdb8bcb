/**
 * `authdeck` with no command: the deck. The build makes this file, and everything it reaches, into
 * one CommonJS file (`dist/deck.cjs`) that `launch.ts` runs with V8's code cache.
 */
import {fail, UserError} from '../lib/errors.js';
import {interactive} from '../lib/interactive.js';
import {lookupAnswerKeeper} from '../services/lookup-answers.js';
import {openContext} from '../store/context.js';
import {exitProcess} from '../vault/keychain.js';
import {createDeckEffects} from './effects.js';
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

	const deck = createDeckEffects();
	let code: number;
	try {
		const context = await openContext({effects: deck.effects, written: lookupAnswerKeeper});
		const running = runDeck(context);
		// Once the first frame is drawn: the items' texts, so the first switch writes only its change.
		context.metadata.prepareWrites().catch(() => undefined);
		code = await running;
	} catch (error) {
		code = fail(error);
	} finally {
		deck.dispose();
	}

	exitProcess(code);
}
