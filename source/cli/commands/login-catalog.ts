/**
 * `login --from-catalog ENTRY`: the sign-in a team catalogue's account template calls for, with
 * every field filled in from it (alias, provider, email, organization, environment, base URL);
 * flags given on the command line still win. Afterwards the account is protected when the
 * template says so, and the catalogue's credentials for it are set up from the shared store.
 */
import {findProvider} from '../../auth/providers.js';
import type {AccountTemplate, Catalog} from '../../domain/catalog.js';
import {UserError} from '../../lib/errors.js';
import {sanitize} from '../../lib/sanitize.js';
import {afterCatalogSignIn} from '../../services/catalog-login.js';
import {signInWithSharedKey, templateLogin} from '../../services/catalog-secrets.js';
import {accountForTemplate, findRow} from '../../store/catalog-rows.js';
import type {Context} from '../../store/context.js';

/** The flags of `login` a template fills in. */
export type TemplateFlags = {
	withToken?: boolean;
	provider?: string;
	alias?: string;
	email?: string;
	orgName?: string;
	orgId?: string;
	environment?: string;
	baseUrl?: string;
};

export type CatalogLogin<T> = {
	readonly catalog: Catalog;
	readonly template: AccountTemplate;
	/** The options to sign in with; undefined when the shared key signed in already. */
	readonly options?: T;
};

/** The template an entry names and the options to sign in to it with. */
export async function fromCatalog<T extends TemplateFlags>(
	context: Context,
	entry: string,
	options: T,
): Promise<CatalogLogin<T>> {
	const {vault} = context.store.getState();
	const row = findRow(vault, entry);
	if (!row) {
		const signed = (vault.catalogs?.list ?? [])
			.map((catalog) => accountForTemplate(vault, catalog, entry.replace(/^[^/]+\//, '')))
			.find(Boolean);
		throw new UserError(
			signed
				? `already signed in to ${sanitize(entry, 80)}: it is the account ${signed.alias}`
				: `no catalogue entry "${sanitize(entry, 80)}" waiting to be signed in to; see authdeck catalog list`,
		);
	}

	const catalog = vault.catalogs?.list.find((c) => c.name === row.catalog) as Catalog;
	const {template} = row;
	const provider = findProvider(vault, template.provider);
	if (!provider) {
		throw new UserError(
			`${row.display} needs the provider "${template.provider}", which no catalogue or local definition has; pull the catalogue that defines it`,
		);
	}

	const filled = templateLogin(template);
	const merged: T = {
		...options,
		provider: provider.id,
		alias: options.alias ?? row.alias,
		email: options.email ?? filled.email,
		orgName: options.orgName ?? filled.orgName,
		orgId: options.orgId ?? filled.orgId,
		environment: options.environment ?? filled.environment,
		baseUrl: options.baseUrl ?? filled.baseUrl,
	};
	if (provider.kind === 'api-key' && !options.withToken) {
		if (template.secret) {
			const alias = await signInWithSharedKey(context, catalog, template, merged.alias as string);
			if (!alias) throw new UserError(`could not sign in to ${row.display} with the shared key`);
			return {catalog, template};
		}

		throw new UserError(
			`${row.display} is an API-key account: give its key on stdin: printf %s "$KEY" | authdeck login --from-catalog ${row.display} --with-token`,
		);
	}

	if (provider.kind === 'oidc' && options.withToken) {
		throw new UserError(`${row.display} signs in with OpenID (${provider.id}): drop --with-token`);
	}

	return {catalog, template, options: merged};
}

/** After the sign-in: the template's protection, and its credentials from the shared store. */
export async function afterCatalogLogin(context: Context, login: CatalogLogin<unknown>) {
	const {setUp} = await afterCatalogSignIn(context, login.catalog, login.template);
	for (const {name, alias} of setUp) {
		context.warn(`Set up from the shared store: credential "${name}" on ${alias}`);
	}
}
