import type {Command} from 'commander';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {logoutAccount} from '../../services/logout.js';
import {accountFrom, jsonOption} from '../options.js';
import {action, print} from '../output.js';

/** `authdeck logout [account] | --all`: forgets accounts; the revocation lives in services/logout. */
export function registerLogout(program: Command): void {
	program
		.command('logout')
		.description('Forget an account and delete its secrets (signed-in accounts are revoked first)')
		.argument('[account]', 'alias, email or id (default: the current account)')
		.option('--all', 'forget every account')
		.addOption(jsonOption())
		.action(
			action(
				async (context, query: string | undefined, options: {all?: boolean; json?: boolean}) => {
					const {vault} = context.store.getState();
					if (options.all && query) {
						throw new UserError('give an account or --all, not both');
					}

					const accounts = options.all ? [...vault.accounts] : [accountFrom(context, query)];
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
