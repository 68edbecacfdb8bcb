/**
 * The domain: providers, accounts, organizations, credentials, settings and the vault that holds
 * them, plus the shapes of the secrets stored for them. Every layer imports these types from here;
 * this module imports only the rest of the domain (domain/).
 */
import type {Catalogs} from './domain/catalog.js';
import type {CredentialSettings} from './domain/credential-settings.js';

export type {
	CredentialSettings,
	CredentialType,
	HmacAlgorithm,
	SignatureScheme,
} from './domain/credential-settings.js';

import type {ProviderApi, Refusal} from './domain/provider-api.js';

export type {ApiEndpoint, ProviderApi, Refusal} from './domain/provider-api.js';

export type ProviderKind = 'oidc' | 'api-key';

/** A provider is data: where to sign in, which env vars a tool reads, which files to keep in sync. */
export type Provider = {
	/** Stable id, also the name used on the command line (`--provider vapi`). */
	readonly id: string;
	/** Human name shown in the deck. */
	readonly name: string;
	readonly kind: ProviderKind;
	/** OpenID issuer (discovery), for `kind: 'oidc'`. */
	readonly issuer?: string;
	/** OAuth client id, for `kind: 'oidc'`. */
	readonly clientId?: string;
	/** Scopes requested at sign-in. */
	readonly scopes?: readonly string[];
	/** Default API base URL. */
	readonly baseUrl?: string;
	/** Environment variables a provider's own tools read; the first carries the key or token. */
	readonly envVars: readonly string[];
	/** Variables a provider's tools read the organization id from (`VAPI_ORG_ID`); `env` and `exec` set them. */
	readonly orgEnvVars?: readonly string[];
	/** Variables a provider's tools read the API base URL from (`VANTAGE_API_URL`); `env` and `exec` set them. */
	readonly baseUrlEnvVars?: readonly string[];
	/** A file the provider's own CLI reads, kept in sync on switch (`~` and `$XDG_CONFIG_HOME` expanded). */
	readonly syncFile?: string;
	/** True for presets shipped with authdeck. */
	readonly builtin?: boolean;
	/** The provider's own API, where authdeck can check and manage keys (source/providers/). */
	readonly api?: ProviderApi;
};

export type Organization = {
	readonly id: string;
	readonly name: string;
	/** Plan or role, shown beside the name when known. */
	readonly plan?: string;
};

export type Method = 'browser' | 'device' | 'api-key' | 'service-account';

export type Account = {
	/** Random, stable, never reused. */
	readonly id: string;
	/** Unique, `[a-z0-9][a-z0-9._-]{0,62}`. */
	readonly alias: string;
	readonly providerId: string;
	readonly email?: string;
	readonly name?: string;
	/** The IdP's subject, for OIDC accounts. */
	readonly subject?: string;
	readonly organizations: readonly Organization[];
	readonly activeOrgId?: string;
	/** `production`, `staging`, `development` or a custom name. */
	readonly environment: string;
	readonly baseUrl?: string;
	readonly method: Method;
	/** Scopes or permissions granted. */
	readonly scopes: readonly string[];
	/** ISO time the access token expires; absent for keys that do not expire. */
	readonly tokenExpiresAt?: string;
	readonly refreshable: boolean;
	/** Set when a refresh was refused (`invalid_grant`): the user must sign in again. */
	readonly needsSignIn?: boolean;
	/** The masked form of the main secret (prefix, `****`, last four), so display never reads the secret store. */
	readonly secretHint?: string;
	readonly createdAt: string;
	readonly lastUsedAt?: string;
	/** How many times it was switched to: with `lastUsedAt`, the picker's frecency order. */
	readonly useCount?: number;
	/** When the current API key was stored, for rotation hints. */
	readonly keyCreatedAt?: string;
	/** Set by `config set-account ALIAS protected true`: guarded like a production account. */
	readonly protected?: boolean;
	/** Permissions the provider refused a call for, one entry each; a new key clears them. */
	readonly refusals?: readonly Refusal[];
};

/** A production or protected account: destructive actions are confirmed, insecure TLS refused. */
export function isGuarded(account: Pick<Account, 'environment' | 'protected'>): boolean {
	return account.environment === 'production' || account.protected === true;
}

export type Credential = {
	/** `cred_` followed by random characters. */
	readonly id: string;
	readonly name: string;
	readonly accountId: string;
	readonly settings: CredentialSettings;
	/** Where it is used (assistant ids, URLs): free text references. */
	readonly usedBy: readonly string[];
	readonly secretHint?: string;
	readonly createdAt: string;
	/** When headers, sign, send or token last used it (ISO time). */
	readonly lastUsedAt?: string;
	/** oauth2: when the cached access token expires (ISO time); the token is in the secret store. */
	readonly tokenExpiresAt?: string;
	/** oauth2: why the last token request failed, until one succeeds. */
	readonly tokenError?: string;
};

export type StorageKind = 'keychain' | 'file' | 'pass';

/** The deck's colour themes (source/deck/theme.ts holds their colours). */
export const themeNames = ['default', 'high-contrast', 'monochrome'] as const;
export type ThemeName = (typeof themeNames)[number];

export type Settings = {
	/** Where secrets live; absent until chosen or probed. */
	readonly storage?: StorageKind;
	/** Seconds a revealed secret stays visible. @default 10 */
	readonly revealTimeout: number;
	/** Seconds before expiry in which a token is refreshed automatically. @default 300 */
	readonly refreshWindow: number;
	/**
	 * Proxy for every request (`http://`, `https://`, `socks5://`, `socks5h://`); beats
	 * HTTPS_PROXY, HTTP_PROXY and ALL_PROXY. NO_PROXY still applies.
	 */
	readonly proxy?: string;
	/** A PEM file of CA certificates trusted besides Node's roots (`ca-file`). */
	readonly caFile?: string;
	/** No certificate checks, for development accounts only (`insecure-skip-verify`). @default false */
	readonly insecureSkipVerify?: boolean;
	/** Seconds one request to an identity provider may take in all (`request-timeout`). @default 15 */
	readonly requestTimeout: number;
	/**
	 * Providers whose own CLI's key file authdeck keeps in sync (vastai's `vast_api_key`): opt-in,
	 * because that file holds the key in plaintext outside the secret store. @default {}
	 */
	readonly syncFiles?: Readonly<Record<string, boolean>>;
	/** The deck's colours (`theme`); NO_COLOR and FORCE_COLOR=0 turn every colour off. @default 'default' */
	readonly theme?: ThemeName;
};

export const defaultSettings: Settings = {
	revealTimeout: 10,
	refreshWindow: 300,
	requestTimeout: 15,
};

/** Setting overrides a profile makes, over the accounts' own values and the global settings. */
export type ProfileOverrides = {
	/** API base URL per provider id. */
	readonly baseUrls?: Readonly<Record<string, string>>;
	/** Organization id per account id. */
	readonly organizations?: Readonly<Record<string, string>>;
	/** HTTPS proxy while this profile is in use. */
	readonly proxy?: string;
};

/** The choices a profile holds: the active account per provider, the current and previous account. */
export type ProfileChoices = {
	readonly active: Readonly<Record<string, string>>;
	readonly current?: string;
	readonly previous?: string;
};

/**
 * A named set of choices (gcloud's configurations). The profile in use keeps its choices at the top
 * of the vault (`active`, `current`, `previous`), where every reader already looks; the others keep
 * theirs here. `profile use` swaps them.
 */
export type Profile = Partial<ProfileChoices> & {
	readonly overrides?: ProfileOverrides;
	readonly createdAt?: string;
};

/** The profile every vault has, and the one a vault from before profiles opens as. */
export const defaultProfile = 'default';

/** Everything persisted in the metadata file. No secret ever appears here. */
export type Vault = {
	readonly version: 1;
	readonly accounts: readonly Account[];
	readonly credentials: readonly Credential[];
	/** User-defined providers; presets are added at run time. */
	readonly providers: readonly Provider[];
	/** Active account id per provider id. */
	readonly active: Readonly<Record<string, string>>;
	/** The account of the most recent switch: the deck's current account. */
	readonly current?: string;
	/** The account that was current before the most recent switch, for `switch -`. */
	readonly previous?: string;
	/** The profile in use; absent means `default`. */
	readonly profile?: string;
	/** Profiles by name; `default` may be absent until it has overrides or another profile is in use. */
	readonly profiles?: Readonly<Record<string, Profile>>;
	readonly settings: Settings;
	/** Team catalogues followed, with their entries as last pulled; absent until `catalog add`. */
	readonly catalogs?: Catalogs;
};

export const emptyVault: Vault = {
	version: 1,
	accounts: [],
	credentials: [],
	providers: [],
	active: {},
	settings: defaultSettings,
};

/** Secrets of one account, stored as one entry `account:<id>` in the secret store. */
export type AccountSecret = {
	readonly apiKey?: string;
	readonly accessToken?: string;
	readonly refreshToken?: string;
	readonly idToken?: string;
	/** When the access token was obtained (ISO time): a refresh asked for earlier can use it. */
	readonly obtainedAt?: string;
	/** For service accounts: the client secret used to fetch a new token. */
	readonly clientSecret?: string;
	/** For service accounts: where and as which client a new token is fetched (not secret, kept together). */
	readonly serviceAccount?: {
		readonly clientId: string;
		readonly issuer?: string;
		readonly tokenUrl?: string;
		readonly scope?: string;
		/** How the client authenticates at the token endpoint, once known. */
		readonly authMethod?: 'client_secret_basic' | 'client_secret_post';
	};
};

/** The secret of one credential, stored as `credential:<id>`. */
export type CredentialSecret = {
	readonly value: string;
	/** The secret before the last rotation, accepted by verify until `until` (ISO time). */
	readonly previous?: {readonly value: string; readonly until: string};
	/** oauth2: the access token last fetched with this secret, and when it expires (ISO time). */
	readonly token?: {
		readonly accessToken: string;
		readonly expiresAt: string;
		readonly obtainedAt?: string;
	};
};
