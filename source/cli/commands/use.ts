import {type Command, Option} from 'commander';
import {allProviders, findProvider} from '../../auth/providers.js';
import type {Account} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {
	detectShell,
	exportLines,
	isShell,
	type Shell,
	shells,
	unsetLines,
} from '../../lib/shell.js';
import type {Context} from '../../store/context.js';
import {findByQuery} from '../../store/resolve-account.js';
import {accountFrom} from '../options.js';
import {action, print} from '../output.js';
import {accountVariables} from './env.js';

/** How each shell runs what `use` prints. */
const evalHint: Readonly<Record<Shell, (args: string) => string>> = {
	bash: (args) => `eval "$(authdeck use ${args})"`,
	zsh: (args) => `eval "$(authdeck use ${args})"`,
	fish: (args) => `authdeck use ${args} | source`,
	powershell: (args) => `authdeck use ${args} --shell powershell | Invoke-Expression`,
};

/**
 * The code that makes `account` this shell's account: `AUTHDECK_ACCOUNT` (which every authdeck
 * command, and `authdeck prompt`, honour) and the provider's own variables, so its tools use the
 * account too. Nothing global changes: no switch is saved, other shells keep their account. With
 * `keyToo` false only `AUTHDECK_ACCOUNT` is set.
 */
export async function exportsForUse(
	context: Context,
	account: Account,
	shell: Shell,
	keyToo: boolean,
): Promise<string> {
	const variables = keyToo
		? await accountVariables(context, account)
		: {AUTHDECK_ACCOUNT: account.alias};
	return exportLines(variables, shell);
}

/** The code that undoes `use`: the variables of the account AUTHDECK_ACCOUNT names, and it, unset. */
function offLines(context: Context, shell: Shell): string {
	const {vault} = context.store.getState();
	const named = context.env.AUTHDECK_ACCOUNT;
	let names: readonly string[] = [];
	if (named) {
		try {
			names = findProvider(vault, findByQuery(vault, named).providerId)?.envVars ?? [];
		} catch {
			// An account forgotten since: every provider's variables that are set go.
			names = allProviders(vault).flatMap((provider) =>
				provider.envVars.filter((name) => context.env[name] !== undefined),
			);
		}
	}

	return unsetLines(['AUTHDECK_ACCOUNT', ...names], shell);
}

/** `authdeck use ALIAS`: shell code that chooses the account for this shell only. */
export function registerUse(program: Command): void {
	program
		.command('use')
		.description(
			'Print shell code that sets the account for this shell only: eval "$(authdeck use ALIAS)"',
		)
		.argument('[account]', 'alias, email or id')
		.addOption(
			new Option('--shell <shell>', 'the shell to write for (default: from $SHELL)').choices(
				shells,
			),
		)
		.option('--no-key', "set only AUTHDECK_ACCOUNT, not the provider's key variables")
		.option('--off', 'undo: unset AUTHDECK_ACCOUNT and its provider variables')
		.action(
			action(
				async (
					context,
					query: string | undefined,
					options: {shell?: string; key: boolean; off?: boolean},
				) => {
					const shell = isShell(options.shell) ? options.shell : detectShell(context.env);
					const named = query ?? context.flags.account;
					if (!options.off && !named) {
						throw new UserError(`name the account: ${evalHint[shell]('ALIAS')}`);
					}

					// Shell code holding a key is for a shell to read, not for the screen.
					if (process.stdout.isTTY) {
						throw new UserError(
							`use prints shell code for your shell to run: ${evalHint[shell](options.off ? '--off' : (named ?? ''))}`,
							{exitCode: 2},
						);
					}

					print(
						options.off
							? offLines(context, shell)
							: await exportsForUse(context, accountFrom(context, query), shell, options.key),
					);
				},
			),
		);
}
