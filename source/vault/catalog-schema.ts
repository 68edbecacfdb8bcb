/**
 * JSON schemas of a catalogue's files (one entry a file) and of the `catalogs` section of the
 * metadata. Compiled ahead of time into catalog-validator.js by `npm run codegen`, like the vault's.
 * Every object is closed (`additionalProperties: false`): a file that carries anything else (an
 * `apiKey`, a `token`) is refused whole, so a secret typed into a catalogue is never applied.
 */

const text = {type: 'string', minLength: 1, maxLength: 4096} as const;
const strings = {type: 'array', items: text, maxItems: 100} as const;
const name = {type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,62}$'} as const;
const variables = {
	type: 'array',
	items: {type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,99}$'},
	maxItems: 20,
} as const;
const url = {type: 'string', pattern: '^https?://[^\\s]+$', maxLength: 2048} as const;
/** A shared secret's place: `pass://STORE/path/in/store` (the only scheme authdeck reads today). */
const secretRef = {
	type: 'string',
	pattern: '^pass://[a-z0-9][a-z0-9._-]{0,62}/[A-Za-z0-9._@/-]{1,400}$',
} as const;

export const catalogProviderSchema = {
	type: 'object',
	additionalProperties: false,
	required: ['id', 'name', 'kind', 'envVars'],
	properties: {
		id: name,
		name: {type: 'string', minLength: 1, maxLength: 200},
		kind: {enum: ['oidc', 'api-key']},
		issuer: url,
		clientId: {type: 'string', pattern: '^[\\x21-\\x7E]{1,200}$'},
		scopes: strings,
		baseUrl: url,
		envVars: variables,
		orgEnvVars: variables,
		baseUrlEnvVars: variables,
	},
	// An OpenID provider is nothing without where to sign in and as whom.
	anyOf: [{properties: {kind: {const: 'api-key'}}}, {required: ['issuer', 'clientId']}],
} as const;

export const accountTemplateSchema = {
	type: 'object',
	additionalProperties: false,
	required: ['alias', 'provider'],
	properties: {
		alias: name,
		provider: name,
		email: {type: 'string', pattern: '^[^\\s@]*\\*?[^\\s@]*@[^\\s@]+$', maxLength: 320},
		organization: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'name'],
			properties: {id: text, name: text},
		},
		environment: {type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,31}$'},
		baseUrl: url,
		protected: {type: 'boolean'},
		secret: secretRef,
	},
} as const;

const header = {type: 'string', pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$"} as const;

const credentialSettings = {
	oneOf: [
		{
			type: 'object',
			additionalProperties: false,
			required: ['type', 'headerName', 'bearerPrefix'],
			properties: {type: {const: 'bearer'}, headerName: header, bearerPrefix: {type: 'boolean'}},
		},
		{
			type: 'object',
			additionalProperties: false,
			required: ['type', 'tokenUrl', 'clientId'],
			properties: {
				type: {const: 'oauth2'},
				tokenUrl: url,
				clientId: text,
				scope: text,
				authMethod: {enum: ['client_secret_basic', 'client_secret_post']},
			},
		},
		{
			type: 'object',
			additionalProperties: false,
			required: ['type', 'algorithm', 'signatureHeader', 'payloadFormat'],
			properties: {
				type: {const: 'hmac'},
				scheme: {enum: ['stripe', 'github', 'standard', 'slack', 'shopify', 'custom']},
				algorithm: {enum: ['sha1', 'sha256', 'sha512']},
				signatureHeader: header,
				timestampHeader: header,
				payloadFormat: {type: 'string', minLength: 1, maxLength: 200},
			},
		},
	],
} as const;

export const credentialDefinitionSchema = {
	type: 'object',
	additionalProperties: false,
	required: ['name', 'account', 'settings'],
	properties: {
		name: {type: 'string', pattern: '^[^\\x00-\\x1F\\x7F]{1,100}$'},
		account: name,
		settings: credentialSettings,
		usedBy: strings,
		secret: secretRef,
	},
} as const;

/** The `catalogs` section of the metadata: what the last pulls validated. */
export const catalogsSchema = {
	type: 'object',
	required: ['list'],
	properties: {
		list: {
			type: 'array',
			maxItems: 100,
			items: {
				type: 'object',
				required: ['name', 'url', 'entries'],
				properties: {
					name,
					url: text,
					pulledAt: text,
					commit: {type: 'string', pattern: '^[0-9a-f]{7,64}$'},
					entries: {
						type: 'object',
						required: ['providers', 'accounts', 'credentials'],
						properties: {
							providers: {type: 'array', items: catalogProviderSchema, maxItems: 10_000},
							accounts: {type: 'array', items: accountTemplateSchema, maxItems: 10_000},
							credentials: {type: 'array', items: credentialDefinitionSchema, maxItems: 10_000},
						},
					},
				},
			},
		},
		passStores: {
			type: 'object',
			propertyNames: name,
			additionalProperties: text,
			maxProperties: 100,
		},
	},
} as const;
