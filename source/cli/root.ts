import {Command} from 'commander';
import packageJson from '../../package.json' with {type: 'json'};
import {sanitize} from '../lib/sanitize.js';
import {configureOutputEverywhere} from './output.js';
import {addSharedFlags} from './shared-flags.js';

/**
 * The program without its commands: its name, description, version and default action.
 * `openDeck` runs when no command is given (`authdeck --`).
 */
export function rootProgram(openDeck: () => Promise<void>): Command {
	const program = new Command('authdeck')
		.description(
			'A keyboard-driven deck for the API accounts you juggle. Run without a command to open the deck.',
		)
		.version(packageJson.version)
		.enablePositionalOptions();

	program.action(async () => {
		if (program.args.length > 0) {
			program.error(`unknown command '${sanitize(program.args[0], 80)}'`);
		}

		await openDeck();
	});
	return program;
}

/** What is set once the commands are registered, so that no command inherits it. */
export function finishProgram(program: Command): Command {
	addSharedFlags(program);
	// Only the program itself: an unknown command reaches its action and is named there, instead of
	// commander's "too many arguments". Set last, so no subcommand inherits it.
	program.allowExcessArguments();
	// A usage error is one sanitised line, like every other failure, and says where the usage is.
	configureOutputEverywhere(program);
	return program;
}
