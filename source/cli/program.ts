import {Command} from 'commander';
import packageJson from '../../package.json' with {type: 'json'};
import {sanitize} from '../lib/sanitize.js';
import {registerAlias} from './commands/alias.js';
import {registerConfig} from './commands/config.js';
import {registerCredential} from './commands/credential.js';
import {registerDoctor} from './commands/doctor.js';
import {registerEnv} from './commands/env.js';
import {registerExec} from './commands/exec.js';
import {registerLogin} from './commands/login.js';
import {registerLogout} from './commands/logout.js';
import {registerOrgs} from './commands/orgs.js';
import {registerProfile} from './commands/profile.js';
import {registerProvider} from './commands/provider.js';
import {registerRefresh} from './commands/refresh.js';
import {registerStatus} from './commands/status.js';
import {registerSwitch} from './commands/switch.js';
import {registerToken} from './commands/token.js';
import {registerWhoami} from './commands/whoami.js';
import {addChoiceOptions} from './options.js';
import {configureOutputEverywhere} from './output.js';

/** Commands that act on an account: they take `--account`, `--org` and `--profile`. */
const actOnAccount = new Set([
	'status',
	'token',
	'logout',
	'env',
	'exec',
	'refresh',
	'whoami',
	'orgs',
	'org switch',
	'credential add',
	'credential list',
	'credential remove',
]);
/** Commands the profile does not change: no `--profile`. */
const profileFree = new Set([
	'profile',
	'config create-profile',
	'config use-profile',
	'provider',
	'doctor',
	'alias',
	'credential headers',
	'credential sign',
	'credential verify',
]);

/** The command's path below the program, e.g. `org switch`. */
function pathOf(command: Command): string {
	const names: string[] = [];
	for (let at: Command | null = command; at?.parent; at = at.parent) {
		names.unshift(at.name());
	}

	return names.join(' ');
}

/** Gives every command the shared flags it takes (options.ts), once the tree is built. */
function addSharedFlags(command: Command): void {
	for (const sub of command.commands) {
		const path = pathOf(sub);
		const top = path.split(' ')[0] as string;
		if (sub.commands.length > 0) {
			addSharedFlags(sub);
		} else if (!profileFree.has(path) && !profileFree.has(top)) {
			addChoiceOptions(sub, actOnAccount.has(path));
		}
	}
}

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
	registerDoctor(program);
	registerRefresh(program);
	registerWhoami(program);
	registerOrgs(program);
	registerProvider(program);
	registerCredential(program);
	registerProfile(program);
	addSharedFlags(program);

	// Only the program itself: an unknown command reaches its action and is named there, instead of
	// commander's "too many arguments". Set last, so no subcommand inherits it.
	program.allowExcessArguments();
	// A usage error is one sanitised line, like every other failure, and says where the usage is.
	configureOutputEverywhere(program);
	return program;
}
