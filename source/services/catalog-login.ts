/**
 * What follows a sign-in to a team catalogue's account template, the same from `login
 * --from-catalog` and from the deck's row: the account is protected when the template says so, and
 * the catalogue's credential definitions for it are set up from the shared pass store. A secret that
 * cannot be read is one line through `context.warn` (whose keys the store is encrypted to); the rest
 * still applies.
 */
import type {AccountTemplate, Catalog} from '../domain/catalog.js';
import type {Account} from '../domain.js';
import {accountForTemplate} from '../store/catalog-rows.js';
import type {Context} from '../store/context.js';
import {protect, type SharedCredential, setUpSharedCredentials} from './catalog-secrets.js';

export type CatalogSignIn = {
	/** The account the template's sign-in made; undefined when none matches it. */
	readonly account?: Account;
	/** The credentials set up from the shared store. */
	readonly setUp: readonly SharedCredential[];
};

/** The catalogue and template a catalogue's name and a template's alias name, if still pulled. */
export function findTemplate(
	context: Context,
	catalogName: string,
	alias: string,
): {catalog: Catalog; template: AccountTemplate} | undefined {
	const catalog = context.store
		.getState()
		.vault.catalogs?.list.find((candidate) => candidate.name === catalogName);
	const template = catalog?.entries.accounts.find((candidate) => candidate.alias === alias);
	return catalog && template ? {catalog, template} : undefined;
}

/** The template's protection, then its catalogue's credentials from the shared store. */
export async function afterCatalogSignIn(
	context: Context,
	catalog: Catalog,
	template: AccountTemplate,
): Promise<CatalogSignIn> {
	const account = accountForTemplate(context.store.getState().vault, catalog, template.alias);
	if (!account) return {setUp: []};
	await protect(context, template, account.id);
	return {account, setUp: await setUpSharedCredentials(context, catalog)};
}
