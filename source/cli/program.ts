import {Command, Option} from 'commander';
import packageJson from '../../package.json' with {type: 'json'};
import {fail, UserError} from '../lib/errors.js';
import {interactive} from '../lib/interactive.js';
import {toJson} from '../lib/json.js';
import {maskSecret} from '../lib/mask.js';
import {sanitize} from '../lib/sanitize.js';
import {detectShell, isShell, shells} from '../lib/shell.js';
import {readStdin} from '../lib/stdin.js';
import {loginWithKey} from '../services/api-key-login.js';
import {logoutAccount} from '../services/logout.js';
import {freshToken} from '../services/refresh.js';
import {findByQuery, resolveAccount} from '../store/resolve-account.js';
import {sortedAccounts} from '../store/selectors.js';
import {exitProcess} from '../vault/keychain.js';
import {renameAccount} from './commands/alias.js';
import {
	addSignInOptions,
	registerAuthCommands,
	type SignInOptions,
	signInFromCli,
} from './commands/auth.js';
import {configKeys, getConfig, setConfig} from './commands/config.js';
import {registerCredentialCommands} from './commands/credential.js';
import {envLines, execWith} from './commands/env.js';
import {accountView, formatStatus, statusData} from './commands/status.js';
import {switchAccount} from './commands/switch.js';
import {action, configureOutputEverywhere, print} from './output.js';

/**
 * The whole command line: every subcommand, its flags and its help. The readme's reference is built
 * from it. `openDeck` runs when no command is given (`authdeck --`); `cli.ts` passes the deck's
 * loader, which must live beside the CLI to find the deck's bundle.
 */
export function createProgram(openDeck: () => Promise<void>): Command {
	const program = new Command('authdeck')
		.description(
			'A keyboard-driven deck for the API accounts you juggle. Run without a command to open the deck.',
		)
		.version(packageJson.version)
		.enablePositionalOptions();

	const accountOption = () =>
		new Option(
			'--account <alias|email|id>',
			'the account to use (overrides AUTHDECK_ACCOUNT and .authdeck)',
		);
	const jsonOption = () => new Option('--json', 'print JSON');

	program.action(async () => {
		if (program.args.length > 0) {
			program.error(`unknown command '${sanitize(program.args[0], 80)}'`);
		}

		await openDeck();
	});

	const login = program
		.command('login')
		.description(
			'Sign in (browser, --no-browser device code, --service-account) or add an API key (--with-token)',
		)
		.option('--with-token', 'read an API key from stdin')
		.option(
			'--provider <id>',
			'the provider (vapi, vantage, vast, api-key, or one added with `authdeck provider add`)',
		)
		.option('--alias <alias>', 'a short name for the account (default: derived from the email)')
		.option('--email <email>', 'the email of the account')
		.option('--name <name>', 'a display name')
		.option('--org-name <name>', 'the organization the key belongs to')
		.option('--org-id <id>', 'the id of that organization')
		.option(
			'--environment <name>',
			'production, staging, development or a name of your own',
			'production',
		)
		.option('--base-url <url>', "the API base URL (default: the provider's)")
		.addOption(jsonOption());
	addSignInOptions(login).action(
		action(async (context, options: Record<string, string | boolean | undefined>) => {
			if (!options.withToken) {
				// Browser, device code or service account (source/cli/commands/auth.ts).
				await signInFromCli(context, options as SignInOptions);
				return;
			}

			if (!options.provider) {
				throw new UserError(
					'--provider is required with --with-token (vapi, vantage, vast, api-key, ...)',
				);
			}

			const account = await loginWithKey(context, {
				provider: options.provider as string,
				apiKey: await readStdin(),
				alias: options.alias as string | undefined,
				email: options.email as string | undefined,
				name: options.name as string | undefined,
				orgName: options.orgName as string | undefined,
				orgId: options.orgId as string | undefined,
				environment: options.environment as string | undefined,
				baseUrl: options.baseUrl as string | undefined,
			});
			const {vault} = context.store.getState();
			print(
				options.json
					? toJson(accountView(vault, account))
					: `Logged in as ${account.alias} (${account.providerId}); it is now the active account`,
			);
		}),
	);

	program
		.command('status')
		.description('Show every account, the active one per provider, and where secrets are stored')
		.addOption(jsonOption())
		.action(
			action(async (context, options: {json?: boolean}) => {
				const data = statusData(context);
				print(options.json ? toJson(data) : formatStatus(data));
			}),
		);

	program
		.command('switch')
		.description('Make an account the active one; `-` switches back to the previous one')
		.argument('[account]', 'alias, email or id; `-` for the previous account; none for a picker')
		.addOption(jsonOption())
		.action(
			action(async (context, query: string | undefined, options: {json?: boolean}) => {
				let target = query;
				if (target === undefined) {
					if (!interactive()) {
						throw new UserError(
							'name the account: authdeck switch <alias|email|id> (or `-` for the previous one)',
						);
					}

					const {vault} = context.store.getState();
					const {pickAccount} = await import('./account-picker.js');
					const picked = await pickAccount(sortedAccounts(vault), vault.current);
					if (!picked) {
						return 1;
					}

					target = picked.id;
				}

				const account = await switchAccount(context, target);
				const {vault} = context.store.getState();
				print(
					options.json
						? toJson(accountView(vault, account))
						: `Switched to ${account.alias} (${account.providerId})`,
				);
			}),
		);

	program
		.command('alias')
		.description('Rename an account')
		.argument('<account>', 'alias, email or id')
		.argument('<new-alias>', 'the new alias')
		.action(
			action(async (context, query: string, alias: string) => {
				const account = await renameAccount(context, query, alias);
				print(`Renamed to ${account.alias}`);
			}),
		);

	program
		.command('token')
		.description("Print the account's key or token, masked; --show prints it raw for scripts")
		.argument('[account]', 'alias, email or id (default: see `authdeck status`)')
		.option('--show', 'print the raw secret')
		.addOption(jsonOption())
		.action(
			action(
				async (context, query: string | undefined, options: {show?: boolean; json?: boolean}) => {
					const {vault} = context.store.getState();
					const account = query
						? findByQuery(vault, query)
						: resolveAccount(vault, {env: context.env, cwd: context.cwd}).account;
					const token = await freshToken(context, account);
					const shown = options.show ? token : maskSecret(token);
					print(
						options.json
							? toJson({account: account.alias, token: shown, masked: !options.show})
							: shown,
					);
				},
			),
		);

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

					const accounts = options.all
						? [...vault.accounts]
						: [
								query
									? findByQuery(vault, query)
									: resolveAccount(vault, {env: context.env, cwd: context.cwd}).account,
							];
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

	const config = program.command('config').description('Read or change settings');
	config
		.command('get')
		.description(`Print a setting (${configKeys.join(', ')}), or all as JSON`)
		.argument('[key]')
		.action(
			action(async (context, key: string | undefined) => {
				print(getConfig(context, key));
			}),
		);
	config
		.command('set')
		.description(
			'Change a setting; `storage file|keychain` moves every secret; `sync-files <provider> on|off`',
		)
		.argument('<key>')
		.argument('<value...>')
		.action(
			action(async (context, key: string, values: string[]) => {
				for (const line of await setConfig(context, key, values)) {
					print(line);
				}
			}),
		);

	program
		.command('env')
		.description("Print shell exports of the account's variables (masked unless --show)")
		.addOption(accountOption())
		.addOption(new Option('--shell <shell>', 'the shell to quote for').choices(shells))
		.option('--show', 'print the real values, for eval "$(authdeck env --show)"')
		.action(
			action(async (context, options: {account?: string; shell?: string; show?: boolean}) => {
				const {vault} = context.store.getState();
				const {account} = resolveAccount(vault, {
					flag: options.account,
					env: context.env,
					cwd: context.cwd,
				});
				const shell = isShell(options.shell) ? options.shell : detectShell(context.env);
				print(await envLines(context, account, shell, Boolean(options.show)));
			}),
		);

	program
		.command('exec')
		.description("Run a command with the account's variables set (and other providers' removed)")
		.addOption(accountOption())
		.argument('<command...>', 'the command and its arguments, after --')
		.passThroughOptions()
		.action(
			action(async (context, command: string[], options: {account?: string}) => {
				const {vault} = context.store.getState();
				const {account} = resolveAccount(vault, {
					flag: options.account,
					env: context.env,
					cwd: context.cwd,
				});
				return execWith(context, account, command);
			}),
		);

	program
		.command('doctor')
		.description(
			'Check the vault: files, locks, left-over secrets, keychain, clock, proxy; --fix repairs',
		)
		.option(
			'--fix',
			'apply the safe repairs (modes, stale locks, left-over secrets) and say what was done',
		)
		.addOption(jsonOption())
		// Not through action(): doctor must run on the vault that makes openContext fail or hang.
		.action(async (options: {fix?: boolean; json?: boolean}) => {
			let code: number;
			try {
				const {doctor, doctorExitCode, doctorJson, formatDoctor} = await import(
					'./commands/doctor.js'
				);
				const report = await doctor({fix: options.fix});
				print(options.json ? toJson(doctorJson(report)) : formatDoctor(report));
				code = doctorExitCode(report);
			} catch (error) {
				code = fail(error);
			}

			exitProcess(code);
		});

	registerAuthCommands(program);
	registerCredentialCommands(program);

	// Only the program itself: an unknown command reaches its action and is named there, instead of
	// commander's "too many arguments". Set last, so no subcommand inherits it.
	program.allowExcessArguments();
	// A usage error is one sanitised line, like every other failure, and says where the usage is.
	configureOutputEverywhere(program);
	return program;
}
