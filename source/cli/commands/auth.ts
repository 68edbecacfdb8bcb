import {type Command, Option} from 'commander';
import type {Account} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {formatRefresh, refreshAccount, refreshAll} from '../../services/refresh.js';
import {
	signInWithBrowser,
	signInWithDevice,
	signInWithServiceAccount,
} from '../../services/sign-in.js';
import type {Context} from '../../store/context.js';
import {resolveAccount} from '../../store/resolve-account.js';
import {action, print} from '../output.js';
import {formatOrganizations, listOrganizations, switchOrganization} from './orgs.js';
import {addProvider, formatProviders, listProviders, removeProvider} from './provider.js';
import {accountView} from './status.js';
import {formatWhoami, whoami} from './whoami.js';

const accountOption = () =>
	new Option(
		'--account <alias|email|id>',
		'the account (overrides AUTHDECK_ACCOUNT and .authdeck)',
	);
const jsonOption = () => new Option('--json', 'print JSON');
const orgOption = () =>
	new Option('--org <id|name>', 'use this organization for this command only');

function chosenAccount(context: Context, flag: string | undefined): Account {
	const {vault} = context.store.getState();
	return resolveAccount(vault, {flag, env: context.env, cwd: context.cwd}).account;
}

/** The sign-in options `login` takes besides `--with-token`. */
export function addSignInOptions(login: Command): Command {
	return login
		.option('--no-browser', 'sign in with a device code instead of opening a browser')
		.option(
			'--service-account <file>',
			'sign in as a service account with a JSON key (or set AUTHDECK_SERVICE_ACCOUNT_KEY)',
		)
		.option(
			'--timeout <seconds>',
			'how long to wait for the browser (default: 300, or AUTHDECK_LOGIN_TIMEOUT)',
		);
}

export type SignInOptions = {
	provider?: string;
	alias?: string;
	environment?: string;
	baseUrl?: string;
	browser?: boolean;
	serviceAccount?: string;
	timeout?: string;
	json?: boolean;
};

function timeoutOf(options: SignInOptions, env: NodeJS.ProcessEnv): number | undefined {
	const raw = options.timeout ?? env.AUTHDECK_LOGIN_TIMEOUT;
	if (raw === undefined) {
		return undefined;
	}

	const seconds = Number(raw);
	if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
		throw new UserError('--timeout must be a number of seconds between 1 and 3600');
	}

	return seconds * 1000;
}

/** `authdeck login` without `--with-token`: browser, device code or service account. */
export async function signInFromCli(context: Context, options: SignInOptions): Promise<void> {
	const say = (line: string) => process.stderr.write(`${line}\n`);
	let account: Account;
	if (options.serviceAccount || context.env.AUTHDECK_SERVICE_ACCOUNT_KEY) {
		account = await signInWithServiceAccount(context, {
			file: options.serviceAccount,
			provider: options.provider,
			alias: options.alias,
			environment: options.environment,
			baseUrl: options.baseUrl,
		});
	} else {
		if (!options.provider) {
			throw new UserError(
				'--provider is required: an OpenID provider added with `authdeck provider add`, or use --with-token for API keys',
			);
		}

		const input = {
			provider: options.provider,
			alias: options.alias,
			environment: options.environment,
			baseUrl: options.baseUrl,
			say,
		};
		account =
			options.browser === false
				? await signInWithDevice(context, input)
				: await signInWithBrowser(context, {...input, timeoutMs: timeoutOf(options, context.env)});
	}

	const {vault} = context.store.getState();
	const who = account.email ?? account.name ?? account.subject ?? account.alias;
	print(
		options.json
			? toJson(accountView(vault, account))
			: `Logged in as ${sanitize(who)} (${account.alias}, ${account.providerId}); it is now the active account`,
	);
}

/** `refresh`, `whoami`, `orgs`, `org switch` and `provider ...`. */
export function registerAuthCommands(program: Command): void {
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

					const account = await refreshAccount(context, chosenAccount(context, query).id, {
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

	program
		.command('whoami')
		.description('Show the user, organization and permissions of the account')
		.addOption(accountOption())
		.addOption(orgOption())
		.addOption(jsonOption())
		.action(
			action(async (context, options: {account?: string; org?: string; json?: boolean}) => {
				const data = await whoami(context, chosenAccount(context, options.account), options.org);
				print(options.json ? toJson(data) : formatWhoami(data));
			}),
		);

	program
		.command('orgs')
		.description("List the account's organizations; ● marks the active one")
		.addOption(accountOption())
		.addOption(orgOption())
		.addOption(jsonOption())
		.action(
			action(async (context, options: {account?: string; org?: string; json?: boolean}) => {
				const account = chosenAccount(context, options.account);
				const views = listOrganizations(account, options.org);
				print(options.json ? toJson(views) : formatOrganizations(account, views));
			}),
		);

	const org = program.command('org').description('Change the active organization');
	org
		.command('switch')
		.description('Make an organization the active one of the account')
		.argument('<org>', 'organization id or name')
		.addOption(accountOption())
		.addOption(jsonOption())
		.action(
			action(async (context, query: string, options: {account?: string; json?: boolean}) => {
				const account = chosenAccount(context, options.account);
				const chosen = await switchOrganization(context, account, query);
				print(
					options.json
						? toJson({account: account.alias, organization: {id: chosen.id, name: chosen.name}})
						: `${account.alias} now uses ${sanitize(chosen.name)} (${sanitize(chosen.id)})`,
				);
			}),
		);

	const provider = program
		.command('provider')
		.description('Define OpenID providers to sign in with');
	provider
		.command('add')
		.description('Add an OpenID provider (its issuer is checked by discovery)')
		.argument('<name>', 'a short name, used as --provider NAME')
		.requiredOption('--issuer <url>', 'the issuer URL (https://; http:// only on loopback)')
		.requiredOption('--client-id <id>', 'the OAuth client id registered for authdeck')
		.option(
			'--scopes <scopes>',
			'space-separated scopes (default: "openid profile email offline_access")',
		)
		.option('--api-base-url <url>', 'the base URL of the API the tokens are for')
		.addOption(jsonOption())
		.action(
			action(
				async (
					context,
					name: string,
					options: {
						issuer: string;
						clientId: string;
						scopes?: string;
						apiBaseUrl?: string;
						json?: boolean;
					},
				) => {
					const added = await addProvider(context, {
						name,
						issuer: options.issuer,
						clientId: options.clientId,
						scopes: options.scopes,
						apiBaseUrl: options.apiBaseUrl,
					});
					print(
						options.json
							? toJson(added)
							: `Added provider ${added.id} (${sanitize(added.issuer)}); sign in with: authdeck login --provider ${added.id}`,
					);
				},
			),
		);
	provider
		.command('list')
		.description('List the providers: built-in presets and your own')
		.addOption(jsonOption())
		.action(
			action(async (context, options: {json?: boolean}) => {
				const views = listProviders(context);
				print(options.json ? toJson(views) : formatProviders(views));
			}),
		);
	provider
		.command('remove')
		.description('Remove a provider you added (log out of its accounts first)')
		.argument('<name>')
		.action(
			action(async (context, name: string) => {
				await removeProvider(context, name);
				print(`Removed provider ${name}`);
			}),
		);
}
