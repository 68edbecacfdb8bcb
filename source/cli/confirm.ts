import {nodeReadline} from '../lib/builtins.js';
import {UserError} from '../lib/errors.js';
import {interactive} from '../lib/interactive.js';

export type Confirmation = {
	/** `--yes`: the user already said so. */
	readonly yes?: boolean;
	/** What is about to happen, for the one line a run without a terminal fails with. */
	readonly action: string;
	/** The question asked on a terminal. */
	readonly question: string;
	/** The exact text to type (a guarded account's alias); else y or yes. */
	readonly expect?: string;
};

/** One line read from the terminal; undefined on Ctrl+C or Ctrl+D. */
function ask(question: string): Promise<string | undefined> {
	return new Promise((resolve) => {
		// On stderr: stdout stays for the command's output (`--json`).
		const line = nodeReadline().createInterface({
			input: process.stdin,
			output: process.stderr,
			terminal: true,
		});
		let answer: string | undefined;
		line.on('SIGINT', () => line.close());
		line.on('close', () => resolve(answer));
		line.question(question, (text) => {
			answer = text;
			line.close();
		});
	});
}

/**
 * Asks before a destructive action, or lets it pass with `--yes`. Without a terminal there is no one
 * to ask: it fails at once and names the flag, so a script never hangs waiting for a key. A wrong
 * or empty answer cancels, changing nothing.
 */
export async function confirmOrStop(confirmation: Confirmation): Promise<void> {
	if (confirmation.yes) return;
	if (!interactive()) {
		throw new UserError(
			`${confirmation.action} needs confirmation: run it on a terminal, or add --yes`,
		);
	}

	const answer = (await ask(confirmation.question))?.trim();
	const confirmed =
		confirmation.expect === undefined
			? /^y(es)?$/i.test(answer ?? '')
			: answer === confirmation.expect;
	if (!confirmed) {
		throw new UserError('cancelled; nothing was changed');
	}
}
