import type {Command} from 'commander';
import {toJson} from '../../lib/json.js';
import {maskSecret} from '../../lib/mask.js';
import {recordUse} from '../../services/record-use.js';
import {freshToken} from '../../services/refresh.js';
import {accountFrom, jsonOption} from '../options.js';
import {action, print} from '../output.js';

/** `authdeck token [account]`: the account's key or token (refreshed first), masked unless --show. */
export function registerToken(program: Command): void {
	program
		.command('token')
		.description("Print the account's key or token, masked; --show prints it raw for scripts")
		.argument('[account]', 'alias, email or id (default: see `authdeck status`)')
		.option('--show', 'print the raw secret')
		.addOption(jsonOption())
		.action(
			action(
				async (context, query: string | undefined, options: {show?: boolean; json?: boolean}) => {
					const account = accountFrom(context, query);
					const token = await freshToken(context, account);
					if (options.show) {
						await recordUse(context, account);
					}

					const shown = options.show ? token : maskSecret(token);
					print(
						options.json
							? toJson({account: account.alias, token: shown, masked: !options.show})
							: shown,
					);
				},
			),
		);
}
