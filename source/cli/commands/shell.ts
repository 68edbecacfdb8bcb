import type {Command} from 'commander';
import {UserError} from '../../lib/errors.js';
import {sanitize} from '../../lib/sanitize.js';
import {accountFrom} from '../options.js';
import {action} from '../output.js';
import {execWith} from './exec.js';

/** Set inside `authdeck shell`: the alias it was opened for, so a second one can refuse to nest. */
export const shellMarker = 'AUTHDECK_SHELL';

/** `authdeck shell ALIAS`: a subshell with the account's variables; its exit code is ours. */
export function registerShell(program: Command): void {
	program
		.command('shell')
		.description(
			"Open a subshell ($SHELL) with the account's variables and AUTHDECK_ACCOUNT set; exit it to leave",
		)
		.argument('<account>', 'alias, email or id')
		.argument('[args...]', 'arguments for the shell, after -- (e.g. -- -c "vapi assistants list")')
		.action(
			action(async (context, query: string, args: string[]) => {
				const inside = context.env[shellMarker];
				if (inside) {
					throw new UserError(
						`already in an authdeck shell for ${sanitize(inside, 80)}; type exit to leave it first`,
					);
				}

				const account = accountFrom(context, query);
				const program = context.env.SHELL || '/bin/sh';
				return execWith(context, account, [program, ...args], {[shellMarker]: account.alias});
			}),
		);
}
