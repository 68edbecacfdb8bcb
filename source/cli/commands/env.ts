import {type Command, Option} from 'commander';
import {findProvider} from '../../auth/providers.js';
import type {Account} from '../../domain.js';
import {maskSecret} from '../../lib/mask.js';
import {detectShell, exportLines, isShell, type Shell, shells} from '../../lib/shell.js';
import {recordUse} from '../../services/record-use.js';
import {freshToken} from '../../services/refresh.js';
import type {Context} from '../../store/context.js';
import {accountFrom, accountOption} from '../options.js';
import {action, print} from '../output.js';

/** The variables that hand an account to other tools: the provider's, plus `AUTHDECK_ACCOUNT`. */
export async function accountVariables(
	context: Context,
	account: Account,
): Promise<Record<string, string>> {
	const {vault} = context.store.getState();
	const provider = findProvider(vault, account.providerId);
	const token = await freshToken(context, account);
	const variables: Record<string, string> = {AUTHDECK_ACCOUNT: account.alias};
	for (const name of provider?.envVars ?? []) {
		variables[name] = token;
	}

	return variables;
}

/** `env`: shell exports of the account's variables; without `show`, comments with masked values only. */
export async function envLines(
	context: Context,
	account: Account,
	shell: Shell,
	show: boolean,
): Promise<string> {
	const variables = await accountVariables(context, account);
	if (show) {
		await recordUse(context, account);
		return exportLines(variables, shell);
	}

	const lines = Object.entries(variables).map(
		([name, value]) => `# ${name}=${name === 'AUTHDECK_ACCOUNT' ? value : maskSecret(value)}`,
	);
	lines.push(
		`# values are masked; to set them run: eval "$(authdeck env --show --account ${account.alias})"`,
	);
	return `${lines.join('\n')}\n`;
}

/** `authdeck env`: the account's variables as shell exports, masked unless --show. */
export function registerEnv(program: Command): void {
	program
		.command('env')
		.description("Print shell exports of the account's variables (masked unless --show)")
		.addOption(accountOption())
		.addOption(new Option('--shell <shell>', 'the shell to quote for').choices(shells))
		.option('--show', 'print the real values, for eval "$(authdeck env --show)"')
		.action(
			action(async (context, options: {account?: string; shell?: string; show?: boolean}) => {
				const account = accountFrom(context, options.account);
				const shell = isShell(options.shell) ? options.shell : detectShell(context.env);
				print(await envLines(context, account, shell, Boolean(options.show)));
			}),
		);
}
