import {Command} from 'commander';
import packageJson from '../../package.json' with {type: 'json'};
import {sanitize} from '../lib/sanitize.js';
import {registerAlias} from './commands/alias.js';
import {registerCompletion} from './commands/completion.js';
import {registerConfig} from './commands/config.js';
import {registerCredential} from './commands/credential.js';
import {registerDoctor} from './commands/doctor.js';
import {registerEnv} from './commands/env.js';
import {registerExec} from './commands/exec.js';
import {registerImport} from './commands/import.js';
import {registerLogin} from './commands/login.js';
import {registerLogout} from './commands/logout.js';
import {registerOrgs} from './commands/orgs.js';
import {registerPermissions} from './commands/permissions.js';
import {registerPrompt} from './commands/prompt.js';
import {registerProvider} from './commands/provider.js';
import {registerRefresh} from './commands/refresh.js';
import {registerShell} from './commands/shell.js';
import {registerStatus} from './commands/status.js';
import {registerSwitch} from './commands/switch.js';
import {registerToken} from './commands/token.js';
import {registerUse} from './commands/use.js';
import {registerWhoami} from './commands/whoami.js';
import {configureOutputEverywhere} from './output.js';

/**
 * The whole command line, one line per command or group in the order `--help` lists them; each
 * command's flags, action and logic are in its file under commands/. The readme's reference is
 * built from this. `openDeck` runs when no command is given (`authdeck --`); main.ts passes the
 * deck's launcher.
 */
export function createProgram(openDeck: () => Promise<void>): Command {
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

	registerLogin(program);
	registerStatus(program);
	registerSwitch(program);
	registerAlias(program);
	registerToken(program);
	registerLogout(program);
	registerConfig(program);
	registerEnv(program);
	registerExec(program);
	registerUse(program);
	registerShell(program);
	registerDoctor(program);
	registerRefresh(program);
	registerWhoami(program);
	registerPermissions(program);
	registerOrgs(program);
	registerProvider(program);
	registerCredential(program);
	registerImport(program);
	registerPrompt(program);
	registerCompletion(program);

	// Only the program itself: an unknown command reaches its action and is named there, instead of
	// commander's "too many arguments". Set last, so no subcommand inherits it.
	program.allowExcessArguments();
	// A usage error is one sanitised line, like every other failure, and says where the usage is.
	configureOutputEverywhere(program);
	return program;
}
