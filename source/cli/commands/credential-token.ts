/** `authdeck credential token`: an oauth2 credential's access token, fetched or cached, masked. */
import type {Command} from 'commander';
import {formatRelative} from '../../lib/duration.js';
import {toJson} from '../../lib/json.js';
import {maskSecret} from '../../lib/mask.js';
import {tokenFor} from '../../services/credential-token.js';
import {markUsed} from '../../services/credential-use.js';
import {jsonOption} from '../options.js';
import {action, print} from '../output.js';
import {ownerOption, pickCredential} from './credential-input.js';

type TokenOptions = {show?: boolean; refresh?: boolean; account?: string; json?: boolean};

/** Registers `credential token` on the credential group. */
export function registerCredentialToken(credential: Command): void {
	credential
		.command('token')
		.description(
			"Print an oauth2 credential's access token, masked (fetched from its token URL when needed); --show prints it raw",
		)
		.argument('<credential>', 'its id, or its name')
		.option('--show', 'print the raw token, for scripts')
		.option('--refresh', 'fetch a new token even if the cached one is good')
		.addOption(ownerOption())
		.addOption(jsonOption())
		.action(
			action(async (context, query: string, options: TokenOptions) => {
				const found = pickCredential(context, query, options.account);
				const token = await tokenFor(context, found, {force: options.refresh});
				if (!token.fetched) {
					await markUsed(context, found);
				}

				const shown = options.show ? token.accessToken : maskSecret(token.accessToken);
				if (options.json) {
					print(
						toJson({
							credential: found.name,
							token: shown,
							masked: !options.show,
							expiresAt: token.expiresAt,
							fetched: token.fetched,
						}),
					);
				} else if (options.show) {
					print(shown);
				} else {
					print(`${shown}  (${formatRelative(token.expiresAt, Date.now())})`);
				}
			}),
		);
}
