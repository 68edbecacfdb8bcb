import type {Provider, Vault} from '../domain.js';

/** Presets shipped with authdeck. A provider is data; users add their own with `authdeck provider add`. */
export const presets: readonly Provider[] = [
	{
		id: 'api-key',
		name: 'Generic API key',
		kind: 'api-key',
		envVars: ['API_KEY'],
		builtin: true,
	},
	{
		id: 'vapi',
		name: 'Vapi',
		kind: 'api-key',
		baseUrl: 'https://api.vapi.ai',
		envVars: ['VAPI_API_KEY'],
		orgEnvVars: ['VAPI_ORG_ID'],
		builtin: true,
	},
	{
		id: 'vantage',
		name: 'Vantage',
		kind: 'api-key',
		baseUrl: 'https://api.vantage.omnivector.solutions',
		envVars: ['VANTAGE_API_KEY'],
		orgEnvVars: ['VANTAGE_ORG'],
		baseUrlEnvVars: ['VANTAGE_API_URL'],
		builtin: true,
	},
	{
		id: 'vast',
		name: 'Vast.ai',
		kind: 'api-key',
		baseUrl: 'https://console.vast.ai',
		envVars: ['VAST_API_KEY'],
		syncFile: '$XDG_CONFIG_HOME/vastai/vast_api_key',
		builtin: true,
		// As Vast.ai's published OpenAPI files describe it; the vastai CLI adds /api/v0 to its --url.
		api: {
			basePath: '/api/v0',
			auth: {header: 'Authorization', prefix: 'Bearer '},
			// The answer also carries `api_key`: never kept, so never stored or printed.
			whoami: {
				path: '/users/current/',
				fields: ['id', 'email', 'username', 'fullname', 'balance', 'credit', 'ssh_key', 'sid'],
			},
			keys: {
				list: '/auth/apikeys/',
				create: '/auth/apikeys/',
				show: '/auth/apikeys/{id}/',
				delete: '/auth/apikeys/{id}/',
			},
			// Vast.ai's permission categories (docs.vast.ai/api-reference/permissions): user_read views
			// the account and its API keys, user_write creates and deletes keys.
			requires: {
				whoami: 'user_read',
				list: 'user_read',
				show: 'user_read',
				create: 'user_write',
				delete: 'user_write',
			},
			troubleshooting:
				'check that the key is complete and has not been deleted or rotated at https://cloud.vast.ai/manage-keys/ (Account > Keys), that it has the permissions this call needs, then store a working one: printf %s "$KEY" | authdeck login --with-token --provider vast --verify',
		},
	},
];

/**
 * Every provider known to a vault: presets first, then the user's own, then those of the team
 * catalogues followed (the first catalogue to define an id wins; a local definition beats them all).
 */
export function allProviders(vault: Pick<Vault, 'providers' | 'catalogs'>): readonly Provider[] {
	const own = [
		...presets,
		...vault.providers.filter((p) => !presets.some((preset) => preset.id === p.id)),
	];
	const taken = new Set(own.map((provider) => provider.id));
	for (const catalog of vault.catalogs?.list ?? []) {
		for (const provider of catalog.entries.providers) {
			if (!taken.has(provider.id)) {
				taken.add(provider.id);
				own.push(provider);
			}
		}
	}

	return own;
}

export function findProvider(
	vault: Pick<Vault, 'providers' | 'catalogs'>,
	id: string,
): Provider | undefined {
	return allProviders(vault).find((provider) => provider.id === id);
}
