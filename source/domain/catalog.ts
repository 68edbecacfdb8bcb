/**
 * A team's catalogue: a git repository of plain, reviewable files, one entry a file, never a secret.
 * `providers/ID.json`, `accounts/ALIAS.json`, `credentials/NAME.json`. What `catalog pull` validated
 * is kept in the vault's metadata (`catalogs`), so `status` and the deck read it without git.
 */
import type {CredentialSettings} from './credential-settings.js';

/** A provider as a catalogue defines it: the fields of a user-defined provider. */
export type CatalogProvider = {
	readonly id: string;
	readonly name: string;
	readonly kind: 'oidc' | 'api-key';
	/** OpenID issuer, for `kind: 'oidc'`. */
	readonly issuer?: string;
	/** OAuth client id, for `kind: 'oidc'`. */
	readonly clientId?: string;
	readonly scopes?: readonly string[];
	readonly baseUrl?: string;
	readonly envVars: readonly string[];
	readonly orgEnvVars?: readonly string[];
	readonly baseUrlEnvVars?: readonly string[];
};

/** An account every member may sign in to: what `login --from-catalog` fills in. */
export type AccountTemplate = {
	/** The alias it gets; prefixed with the catalogue's name where a local alias has it (`acme/prod`). */
	readonly alias: string;
	/** A provider id: a preset, the catalogue's own, or one the member defined. */
	readonly provider: string;
	/** The account's email, or a pattern such as `*@acme.com` that a member's email matches. */
	readonly email?: string;
	readonly organization?: {readonly id: string; readonly name: string};
	/** @default 'production' */
	readonly environment?: string;
	readonly baseUrl?: string;
	readonly protected?: boolean;
	/** A shared API key: `pass://STORE/path` in a shared password store (never the key itself). */
	readonly secret?: string;
};

/** A webhook credential every member may use, on one of the catalogue's accounts. */
export type CredentialDefinition = {
	readonly name: string;
	/** The alias of the account template (or local account) it belongs to. */
	readonly account: string;
	readonly settings: CredentialSettings;
	readonly usedBy?: readonly string[];
	/** The shared secret: `pass://STORE/path` in a shared password store (never the secret itself). */
	readonly secret?: string;
};

/** Every entry of one catalogue, as validated at the last pull. */
export type CatalogEntries = {
	readonly providers: readonly CatalogProvider[];
	readonly accounts: readonly AccountTemplate[];
	readonly credentials: readonly CredentialDefinition[];
};

/** One catalogue the member follows. */
export type Catalog = {
	/** The name given to `catalog add` (`acme`), also the prefix of clashing aliases. */
	readonly name: string;
	/** What git cloned: any URL git understands, a local path included. */
	readonly url: string;
	/** ISO time of the last successful pull. */
	readonly pulledAt?: string;
	/** The commit the entries were read from. */
	readonly commit?: string;
	readonly entries: CatalogEntries;
};

/** The `catalogs` section of the metadata. */
export type Catalogs = {
	readonly list: readonly Catalog[];
	/** Shared password stores by the name `pass://NAME/...` uses: a directory (`config set pass-store`). */
	readonly passStores?: Readonly<Record<string, string>>;
};

export const emptyEntries: CatalogEntries = {providers: [], accounts: [], credentials: []};
