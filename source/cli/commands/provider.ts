import type {Command} from 'commander';
import {requestOptions} from '../../auth/http.js';
import {checkEndpoint, connect} from '../../auth/oidc.js';
import {allProviders, findProvider} from '../../auth/providers.js';
import type {Provider} from '../../domain.js';
import {checkAlias} from '../../lib/alias.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {checkUrl} from '../../lib/validate.js';
import type {Context} from '../../store/context.js';
import {jsonOption} from '../options.js';
import {action, print} from '../output.js';

export type ProviderAddInput = {
	/** The provider's id and name on the command line, e.g. `acme`. */
	readonly name: string;
	/** The OpenID issuer; `http://` only on loopback. */
	readonly issuer: string;
	readonly clientId: string;
	/** Space-separated scopes. @default 'openid profile email offline_access' */
	readonly scopes?: string;
	readonly apiBaseUrl?: string;
	/** Variables its tools read the organization id from, comma- or space-separated. */
	readonly orgEnv?: string;
	/** Variables its tools read the API base URL from. */
	readonly baseUrlEnv?: string;
	/** Test hook: skip the discovery check. */
	readonly skipDiscovery?: boolean;
};

/** The variable a provider's token is handed to tools in: `ACME_TOKEN` for `acme`. */
export const tokenVariable = (id: string) =>
	`${id.toUpperCase().replaceAll(/[^A-Z\d]+/g, '_')}_TOKEN`.replace(/^(\d)/, '_$1');

/**
 * Defines an OpenID provider. Discovery runs once now, so a typo in the issuer fails here rather
 * than at sign-in, and the issuer is stored exactly as the provider names itself (the `iss` check).
 */
export async function addProvider(context: Context, input: ProviderAddInput): Promise<Provider> {
	const id = input.name.trim().toLowerCase();
	if (checkAlias(id)) {
		throw new UserError(
			'invalid provider name: 1-63 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit',
		);
	}

	if (findProvider(context.store.getState().vault, id)?.builtin) {
		throw new UserError(`"${id}" is a built-in provider; choose another name`);
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

	const provider: Provider = {
		id,
		name: input.name.trim(),
		kind: 'oidc',
		issuer,
		clientId,
		...(scopes && scopes.length > 0 ? {scopes} : {}),
		...(input.apiBaseUrl ? {baseUrl: checkUrl(input.apiBaseUrl, 'API base URL')} : {}),
		envVars: [tokenVariable(id)],
		...variables('orgEnvVars', input.orgEnv),
		...variables('baseUrlEnvVars', input.baseUrlEnv),
	};
	await context.store.dispatch({type: 'provider-added', provider});
	return provider;
}

/** `--org-env A,B`: variable names a provider's tools read, checked as shell variable names. */
function variables(
	field: 'orgEnvVars' | 'baseUrlEnvVars',
	list: string | undefined,
): Partial<Provider> {
	const names = list?.split(/[\s,]+/).filter(Boolean) ?? [];
	for (const name of names) {
		if (!/^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(name)) {
			throw new UserError(`invalid variable name "${sanitize(name, 80)}": letters, digits and _`);
		}
	}

	return names.length > 0 ? {[field]: names} : {};
}

export type ProviderView = {
	id: string;
	name: string;
	kind: Provider['kind'];
	issuer: string | null;
	clientId: string | null;
	scopes: string[];
	apiBaseUrl: string | null;
	builtin: boolean;
	accounts: number;
};

export function listProviders(context: Context): ProviderView[] {
	const {vault} = context.store.getState();
	return allProviders(vault).map((provider) => ({
		id: provider.id,
		name: provider.name,
		kind: provider.kind,
		issuer: provider.issuer ?? null,
		clientId: provider.clientId ?? null,
		scopes: [...(provider.scopes ?? [])],
		apiBaseUrl: provider.baseUrl ?? null,
		builtin: provider.builtin ?? false,
		accounts: vault.accounts.filter((account) => account.providerId === provider.id).length,
	}));
}

export function formatProviders(views: readonly ProviderView[]): string {
	return `${views
		.map((view) => {
			const where =
				view.kind === 'oidc' ? sanitize(view.issuer) : sanitize(view.apiBaseUrl) || 'API key';
			const tags = [
				view.builtin ? 'built-in' : '',
				`${view.accounts} account${view.accounts === 1 ? '' : 's'}`,
			];
			return `${view.id.padEnd(16)} ${view.kind.padEnd(7)} ${where}  (${tags.filter(Boolean).join(', ')})`;
		})
		.join('\n')}\n`;
}

export async function removeProvider(context: Context, name: string): Promise<void> {
	await context.store.dispatch({type: 'provider-removed', providerId: name.trim().toLowerCase()});
}

/** `authdeck provider add|list|remove`: the OpenID providers to sign in with. */
export function registerProvider(program: Command): void {
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
		.option(
			'--org-env <names>',
			'variables its tools read the organization id from (env and exec set them)',
		)
		.option('--base-url-env <names>', 'variables its tools read the API base URL from')
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
						orgEnv?: string;
						baseUrlEnv?: string;
						json?: boolean;
					},
				) => {
					const added = await addProvider(context, {
						name,
						issuer: options.issuer,
						clientId: options.clientId,
						scopes: options.scopes,
						apiBaseUrl: options.apiBaseUrl,
						orgEnv: options.orgEnv,
						baseUrlEnv: options.baseUrlEnv,
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
