import type {Command} from 'commander';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {formatRefresh, refreshAccount, refreshAll} from '../../services/refresh.js';
import {accountFrom, jsonOption} from '../options.js';
import {action, print} from '../output.js';

/** `authdeck refresh [account] | --all`: new access tokens now; the work is services/refresh's. */
export function registerRefresh(program: Command): void {
	program
		.command('refresh')
		.description('Get a new access token now (signed-in and service accounts)')
		.argument('[account]', 'alias, email or id (default: the current account)')
		.option('--all', 'refresh every account that can be refreshed')
		.addOption(jsonOption())
		.action(
			action(
				async (context, query: string | undefined, options: {all?: boolean; json?: boolean}) => {
					if (options.all && query) {
						throw new UserError('give an account or --all, not both');
					}

					if (options.all) {
						const results = await refreshAll(context, {requestedAt: performance.timeOrigin});
						print(options.json ? toJson(results) : formatRefresh(results));
						return results.every((result) => result.ok) ? 0 : 1;
					}

					const account = await refreshAccount(context, accountFrom(context, query).id, {
						requestedAt: performance.timeOrigin,
					});
					const result = {
						alias: account.alias,
						id: account.id,
						ok: true,
						tokenExpiresAt: account.tokenExpiresAt ?? null,
					};
					print(options.json ? toJson(result) : formatRefresh([result]));
				},
			),
		);
}
