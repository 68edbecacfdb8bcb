import {type Command, Option} from 'commander';
import {findProvider} from '../../auth/providers.js';
import type {Account} from '../../domain.js';
import {maskSecret} from '../../lib/mask.js';
import {isReservedVariable} from '../../lib/reserved-variables.js';
import {sanitize} from '../../lib/sanitize.js';
import {detectShell, exportLines, isShell, quote, type Shell, shells} from '../../lib/shell.js';
import {freshToken} from '../../services/fresh-token.js';
import {recordUse} from '../../services/record-use.js';
import type {Context} from '../../store/context.js';
import {profileBaseUrl} from '../../store/profiles.js';
import {accountFrom, accountOption, orgFrom, profileFrom} from '../options.js';
import {action, print} from '../output.js';

/**
 * The variables that hand an account to other tools: the provider's key variables, its organization
 * and base URL variables where it declares them (`--org` and the profile's overrides apply), plus
 * `AUTHDECK_ACCOUNT`.
 */
export async function accountVariables(
	context: Context,
	account: Account,
): Promise<Record<string, string>> {
	const {vault} = context.store.getState();
	const provider = findProvider(vault, account.providerId);
	const org = orgFrom(context, account);
	const baseUrl = profileBaseUrl(profileFrom(context).view, account, provider?.baseUrl);
	const token = await freshToken(context, account);
	const variables: Record<string, string> = {AUTHDECK_ACCOUNT: account.alias};
	// A definition stored before reserved names were refused is still held to them here.
	const set = (names: readonly string[] = [], value: string) => {
		for (const name of names) if (!isReservedVariable(name)) variables[name] = value;
	};

	set(provider?.envVars, token);
	if (org) set(provider?.orgEnvVars, org.id);
	if (baseUrl) set(provider?.baseUrlEnvVars, baseUrl);
	return variables;
}

/** Whether a variable carries a secret (a key variable), so `env` masks it. */
function isSecret(context: Context, account: Account, name: string): boolean {
	const provider = findProvider(context.store.getState().vault, account.providerId);
	return provider?.envVars.includes(name) ?? true;
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
		([name, value]) =>
			`# ${name}=${name === 'AUTHDECK_ACCOUNT' || !isSecret(context, account, name) ? sanitize(value, 300) : maskSecret(value)}`,
	);
	// The same choice again: the account, and the organization and profile when this run named them.
	const {org, profile} = context.flags;
	const again = [
		`--account ${account.alias}`,
		org ? `--org ${sanitize(quote(org, shell), 200)}` : '',
		profile ? `--profile ${sanitize(profile, 63)}` : '',
	].filter(Boolean);
	lines.push(
		`# values are masked; to set them run: eval "$(authdeck env --show ${again.join(' ')})"`,
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
