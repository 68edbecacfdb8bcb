/** `authdeck credential edit` and `credential rotate`: settings without the secret, and the secret. */
import {type Command, Option} from 'commander';
import {parseDuration} from '../../lib/duration.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {readStdin} from '../../lib/stdin.js';
import {
	type CredentialEdit,
	editCredential,
	rotateCredential,
} from '../../services/credential-change.js';
import {hmacAlgorithms} from '../../services/credentials.js';
import {signatureSchemes} from '../../webhooks/schemes.js';
import {jsonOption} from '../options.js';
import {action, print} from '../output.js';
import {ownerOption, pickCredential} from './credential-input.js';
import {credentialView} from './credential-view.js';

type EditOptions = Omit<CredentialEdit, 'headerName' | 'usedBy'> & {
	header?: string;
	usedBy?: string[] | false;
	account?: string;
	json?: boolean;
};

/** Registers `credential edit` on the credential group. */
export function registerCredentialEdit(credential: Command): void {
	credential
		.command('edit')
		.description("Change a credential's name, settings or uses; its secret stays as it is")
		.argument('<credential>', 'its id, or its name')
		.addOption(ownerOption())
		.option('--name <name>', 'a new name, unique within the account')
		.option('--header <name>', 'bearer: the header that carries the token')
		.option('--bearer-prefix', 'bearer: send "Bearer <token>"')
		.option('--no-bearer-prefix', 'bearer: send the raw token')
		.option('--token-url <url>', 'oauth2: the token endpoint')
		.option('--client-id <id>', 'oauth2: the client id')
		.option('--scope <scope>', 'oauth2: the scope to request')
		.addOption(
			new Option('--auth-method <method>', 'oauth2: how the client authenticates').choices([
				'client_secret_basic',
				'client_secret_post',
			]),
		)
		.addOption(
			new Option('--scheme <scheme>', 'hmac: the signature layout').choices(signatureSchemes),
		)
		.addOption(
			new Option('--algorithm <algorithm>', 'hmac (custom): the hash').choices(hmacAlgorithms),
		)
		.option('--signature-header <name>', 'hmac (custom): the header that carries the signature')
		.option('--timestamp-header <name>', 'hmac (custom): the header that carries the timestamp')
		.option('--payload-format <format>', 'hmac (custom): what is signed, e.g. {timestamp}.{body}')
		.option('--used-by <reference...>', 'where it is used (replaces the list)')
		.option('--no-used-by', 'clear where it is used')
		.addOption(jsonOption())
		.action(
			action(async (context, query: string, options: EditOptions) => {
				const found = pickCredential(context, query, options.account);
				const {header, usedBy, account: _account, json, ...rest} = options;
				const saved = await editCredential(context, found, {
					...rest,
					headerName: header,
					usedBy: usedBy === false ? [] : usedBy,
				});
				print(
					json
						? toJson(credentialView(context, saved))
						: `Edited credential ${sanitize(saved.name, 80)} (${saved.id}); its secret is unchanged`,
				);
			}),
		);
}

/** Registers `credential rotate` on the credential group. */
export function registerCredentialRotate(credential: Command): void {
	credential
		.command('rotate')
		.description(
			"Replace a credential's secret (read from stdin); verify accepts the previous one for a while",
		)
		.argument('<credential>', 'its id, or its name')
		.addOption(ownerOption())
		.option(
			'--keep-previous <duration>',
			'how long the previous secret still verifies (0 for not at all)',
			'24h',
		)
		.action(
			action(async (context, query: string, options: {account?: string; keepPrevious: string}) => {
				let keep: number;
				try {
					keep = parseDuration(options.keepPrevious);
				} catch {
					throw new UserError(
						`--keep-previous takes a duration such as 24h, 30m or 0, not "${sanitize(options.keepPrevious, 40)}"`,
						{field: 'keepPrevious'},
					);
				}

				const found = pickCredential(context, query, options.account);
				if (process.stdin.isTTY) {
					throw new UserError(
						'pipe the new secret in on stdin, e.g. `printf %s "$SECRET" | authdeck credential rotate NAME`',
					);
				}

				const {until} = await rotateCredential(context, found, await readStdin(), keep);
				const grace = until
					? `the previous one still verifies until ${until}`
					: 'the previous one no longer verifies';
				print(`Rotated the secret of ${sanitize(found.name, 80)} (${found.id}); ${grace}`);
			}),
		);
}
