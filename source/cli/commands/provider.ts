import type {Command} from 'commander';
import {allProviders} from '../../auth/providers.js';
import type {Provider} from '../../domain.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {apiRoot} from '../../providers/request.js';
import type {Context} from '../../store/context.js';
import {jsonOption} from '../options.js';
import {action, print} from '../output.js';
import {registerProviderAdd} from './provider-add.js';

export type ProviderView = {
	id: string;
	name: string;
	kind: Provider['kind'];
	issuer: string | null;
	clientId: string | null;
	scopes: string[];
	apiBaseUrl: string | null;
	/** The variables its tools read the key or token, organization and base URL from. */
	keyEnv: string[];
	orgEnv: string[];
	baseUrlEnv: string[];
	syncFile: string | null;
	/** Its "who am I" endpoint, where authdeck knows one (whoami and permissions ask it). */
	whoami: {
		url: string;
		fields: string[];
		within: string | null;
		/** Where the answer holds the key's permissions. */
		permissionsField: string | null;
	} | null;
	builtin: boolean;
	accounts: number;
};

/** The provider's "who am I" endpoint as a whole URL, against its default base URL. */
function whoamiOf(provider: Provider): ProviderView['whoami'] {
	const endpoint = provider.api?.whoami;
	if (!provider.api || !endpoint) return null;
	let root: string;
	try {
		root = apiRoot({...provider, api: provider.api}, undefined);
	} catch {
		root = provider.api.basePath;
	}

	return {
		url: `${root}${endpoint.path}`,
		fields: [...endpoint.fields],
		within: endpoint.within ?? null,
		permissionsField: endpoint.permissions ?? null,
	};
}

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
		keyEnv: [...provider.envVars],
		orgEnv: [...(provider.orgEnvVars ?? [])],
		baseUrlEnv: [...(provider.baseUrlEnvVars ?? [])],
		syncFile: provider.syncFile ?? null,
		whoami: whoamiOf(provider),
		builtin: provider.builtin ?? false,
		accounts: vault.accounts.filter((account) => account.providerId === provider.id).length,
	}));
}

export function formatProviders(views: readonly ProviderView[]): string {
	return `${views
		.map((view) => {
			const where =
				view.kind === 'oidc'
					? sanitize(view.issuer)
					: `${sanitize(view.apiBaseUrl) || 'API key'}${view.keyEnv.length > 0 ? ` ${view.keyEnv.join(' ')}` : ''}`;
			const tags = [
				view.builtin ? 'built-in' : '',
				`${view.accounts} account${view.accounts === 1 ? '' : 's'}`,
			];
			const line = `${view.id.padEnd(16)} ${view.kind.padEnd(7)} ${where}  (${tags.filter(Boolean).join(', ')})`;
			const whoami = view.whoami;
			return whoami
				? `${line}\n${' '.repeat(17)}whoami ${sanitize(whoami.url)}${whoami.permissionsField ? `, permissions in ${sanitize(whoami.permissionsField)}` : ''}`
				: line;
		})
		.join('\n')}\n`;
}

export async function removeProvider(context: Context, name: string): Promise<void> {
	await context.store.dispatch({type: 'provider-removed', providerId: name.trim().toLowerCase()});
}

/** `authdeck provider add|list|remove`: the providers a user defines beside the presets. */
export function registerProvider(program: Command): void {
	const provider = program
		.command('provider')
		.description('Define providers: OpenID ones to sign in with, API-key ones to store keys for');
	registerProviderAdd(provider);
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
