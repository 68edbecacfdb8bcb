import type {Command} from 'commander';
import {requestOptions} from '../../auth/http.js';
import {checkEndpoint, connect} from '../../auth/oidc.js';
import {findProvider} from '../../auth/providers.js';
import type {Provider} from '../../domain.js';
import {checkAlias} from '../../lib/alias.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {isReservedVariable} from '../../lib/reserved-variables.js';
import {sanitize} from '../../lib/sanitize.js';
import {checkUrl} from '../../lib/validate.js';
import type {Context} from '../../store/context.js';
import {jsonOption} from '../options.js';
import {action, print} from '../output.js';
import {type ApiFlags, apiFields} from './provider-api-flags.js';

export type ProviderAddInput = ApiFlags & {
	/** The provider's id and name on the command line, e.g. `acme`. */
	readonly name: string;
	/** `oidc` (sign in at an issuer) or `api-key` (a key stored with `login --with-token`). @default 'oidc' */
	readonly kind?: Provider['kind'];
	/** The OpenID issuer; `http://` only on loopback. Required for `oidc`. */
	readonly issuer?: string;
	/** Required for `oidc`. */
	readonly clientId?: string;
	/** Space-separated scopes. @default 'openid profile email offline_access' */
	readonly scopes?: string;
	/** Variables its tools read the key or token from, the first one first. @default `ACME_TOKEN` / `ACME_API_KEY` */
	readonly keyEnv?: string;
	/** Variables its tools read the organization id from, comma- or space-separated. */
	readonly orgEnv?: string;
	/** Variables its tools read the API base URL from. */
	readonly baseUrlEnv?: string;
	/** A file its own CLI reads the key from (`~/...`, `$XDG_CONFIG_HOME/...`), written with sync-files on. */
	readonly syncFile?: string;
	/** Test hook: skip the discovery check. */
	readonly skipDiscovery?: boolean;
};

/** The variable a provider's key or token is handed to tools in: `ACME_TOKEN` / `ACME_API_KEY` for `acme`. */
export const tokenVariable = (id: string, suffix = 'TOKEN') =>
	`${id.toUpperCase().replaceAll(/[^A-Z\d]+/g, '_')}_${suffix}`.replace(/^(\d)/, '_$1');

/** `--org-env A,B`: variable names a provider's tools read, checked as shell variable names. */
function variables(
	field: 'envVars' | 'orgEnvVars' | 'baseUrlEnvVars',
	list: string | undefined,
): Partial<Provider> {
	const names = list?.split(/[\s,]+/).filter(Boolean) ?? [];
	for (const name of names) {
		if (!/^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(name)) {
			throw new UserError(`invalid variable name "${sanitize(name, 80)}": letters, digits and _`);
		}

		if (isReservedVariable(name)) {
			throw new UserError(
				`${name} is not a variable a provider may set: env and exec would hand it the account's values`,
			);
		}
	}

	return names.length > 0 ? {[field]: names} : {};
}

/**
 * `--sync-file`: a path under the home directory or `$XDG_CONFIG_HOME`, as the presets write theirs,
 * so that a definition (one pulled from a team's catalogue, say) can never aim a key at a file
 * elsewhere, nor climb out with `..`.
 */
export function checkSyncFile(template: string): string {
	const trimmed = template.trim();
	const rooted = /^(~|\$HOME|\$XDG_CONFIG_HOME)\/[^/]/.test(trimmed);
	const parts = trimmed.split('/').slice(1);
	if (
		!rooted ||
		trimmed.length > 500 ||
		/[\p{Cc}\p{Cf}$]/u.test(trimmed.replace(/^\$(HOME|XDG_CONFIG_HOME)/, '')) ||
		parts.some((part) => part === '..' || part === '.' || part === '')
	) {
		throw new UserError(
			'invalid sync file: a path below ~/, $HOME/ or $XDG_CONFIG_HOME/ without "..", e.g. "$XDG_CONFIG_HOME/acme/api_key"',
			{field: 'syncFile'},
		);
	}

	return trimmed;
}

function checkId(input: ProviderAddInput, context: Context): string {
	const id = input.name.trim().toLowerCase();
	if (checkAlias(id)) {
		throw new UserError(
			'invalid provider name: 1-63 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit',
		);
	}

	if (findProvider(context.store.getState().vault, id)?.builtin) {
		throw new UserError(`"${id}" is a built-in provider; choose another name`);
	}

	return id;
}

/** The OpenID part: the issuer checked by discovery, the client id, the scopes. */
async function oidcFields(context: Context, input: ProviderAddInput): Promise<Partial<Provider>> {
	if (!input.issuer || !input.clientId) {
		throw new UserError(
			'an OpenID provider needs --issuer and --client-id; for a provider that takes an API key, add --kind api-key',
		);
	}

	checkEndpoint(input.issuer, 'issuer');
	const clientId = input.clientId.trim();
	if (clientId === '' || clientId.length > 200 || /[\p{Cc}\p{Cf}\s]/u.test(clientId)) {
		throw new UserError('invalid client id: 1-200 printable characters without spaces');
	}

	const scopes = input.scopes?.split(/[\s,]+/).filter(Boolean);
	if (scopes?.some((scope) => !/^[\x21\x23-\x5B\x5D-\x7E]{1,100}$/.test(scope))) {
		throw new UserError('invalid scopes: give them separated by spaces, e.g. "openid profile"');
	}

	let issuer = checkEndpoint(input.issuer, 'issuer').href.replace(/\/$/, '');
	if (!input.skipDiscovery) {
		const config = await connect(input.issuer.trim(), clientId, requestOptions(context));
		issuer = config.serverMetadata().issuer;
	}

	return {issuer, clientId, ...(scopes && scopes.length > 0 ? {scopes} : {})};
}

/**
 * Defines a provider, as the presets are defined: an OpenID provider (discovery runs once now, so a
 * typo in the issuer fails here rather than at sign-in, and the issuer is stored exactly as the
 * provider names itself for the `iss` check), or an API-key provider with its key, organization and
 * base URL variables and the file its own CLI reads.
 */
export async function addProvider(context: Context, input: ProviderAddInput): Promise<Provider> {
	const id = checkId(input, context);
	const kind = input.kind ?? 'oidc';
	if (kind === 'api-key' && (input.issuer || input.clientId || input.scopes)) {
		throw new UserError(
			'--issuer, --client-id and --scopes are for OpenID providers, not --kind api-key',
		);
	}

	// Checked before discovery, which takes the network.
	const api = apiFields(input, kind);
	const provider: Provider = {
		id,
		name: input.name.trim(),
		kind,
		...(kind === 'oidc' ? await oidcFields(context, input) : {}),
		...(input.apiBaseUrl ? {baseUrl: checkUrl(input.apiBaseUrl, 'API base URL')} : {}),
		envVars: [tokenVariable(id, kind === 'oidc' ? 'TOKEN' : 'API_KEY')],
		...variables('envVars', input.keyEnv),
		...variables('orgEnvVars', input.orgEnv),
		...variables('baseUrlEnvVars', input.baseUrlEnv),
		...(input.syncFile ? {syncFile: checkSyncFile(input.syncFile)} : {}),
		...api,
	};
	await context.store.dispatch({type: 'provider-added', provider});
	return provider;
}

type AddOptions = Omit<ProviderAddInput, 'name' | 'skipDiscovery'> & {json?: boolean};

/** `authdeck provider add NAME`: its flags and action. */
export function registerProviderAdd(provider: Command): void {
	provider
		.command('add')
		.description(
			'Add a provider: an OpenID one (its issuer checked by discovery) or, with --kind api-key, one that takes an API key',
		)
		.argument('<name>', 'a short name, used as --provider NAME')
		.option('--kind <kind>', 'oidc or api-key (default: oidc)')
		.option('--issuer <url>', 'OpenID: the issuer URL (https://; http:// only on loopback)')
		.option('--client-id <id>', 'OpenID: the OAuth client id registered for authdeck')
		.option(
			'--scopes <scopes>',
			'OpenID: space-separated scopes (default: "openid profile email offline_access")',
		)
		.option('--api-base-url <url>', 'the default base URL of its API')
		.option(
			'--key-env <names>',
			'variables its tools read the key or token from (default: NAME_API_KEY, or NAME_TOKEN for OpenID)',
		)
		.option(
			'--org-env <names>',
			'variables its tools read the organization id from (env and exec set them)',
		)
		.option('--base-url-env <names>', 'variables its tools read the API base URL from')
		.option(
			'--sync-file <path>',
			'a file its own CLI reads the key from, below ~/ or $XDG_CONFIG_HOME/ (written with `config set sync-files NAME on`)',
		)
		.option(
			'--whoami <url>',
			'API key: its "who am I" endpoint, which whoami and permissions ask (https://; http:// only on loopback; or a path below --api-base-url)',
		)
		.option(
			'--whoami-fields <names>',
			'API key: the fields of that answer kept (default: id, email, name, username)',
		)
		.option(
			'--whoami-within <field>',
			'API key: where the user is in that answer (user, data.user), if not the answer itself',
		)
		.option(
			'--permissions-field <field>',
			"API key: where that answer holds the key's permissions (scopes, data.permissions): a list, an object of names or a string",
		)
		.option(
			'--auth-header <name>',
			'API key: the header that carries the key (default: Authorization)',
		)
		.option(
			'--auth-scheme <scheme>',
			'API key: what precedes the key in that header, or none (default: Bearer with Authorization, else none)',
		)
		.addOption(jsonOption())
		.action(
			action(async (context, name: string, options: AddOptions) => {
				const kind = options.kind;
				if (kind !== undefined && kind !== 'oidc' && kind !== 'api-key') {
					throw new UserError(`invalid --kind "${sanitize(kind, 40)}": oidc or api-key`);
				}

				const {json, ...input} = options;
				const added = await addProvider(context, {...input, name, kind});
				const next =
					added.kind === 'oidc'
						? `sign in with: authdeck login --provider ${added.id}`
						: `store a key with: printf %s "$KEY" | authdeck login --with-token --provider ${added.id}`;
				print(
					json
						? toJson(added)
						: `Added provider ${added.id} (${sanitize(added.issuer ?? added.envVars.join(', '))}); ${next}`,
				);
			}),
		);
}
