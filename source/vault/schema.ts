/**
 * JSON schema of the metadata file, checked on every read and write. It is compiled ahead of time
 * into vault-validator.js by `npm run codegen`.
 */

import {catalogsSchema} from './catalog-schema.js';

const text = {type: 'string', maxLength: 4096} as const;
const time = {type: 'string', maxLength: 64} as const;
const strings = {type: 'array', items: text, maxItems: 1000} as const;
// A provider's id wherever it appears. It is also a key of `active`, where `__proto__` read from a
// hand-edited file would reach Object.prototype; the pattern has no leading `_`.
const providerId = {type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,62}$'} as const;

const organization = {
	type: 'object',
	required: ['id', 'name'],
	properties: {id: text, name: text, plan: text},
} as const;

const account = {
	type: 'object',
	required: [
		'id',
		'alias',
		'providerId',
		'organizations',
		'environment',
		'method',
		'scopes',
		'refreshable',
		'createdAt',
	],
	properties: {
		id: {type: 'string', pattern: '^[a-z0-9]{6,64}$'},
		alias: {type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,62}$'},
		providerId,
		email: text,
		name: text,
		subject: text,
		organizations: {type: 'array', items: organization, maxItems: 1000},
		activeOrgId: text,
		environment: text,
		baseUrl: text,
		method: {enum: ['browser', 'device', 'api-key', 'service-account']},
		scopes: strings,
		tokenExpiresAt: time,
		refreshable: {type: 'boolean'},
		needsSignIn: {type: 'boolean'},
		secretHint: {type: 'string', maxLength: 64},
		createdAt: time,
		lastUsedAt: time,
		useCount: {type: 'integer', minimum: 0},
		keyCreatedAt: time,
		protected: {type: 'boolean'},
		refusals: {
			type: 'array',
			maxItems: 100,
			items: {
				type: 'object',
				required: ['permission', 'call', 'at'],
				properties: {permission: text, call: text, at: time},
			},
		},
	},
} as const;

const credential = {
	type: 'object',
	required: ['id', 'name', 'accountId', 'settings', 'usedBy', 'createdAt'],
	properties: {
		id: {type: 'string', pattern: '^cred_[a-z0-9]{6,64}$'},
		name: text,
		accountId: text,
		settings: {
			type: 'object',
			required: ['type'],
			properties: {
				type: {enum: ['bearer', 'oauth2', 'hmac']},
				scheme: {enum: ['stripe', 'github', 'standard', 'slack', 'shopify', 'custom']},
			},
		},
		usedBy: strings,
		secretHint: {type: 'string', maxLength: 64},
		createdAt: time,
		lastUsedAt: time,
		tokenExpiresAt: time,
		tokenError: text,
	},
} as const;

// A provider's API as data (domain/provider-api.ts), as `provider add` declares it for one of the
// user's own.
const providerApi = {
	type: 'object',
	required: ['basePath', 'auth'],
	properties: {
		basePath: text,
		baseUrls: {type: 'object', additionalProperties: text},
		auth: {
			type: 'object',
			required: ['header', 'prefix'],
			properties: {header: text, prefix: text},
		},
		whoami: {
			type: 'object',
			required: ['path', 'fields'],
			properties: {path: text, within: text, fields: strings, permissions: text},
		},
		keys: {
			type: 'object',
			required: ['list', 'create', 'show', 'delete'],
			properties: {list: text, create: text, show: text, delete: text},
		},
		requires: {type: 'object', additionalProperties: text},
		troubleshooting: text,
	},
} as const;

const provider = {
	type: 'object',
	required: ['id', 'name', 'kind', 'envVars'],
	properties: {
		id: providerId,
		name: text,
		kind: {enum: ['oidc', 'api-key']},
		issuer: text,
		clientId: text,
		scopes: strings,
		baseUrl: text,
		envVars: strings,
		orgEnvVars: strings,
		baseUrlEnvVars: strings,
		syncFile: text,
		api: providerApi,
	},
} as const;

const idMap = {
	type: 'object',
	propertyNames: providerId,
	additionalProperties: {type: 'string'},
	maxProperties: 100_000,
} as const;

const profile = {
	type: 'object',
	properties: {
		active: idMap,
		current: text,
		previous: text,
		createdAt: time,
		overrides: {
			type: 'object',
			properties: {
				baseUrls: idMap,
				// Keyed by account id, which the account pattern keeps free of a leading `_`.
				organizations: {
					type: 'object',
					propertyNames: {pattern: '^[a-z0-9]{6,64}$'},
					additionalProperties: text,
				},
				proxy: text,
			},
		},
	},
} as const;

/**
 * The parts the file may hold many of, or none: each is a function of its own in the compiled
 * validator (`inlineRefs: false`), which V8 compiles only when the file has one. Inlined, the code
 * of every part was compiled, cached and loaded on every start, a vault of plain accounts or not:
 * 40% of the commands' code cache.
 */
export const vaultDefinitions = {
	account,
	credential,
	provider,
	profile,
	catalogs: catalogsSchema,
} as const;

const ref = (name: keyof typeof vaultDefinitions) => ({$ref: `#/$defs/${name}`}) as const;

/** Top-level properties, the parts by reference to `vaultDefinitions`. */
export const vaultSchema = {
	version: {type: 'integer', minimum: 1},
	accounts: {type: 'array', items: ref('account')},
	credentials: {type: 'array', items: ref('credential')},
	providers: {type: 'array', items: ref('provider')},
	active: {type: 'object', propertyNames: providerId, additionalProperties: {type: 'string'}},
	current: text,
	previous: text,
	profile: providerId,
	profiles: {
		type: 'object',
		propertyNames: providerId,
		additionalProperties: ref('profile'),
		maxProperties: 1000,
	},
	catalogs: ref('catalogs'),
	settings: {
		type: 'object',
		properties: {
			storage: {enum: ['keychain', 'file', 'pass']},
			revealTimeout: {type: 'number', minimum: 1, maximum: 3600},
			refreshWindow: {type: 'number', minimum: 0, maximum: 86_400},
			requestTimeout: {type: 'number', minimum: 1, maximum: 600},
			proxy: text,
			caFile: text,
			insecureSkipVerify: {type: 'boolean'},
			theme: {enum: ['default', 'high-contrast', 'monochrome']},
			syncFiles: {
				type: 'object',
				propertyNames: {pattern: '^[a-z0-9][a-z0-9._-]{0,62}$'},
				additionalProperties: {type: 'boolean'},
				maxProperties: 1000,
			},
		},
	},
} as const;
