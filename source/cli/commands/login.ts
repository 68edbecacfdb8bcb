import type {Command} from 'commander';
import {allProviders} from '../../auth/providers.js';
import type {Account} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {readStdin} from '../../lib/stdin.js';
import {checkEmail} from '../../lib/validate.js';
import type {RemoteUser} from '../../providers/whoami.js';
import {loginWithKey} from '../../services/api-key-login.js';
import {
	signInWithBrowser,
	signInWithDevice,
	signInWithServiceAccount,
} from '../../services/sign-in.js';
import {verifyKey} from '../../services/verify-key.js';
import type {Context} from '../../store/context.js';
import {jsonOption, otherProfile} from '../options.js';
import {action, print} from '../output.js';
import {offerImport} from './import-offer.js';
import {afterCatalogLogin, fromCatalog} from './login-catalog.js';
import {accountView} from './status.js';

type LoginOptions = {
	withToken?: boolean;
	provider?: string;
	alias?: string;
	email?: string;
	name?: string;
	orgName?: string;
	orgId?: string;
	environment?: string;
	baseUrl?: string;
	browser?: boolean;
	serviceAccount?: string;
	timeout?: string;
	verify?: boolean;
	fromEnv?: string;
	fromCatalog?: string;
	json?: boolean;
};

function timeoutOf(options: LoginOptions, env: NodeJS.ProcessEnv): number | undefined {
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
async function signIn(context: Context, options: LoginOptions): Promise<void> {
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
			profile: otherProfile(context),
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

/**
 * `--from-env NAME`: the key in an environment variable (the only way anything from the environment
 * is written to the vault), and the provider that declares the variable, if one does.
 */
function keyFromEnv(context: Context, name: string): {key: string; provider?: string} {
	const key = context.env[name];
	if (!key) {
		throw new UserError(`${sanitize(name, 80)} is not set in the environment`);
	}

	const {vault} = context.store.getState();
	const provider = allProviders(vault).find((p) => p.envVars.includes(name));
	return {key, provider: provider?.id};
}

/** `authdeck login --with-token`: an API key read from stdin (or `--from-env NAME`). */
async function addKey(context: Context, options: LoginOptions): Promise<void> {
	const fromEnv = options.fromEnv ? keyFromEnv(context, options.fromEnv) : undefined;
	const provider = options.provider ?? fromEnv?.provider;
	if (!provider) {
		throw new UserError(
			'--provider is required with --with-token (vapi, vantage, vast, api-key, ...)',
		);
	}

	const apiKey = fromEnv?.key ?? (await readStdin());
	const user = options.verify
		? await verifyKey(context, {
				provider,
				apiKey,
				baseUrl: options.baseUrl,
				environment: options.environment,
			})
		: undefined;
	const account = await loginWithKey(context, {
		provider,
		apiKey,
		alias: options.alias,
		// The provider's word for whose key it is, when the user did not say.
		email: options.email ?? remoteEmail(user),
		name: options.name,
		orgName: options.orgName,
		orgId: options.orgId,
		environment: options.environment,
		baseUrl: options.baseUrl,
		profile: otherProfile(context),
	});
	const {vault} = context.store.getState();
	print(
		options.json
			? toJson(accountView(vault, account))
			: `Logged in as ${account.alias} (${account.providerId}${user ? `, checked at the provider: ${sanitize(String(user.email ?? user.id ?? 'a known user'))}` : ''}); it is now the active account`,
	);
}

/** The provider's email for the key, when it is one authdeck would accept from the user. */
function remoteEmail(user: RemoteUser | undefined): string | undefined {
	if (typeof user?.email !== 'string') {
		return undefined;
	}

	try {
		return checkEmail(user.email);
	} catch {
		return undefined;
	}
}

/** `authdeck login`: sign in (browser, device code, service account) or add an API key. */
export function registerLogin(program: Command): void {
	program
		.command('login')
		.description(
			'Sign in (browser, --no-browser device code, --service-account) or add an API key (--with-token)',
		)
		.option('--with-token', 'read an API key from stdin')
		.option(
			'--verify',
			'with --with-token: ask the provider who the key belongs to first; store nothing if it says no',
		)
		.option(
			'--from-env <variable>',
			'with --with-token: take the key from this environment variable (e.g. VAST_API_KEY) instead',
		)
		.option(
			'--provider <id>',
			'the provider (vapi, vantage, vast, api-key, or one added with `authdeck provider add`)',
		)
		.option(
			'--from-catalog <entry>',
			"sign in to a team catalogue's account (acme/prod), every field filled in from it",
		)
		.option('--alias <alias>', 'a short name for the account (default: derived from the email)')
		.option('--email <email>', 'the email of the account')
		.option('--name <name>', 'a display name')
		.option('--org-name <name>', 'the organization the key belongs to')
		.option('--org-id <id>', 'the id of that organization')
		.option(
			'--environment <name>',
			'production, staging, development or a name of your own (default: production, or what the account has)',
		)
		.option('--base-url <url>', "the API base URL (default: the provider's)")
		.addOption(jsonOption())
		.option('--no-browser', 'sign in with a device code instead of opening a browser')
		.option(
			'--service-account <file>',
			'sign in as a service account with a JSON key (or set AUTHDECK_SERVICE_ACCOUNT_KEY)',
		)
		.option(
			'--timeout <seconds>',
			'how long to wait for the browser (default: 300, or AUTHDECK_LOGIN_TIMEOUT)',
		)
		.action(
			action(async (context, options: LoginOptions) => {
				if (options.fromEnv && !options.withToken) {
					throw new UserError('--from-env goes with --with-token');
				}

				if (options.fromCatalog) {
					const login = await fromCatalog(context, options.fromCatalog, options);
					if (login.options) {
						await (login.options.withToken ? addKey : signIn)(context, login.options);
					} else {
						print(`Logged in to ${options.fromCatalog} with the key from the shared store`);
					}

					await afterCatalogLogin(context, login);
					return;
				}

				if (await offerImport(context, options.provider)) return;
				await (options.withToken ? addKey(context, options) : signIn(context, options));
			}),
		);
}
