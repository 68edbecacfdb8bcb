import type {Command} from 'commander';
import {toJson} from '../../lib/json.js';
import {maskSecret} from '../../lib/mask.js';
import {envKeyLine, envKeyOf, envSettingLines} from '../../services/env-overrides.js';
import {freshToken} from '../../services/fresh-token.js';
import {recordUse} from '../../services/record-use.js';
import {jsonOption, resolutionFrom} from '../options.js';
import {action, print} from '../output.js';

/**
 * `authdeck token [account]`: the account's key or token (refreshed first), masked unless --show.
 * A key variable of the provider set in the environment (VAST_API_KEY) is what that provider's tools
 * send, so it is the one printed, and stderr says so; an account named on the command line beats it.
 */
export function registerToken(program: Command): void {
	program
		.command('token')
		.description(
			"Print the account's key or token, masked; --show prints it raw for scripts (a key set in the provider's variable wins unless the account is named)",
		)
		.argument('[account]', 'alias, email or id (default: see `authdeck status`)')
		.option('--show', 'print the raw secret')
		.addOption(jsonOption())
		.action(
			action(
				async (context, query: string | undefined, options: {show?: boolean; json?: boolean}) => {
					const {account, source} = resolutionFrom(context, query);
					const {vault} = context.store.getState();
					const fromEnv =
						source === 'flag' ? undefined : envKeyOf(vault, context.env, account.providerId);
					for (const line of envSettingLines(context, account)) {
						context.warn(line);
					}

					if (fromEnv) {
						context.warn(await envKeyLine(context, fromEnv, account));
					}

					const token = fromEnv?.value ?? (await freshToken(context, account));
					if (options.show && !fromEnv) {
						// A stored key handed out: recorded; a key from the shell is not authdeck's to record.
						await recordUse(context, account);
					}

					const shown = options.show ? token : maskSecret(token);
					print(
						options.json
							? toJson({
									account: account.alias,
									token: shown,
									masked: !options.show,
									...(fromEnv ? {source: 'environment', variable: fromEnv.variable} : {}),
								})
							: shown,
					);
				},
			),
		);
}
