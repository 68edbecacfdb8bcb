/**
 * What a team's catalogues add to what a member sees: account templates nobody signed in to here
 * yet ("not signed in yet" rows) and credential definitions not set up yet. Pure, over the vault
 * alone (the entries as last pulled), so `status`, `credential list` and the deck read them without
 * git. Local entries always win: a template that a local account matches is not shown at all.
 */

import type {AccountTemplate, Catalog, CredentialDefinition} from '../domain/catalog.js';
import type {Account, Vault} from '../domain.js';

/** One account template no local account matches. */
export type CatalogRow = {
	/** The catalogue it comes from. */
	readonly catalog: string;
	/** `prod`, or `acme/prod` where `prod` is a local alias or in another catalogue too. */
	readonly display: string;
	/** The alias the account gets when signed in from here: `prod`, else `acme-prod`. */
	readonly alias: string;
	readonly template: AccountTemplate;
};

/** The alias an account signed in from `template` gets where its own is taken: `acme-prod`. */
export const prefixedAlias = (catalog: string, alias: string) => `${catalog}-${alias}`.slice(0, 63);

const literalEmail = (email: string | undefined) =>
	email !== undefined && !email.includes('*') ? email.toLowerCase() : undefined;

/**
 * Whether a local account is the one a template stands for: the same provider, and the template's
 * alias (plain or prefixed) or its exact email. A member who signed in by hand before the catalogue
 * existed is matched as one who signed in from it.
 */
export function matchesTemplate(account: Account, catalog: string, template: AccountTemplate) {
	if (account.providerId !== template.provider) return false;
	if (account.alias === template.alias || account.alias === prefixedAlias(catalog, template.alias))
		return true;
	const email = literalEmail(template.email);
	return email !== undefined && account.email?.toLowerCase() === email;
}

/** The local account a catalogue's template (by alias) stands for, if one is signed in. */
export function accountForTemplate(
	vault: Vault,
	catalog: Catalog,
	alias: string,
): Account | undefined {
	const template = catalog.entries.accounts.find((t) => t.alias === alias);
	return template
		? vault.accounts.find((account) => matchesTemplate(account, catalog.name, template))
		: undefined;
}

/** Every catalogue's account templates that no local account matches, in catalogue order. */
export function notSignedInRows(vault: Vault): CatalogRow[] {
	const catalogs = vault.catalogs?.list ?? [];
	const local = new Set(vault.accounts.map((account) => account.alias));
	const seen = new Map<string, number>();
	for (const catalog of catalogs) {
		for (const template of catalog.entries.accounts) {
			seen.set(template.alias, (seen.get(template.alias) ?? 0) + 1);
		}
	}

	return catalogs.flatMap((catalog) =>
		catalog.entries.accounts
			.filter(
				(template) =>
					!vault.accounts.some((account) => matchesTemplate(account, catalog.name, template)),
			)
			.map((template) => {
				const clash = local.has(template.alias) || (seen.get(template.alias) ?? 0) > 1;
				return {
					catalog: catalog.name,
					display: clash ? `${catalog.name}/${template.alias}` : template.alias,
					alias: local.has(template.alias)
						? prefixedAlias(catalog.name, template.alias)
						: template.alias,
					template,
				};
			}),
	);
}

/** A credential definition with no local credential of its name on its account. */
export type PendingCredential = {
	readonly catalog: string;
	readonly definition: CredentialDefinition;
	/** The local account it goes on, once that account is signed in. */
	readonly account?: Account;
};

/** The local account a definition's `account` names: its template's account, else a local alias. */
function accountOf(vault: Vault, catalog: Catalog, definition: CredentialDefinition) {
	return (
		accountForTemplate(vault, catalog, definition.account) ??
		vault.accounts.find((account) => account.alias === definition.account)
	);
}

/** Every catalogue's credential definitions not set up here yet. */
export function pendingCredentials(vault: Vault): PendingCredential[] {
	return (vault.catalogs?.list ?? []).flatMap((catalog) =>
		catalog.entries.credentials.flatMap((definition) => {
			const account = accountOf(vault, catalog, definition);
			const done = vault.credentials.some(
				(credential) => credential.accountId === account?.id && credential.name === definition.name,
			);
			return done ? [] : [{catalog: catalog.name, definition, ...(account ? {account} : {})}];
		}),
	);
}

/** The template an entry names: `prod`, `acme/prod` or `acme-prod`, among the rows not signed in. */
export function findRow(vault: Vault, entry: string): CatalogRow | undefined {
	const rows = notSignedInRows(vault);
	return (
		rows.find((row) => row.display === entry || row.alias === entry) ??
		rows.find((row) => `${row.catalog}/${row.template.alias}` === entry)
	);
}
