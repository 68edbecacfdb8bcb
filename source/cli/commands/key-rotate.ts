import type {Command} from 'commander';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {rotateKey} from '../../services/key-rotate.js';
import {accountFrom, jsonOption} from '../options.js';
import {action, print} from '../output.js';

/** `key rotate ALIAS`: a new key in use before the old one is deleted at the provider. */
export function registerKeyRotate(key: Command): void {
	key
		.command('rotate')
		.description(
			"Replace the account's key with a new one at the provider, then delete the old one",
		)
		.argument('[account]', 'alias, email or id of the API-key account (or --account)')
		.option('--base-url <url>', "the provider's API base URL for this run (default: the account's)")
		.addOption(jsonOption())
		.action(
			action(
				async (context, query: string | undefined, options: {baseUrl?: string; json?: boolean}) => {
					if (!query && !context.flags.account) {
						// Rotating deletes a key at the provider: never on an account chosen implicitly.
						throw new UserError('name the account to rotate: authdeck key rotate ACCOUNT');
					}

					const account = accountFrom(context, query);
					const result = await rotateKey(context, account.alias, options.baseUrl);
					print(
						options.json
							? toJson(result)
							: [
									`Rotated "${result.alias}": the new key ${sanitize(result.newId, 64)} (${result.secret}) passed "who am I" and is stored.`,
									...(result.synced ? [`Re-synced ${sanitize(result.synced)}.`] : []),
									result.oldKeyLeft
										? `The old key ${sanitize(result.oldId, 64)} was NOT deleted.`
										: `The old key ${sanitize(result.oldId, 64)} was deleted at the provider.`,
								].join('\n'),
					);
					if (result.oldKeyLeft) {
						throw new UserError(
							`the new key is stored and in use, but the old key ${result.oldId} could not be deleted (${result.oldKeyLeft}); it still works until you delete it: authdeck key delete ${result.oldId} --account ${result.alias} --yes`,
						);
					}
				},
			),
		);
}
