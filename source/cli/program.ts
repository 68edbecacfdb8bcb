import type {Command} from 'commander';
import {registerAlias} from './commands/alias.js';
import {registerCatalog} from './commands/catalog.js';
import {registerCompletion} from './commands/completion.js';
import {registerConfig} from './commands/config.js';
import {registerCredential} from './commands/credential.js';
import {registerDoctor} from './commands/doctor.js';
import {registerEnv} from './commands/env.js';
import {registerExec} from './commands/exec.js';
import {registerImport} from './commands/import.js';
import {registerKey} from './commands/key.js';
import {registerLogin} from './commands/login.js';
import {registerLogout} from './commands/logout.js';
import {registerOrgs} from './commands/orgs.js';
import {registerPermissions} from './commands/permissions.js';
import {registerProfile} from './commands/profile.js';
import {registerPrompt} from './commands/prompt.js';
import {registerProvider} from './commands/provider.js';
import {registerRefresh} from './commands/refresh.js';
import {registerShell} from './commands/shell.js';
import {registerStatus} from './commands/status.js';
import {registerSwitch} from './commands/switch.js';
import {registerToken} from './commands/token.js';
import {registerUse} from './commands/use.js';
import {registerWhoami} from './commands/whoami.js';
import {finishProgram, rootProgram} from './root.js';

/**
 * The whole command line, one line per command or group in the order `--help` lists them; each
 * command's flags, action and logic are in its file under commands/. The readme's reference is
 * built from this. `openDeck` runs when no command is given (`authdeck --`); main.ts passes the
 * deck's launcher.
 */
export function createProgram(openDeck: () => Promise<void>): Command {
	const program = rootProgram(openDeck);
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
	registerCatalog(program);
	registerKey(program);
	registerProfile(program);
	registerImport(program);
	registerPrompt(program);
	registerCompletion(program);

	return finishProgram(program);
}
