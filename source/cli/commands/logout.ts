import type {Command} from 'commander';
import type {Account} from '../../domain.js';
import {isGuarded} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {logoutAccount} from '../../services/logout.js';
import {confirmOrStop} from '../confirm.js';
import {accountFrom, jsonOption, yesOption} from '../options.js';
import {action, print} from '../output.js';

/** `authdeck logout [account] | --all`: forgets accounts; the revocation lives in services/logout. */
export function registerLogout(program: Command): void {
	program
		.command('logout')
		.description('Forget an account and delete its secrets (signed-in accounts are revoked first)')
		.argument('[account]', 'alias, email or id (default: the current account)')
		.option('--all', 'forget every account')
		.addOption(yesOption())
		.addOption(jsonOption())
		.action(
			action(
				async (
					context,
					query: string | undefined,
					options: {all?: boolean; json?: boolean; yes?: boolean},
				) => {
					const {vault} = context.store.getState();
					if (options.all && query) {
						throw new UserError('give an account or --all, not both');
					}

					const accounts = options.all ? [...vault.accounts] : [accountFrom(context, query)];
					await confirmLogout(accounts, Boolean(options.all), options.yes);
					const results = [];
					for (const account of accounts) {
						const result = await logoutAccount(context, account);
						for (const warning of result.warnings) {
							context.warn(warning);
						}

						results.push(result);
					}

					print(
						options.json
							? toJson(results)
							: results.length === 0
								? 'No accounts to log out'
								: results.map((result) => `Logged out of ${result.alias}`).join('\n'),
					);
				},
			),
		);
}

/** `logout --all` asks y/N; logging out of one production or protected account asks for its alias. */
async function confirmLogout(accounts: readonly Account[], all: boolean, yes?: boolean) {
	const [only] = accounts;
	if (all && accounts.length > 0) {
		await confirmOrStop({
			yes,
			action: 'logout --all',
			question: `Log out of all ${accounts.length} accounts and delete their secrets? [y/N] `,
		});
	} else if (!all && only && isGuarded(only)) {
		await confirmOrStop({
			yes,
			action: `logout of ${only.alias} (${only.protected ? 'protected' : 'production'})`,
			question: `${only.alias} is a ${only.protected ? 'protected' : 'production'} account. Type its alias to log out: `,
			expect: only.alias,
		});
	}
}
