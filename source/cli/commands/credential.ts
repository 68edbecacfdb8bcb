import {type Command, Option} from 'commander';
import {isGuarded} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {readStdin} from '../../lib/stdin.js';
import {
	addCredential,
	credentialTypes,
	findCredential,
	hmacAlgorithms,
	removeCredential,
} from '../../services/credentials.js';
import {findAccount} from '../../store/selectors.js';
import {signatureSchemes} from '../../webhooks/schemes.js';
import {confirmOrStop} from '../confirm.js';
import {accountFrom, jsonOption, yesOption} from '../options.js';
import {action, print} from '../output.js';
import {registerCredentialEdit, registerCredentialRotate} from './credential-edit.js';
import {registerCredentialHeaders} from './credential-headers.js';
import {ownerOption} from './credential-input.js';
import {definitionInput, formatPending} from './credential-pending.js';
import {registerCredentialListen, registerCredentialSend} from './credential-send.js';
import {registerCredentialSign} from './credential-sign.js';
import {registerCredentialToken} from './credential-token.js';
import {registerCredentialVerify} from './credential-verify.js';
import {credentialView, formatList} from './credential-view.js';

type AddOptions = {
	account?: string;
	fromCatalog?: string;
	name?: string;
	type?: string;
	header?: string;
	bearerPrefix?: boolean;
	tokenUrl?: string;
	clientId?: string;
	scope?: string;
	authMethod?: string;
	scheme?: string;
	algorithm?: string;
	signatureHeader?: string;
	timestampHeader?: string;
	payloadFormat?: string;
	usedBy?: string[];
	json?: boolean;
};

/** `authdeck credential ...`: webhook credentials from scripts; secrets only on stdin. */
export function registerCredential(program: Command): void {
	const credential = program
		.command('credential')
		.description('Manage credentials that authenticate webhook calls (bearer, OAuth 2.0, HMAC)');
	// One function per subcommand: a new one is one more function and one more line here.
	addCredentialAdd(credential);
	addCredentialList(credential);
	addCredentialRemove(credential);
	registerCredentialEdit(credential);
	registerCredentialRotate(credential);
	registerCredentialToken(credential);
	registerCredentialSend(credential);
	registerCredentialListen(credential);
	registerCredentialHeaders(credential);
	registerCredentialSign(credential);
	registerCredentialVerify(credential);
}

/** `credential add`: the secret is read from stdin, never from argv. */
function addCredentialAdd(credential: Command): void {
	credential
		.command('add')
		.description(
			'Add a credential; its secret (token, client secret or HMAC key) is read from stdin',
		)
		.addOption(ownerOption())
		.option('--name <name>', 'a name for it, unique within the account (required)')
		.addOption(
			new Option('--type <type>', 'how the webhook call is authenticated (required)').choices(
				credentialTypes,
			),
		)
		.option(
			'--from-catalog <name>',
			"a team catalogue's credential definition: its type, settings, account and used-by",
		)
		.option('--header <name>', 'bearer: the header that carries the token', 'Authorization')
		.option(
			'--no-bearer-prefix',
			'bearer: send the raw token, without "Bearer " (legacy X-Vapi-Secret)',
		)
		.option('--token-url <url>', 'oauth2: the token endpoint')
		.option('--client-id <id>', 'oauth2: the client id')
		.option('--scope <scope>', 'oauth2: the scope to request')
		.addOption(
			new Option('--auth-method <method>', 'oauth2: how the client authenticates')
				.choices(['client_secret_basic', 'client_secret_post'])
				.default('client_secret_basic'),
		)
		.addOption(
			new Option(
				'--scheme <scheme>',
				'hmac: the signature layout (custom takes the algorithm, headers and payload format below)',
			)
				.choices(signatureSchemes)
				.default('custom'),
		)
		.addOption(
			new Option('--algorithm <algorithm>', 'hmac: the hash')
				.choices(hmacAlgorithms)
				.default('sha256'),
		)
		.option(
			'--signature-header <name>',
			'hmac: the header that carries the signature',
			'x-signature',
		)
		.option('--timestamp-header <name>', 'hmac: the header that carries the timestamp')
		.option('--payload-format <format>', 'hmac: what is signed, e.g. {timestamp}.{body}', '{body}')
		.option('--used-by <reference...>', 'where it is used (assistant ids, URLs)')
		.addOption(jsonOption())
		.action(
			action(async (context, options: AddOptions) => {
				if (process.stdin.isTTY) {
					throw new UserError(
						'pipe the secret in on stdin, e.g. `printf %s "$SECRET" | authdeck credential add --name ... --type bearer`',
					);
				}

				if (options.fromCatalog) {
					const {input, alias} = definitionInput(context, options.fromCatalog, options.account);
					const saved = await addCredential(context, {...input, secret: await readStdin()});
					print(
						options.json
							? toJson(credentialView(context, saved))
							: `Added credential ${sanitize(saved.name, 80)} (${saved.id}) to ${alias}`,
					);
					return;
				}

				for (const [flag, value] of [
					['--name <name>', options.name],
					['--type <type>', options.type],
				] as const) {
					if (!value) throw new UserError(`required option '${flag}' not specified`);
				}

				const account = accountFrom(context, options.account);
				const saved = await addCredential(context, {
					accountId: account.id,
					name: options.name ?? '',
					type: options.type ?? '',
					secret: await readStdin(),
					headerName: options.header,
					bearerPrefix: options.bearerPrefix,
					tokenUrl: options.tokenUrl,
					clientId: options.clientId,
					scope: options.scope,
					authMethod: options.authMethod,
					scheme: options.scheme,
					algorithm: options.algorithm,
					signatureHeader: options.signatureHeader,
					timestampHeader: options.timestampHeader,
					payloadFormat: options.payloadFormat,
					usedBy: options.usedBy,
				});
				print(
					options.json
						? toJson(credentialView(context, saved))
						: `Added credential ${sanitize(saved.name, 80)} (${saved.id}) to ${account.alias}`,
				);
			}),
		);
}

/** `credential list`: the current account's credentials, or every account's with --all. */
function addCredentialList(credential: Command): void {
	credential
		.command('list')
		.description('List credentials with their secrets masked')
		.addOption(ownerOption())
		.option('--all', 'every account, not only the current one')
		.addOption(jsonOption())
		.action(
			action(async (context, options: {account?: string; all?: boolean; json?: boolean}) => {
				const {vault} = context.store.getState();
				let credentials = vault.credentials;
				let owner: string | undefined;
				if (!options.all) {
					owner = accountFrom(context, options.account).id;
					credentials = credentials.filter((c) => c.accountId === owner);
				}

				print(
					options.json
						? toJson(credentials.map((c) => credentialView(context, c)))
						: `${formatList(context, credentials)}${formatPending(vault, owner)}`,
				);
			}),
		);
}

/** `credential remove <credential>`: by id or name, in one account when --account names one. */
function addCredentialRemove(credential: Command): void {
	credential
		.command('remove')
		.description('Remove a credential and delete its secret')
		.argument('<credential>', 'its id, or its name')
		.addOption(ownerOption())
		.addOption(yesOption())
		.action(
			action(async (context, query: string, options: {account?: string; yes?: boolean}) => {
				const {vault} = context.store.getState();
				const accountId = options.account ? accountFrom(context, options.account).id : undefined;
				const found = findCredential(vault, query, accountId);
				const owner = findAccount(vault, found.accountId);
				if (owner && isGuarded(owner)) {
					await confirmOrStop({
						yes: options.yes,
						action: `removing a credential of ${owner.alias} (${owner.protected ? 'protected' : 'production'})`,
						question: `${sanitize(found.name, 80)} belongs to ${owner.alias}, a ${owner.protected ? 'protected' : 'production'} account. Type ${owner.alias} to remove it: `,
						expect: owner.alias,
					});
				}

				await removeCredential(context, found);
				const uses =
					found.usedBy.length > 0
						? `; it was used by ${sanitize(found.usedBy.join(', '), 200)}, which stop authenticating`
						: '';
				print(`Removed credential ${sanitize(found.name, 80)} (${found.id})${uses}`);
			}),
		);
}
