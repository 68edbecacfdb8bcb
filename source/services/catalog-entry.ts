/**
 * The catalogue entry a local definition is published as: a provider, an account template or a
 * credential definition, with nothing secret in it (no key, no token, no hint of one), checked by
 * the same schema a pull checks with.
 */
import {findProvider} from '../auth/providers.js';
import type {AccountTemplate, CatalogProvider, CredentialDefinition} from '../domain/catalog.js';
import type {Vault} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import {activeOrganization} from '../store/selectors.js';
import type {CatalogFolder} from '../vault/catalog-files.js';
import {validateAccount, validateCredential, validateProvider} from '../vault/catalog-validator.js';
import {parseSecretRef} from '../vault/pass-shared.js';

/** What `catalog publish` was asked to publish. */
export type PublishWhat =
	| {readonly account: string}
	| {readonly provider: string}
	| {readonly credential: string};

export type PublishedEntry = {
	readonly folder: CatalogFolder;
	readonly entry: CatalogProvider | AccountTemplate | CredentialDefinition;
	/** For the commit message: `account template prod (vapi)`. */
	readonly label: string;
};

const drop = <T extends object>(entry: T): T =>
	Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as T;

function checked(folder: CatalogFolder, entry: object): void {
	const validate = {
		providers: validateProvider,
		accounts: validateAccount,
		credentials: validateCredential,
	}[folder];
	if (!validate(entry)) {
		const first = validate.errors?.[0];
		throw new UserError(
			`cannot publish it: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim(),
		);
	}
}

/** The entry for a local definition; `secret` is a `pass://` reference, never a secret. */
export function publishedEntry(vault: Vault, what: PublishWhat, secret?: string): PublishedEntry {
	if (secret !== undefined) parseSecretRef(secret);
	let result: PublishedEntry;
	if ('provider' in what) {
		const provider = findProvider(vault, what.provider);
		if (!provider) throw new UserError(`unknown provider "${sanitize(what.provider, 80)}"`);
		if (provider.builtin)
			throw new UserError(`"${provider.id}" is built in: every member has it already`);
		if (secret) throw new UserError('--secret goes with --account or --credential');
		const {id, name, kind, issuer, clientId, scopes, baseUrl, envVars, orgEnvVars, baseUrlEnvVars} =
			provider;
		result = {
			folder: 'providers',
			entry: drop({
				id,
				name,
				kind,
				issuer,
				clientId,
				scopes,
				baseUrl,
				envVars,
				orgEnvVars,
				baseUrlEnvVars,
			}),
			label: `provider ${id}`,
		};
	} else if ('account' in what) {
		const account = vault.accounts.find((a) => a.alias === what.account);
		if (!account) throw new UserError(`no account with alias "${sanitize(what.account, 80)}"`);
		const org = activeOrganization(account) ?? account.organizations[0];
		result = {
			folder: 'accounts',
			entry: drop({
				alias: account.alias,
				provider: account.providerId,
				email: account.email,
				organization: org ? {id: org.id, name: org.name} : undefined,
				environment: account.environment,
				// The provider's own default is not the account's to pin: members get it from the provider.
				baseUrl:
					account.baseUrl === findProvider(vault, account.providerId)?.baseUrl
						? undefined
						: account.baseUrl,
				protected: account.protected,
				secret,
			}),
			label: `account template ${account.alias} (${account.providerId})`,
		};
	} else {
		const matches = vault.credentials.filter(
			(c) => c.name === what.credential || c.id === what.credential,
		);
		if (matches.length !== 1) {
			throw new UserError(
				matches.length === 0
					? `no credential named "${sanitize(what.credential, 80)}"`
					: `${matches.length} credentials are named "${sanitize(what.credential, 80)}": give its id (credential list --all)`,
			);
		}

		const credential = matches[0] as (typeof matches)[number];
		const account = vault.accounts.find((a) => a.id === credential.accountId);
		result = {
			folder: 'credentials',
			entry: drop({
				name: credential.name,
				account: account?.alias ?? '',
				settings: drop(credential.settings),
				usedBy: credential.usedBy.length > 0 ? [...credential.usedBy] : undefined,
				secret,
			}),
			label: `credential definition "${credential.name}" (${credential.settings.type}, ${account?.alias})`,
		};
	}

	checked(result.folder, result.entry);
	return result;
}
