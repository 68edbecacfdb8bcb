/**
 * The keys on a catalogue's row not signed in yet: `enter` opens the add-account wizard with every
 * field the template gives filled in; the keys that need an account say so in one line.
 */
import {findProvider} from '../../auth/providers.js';
import {sanitize} from '../../lib/sanitize.js';
import type {Action} from '../../store/actions.js';
import type {CatalogRow} from '../../store/catalog-rows.js';
import {visibleCatalogRows} from '../../store/catalog-visible.js';
import {selectedCatalogRow} from '../../store/deck-entries.js';
import {visibleAccounts} from '../../store/selectors.js';
import type {Overlay, State} from '../../store/state.js';
import {type Binding, bind, open} from './define.js';

/** The catalogue row a key acts on: under the expiry panel's cursor, else the selected one. */
export function catalogTarget(state: State): CatalogRow | undefined {
	if (state.ui.focus === 'expiry') {
		// The expiry panel lists the accounts, then the rows not signed in yet.
		return visibleCatalogRows(state)[state.ui.cursor.expiry - visibleAccounts(state).length];
	}

	return selectedCatalogRow(state);
}

const shown = (row: CatalogRow) => sanitize(row.display, 104);

/** Why a key that needs an account does nothing on a catalogue row; undefined elsewhere. */
export function onCatalogRow(state: State): string | undefined {
	const row = catalogTarget(state);
	return row
		? `${shown(row)} is not signed in yet (catalogue ${sanitize(row.catalog, 40)}): this key needs an account; press enter to sign in`
		: undefined;
}

/** Why enter cannot sign in from the row: its provider is not one this vault knows. */
export function whyNoCatalogSignIn(state: State): string | undefined {
	const row = catalogTarget(state);
	if (!row) return undefined;
	const provider = sanitize(row.template.provider, 63);
	// Catalogue providers count as known (allProviders): a provider no catalogue nor this vault has.
	if (findProvider(state.vault, row.template.provider)) return undefined;
	return `${shown(row)}: provider ${provider} is not known here; add it first (authdeck provider add ${provider})`;
}

/**
 * The wizard's answers the template gives. Email and organization are given even when empty, so
 * the wizard does not ask them: an email pattern (`*@acme.com`) is no one's address.
 */
export function templateValues(state: State, row: CatalogRow): Readonly<Record<string, string>> {
	const {template} = row;
	const kind = findProvider(state.vault, template.provider)?.kind;
	const environment = template.environment ?? 'production';
	return {
		provider: template.provider,
		...(kind === 'api-key' ? {method: 'api-key'} : {}),
		alias: row.alias,
		environment,
		...(environment === 'production' && !template.protected
			? {}
			: {protected: template.protected ? 'true' : 'false'}),
		...(kind === 'api-key'
			? {
					email: template.email && !template.email.includes('*') ? template.email : '',
					orgName: template.organization?.name ?? '',
					...(template.organization ? {orgId: template.organization.id} : {}),
				}
			: {}),
		...(template.baseUrl ? {baseUrl: template.baseUrl} : {}),
	};
}

/** The add-account wizard on a row's template: at the key for an API key, else at the method. */
export function catalogWizard(state: State, row: CatalogRow): Overlay {
	return {
		kind: 'wizard',
		target: 'account',
		prefill: {
			values: templateValues(state, row),
			title: `Sign in to ${shown(row)} (from catalogue ${sanitize(row.catalog, 40)})`,
			from: {catalog: row.catalog, template: row.template.alias},
		},
	};
}

/**
 * `enter` on a row: a template with a shared key (`secret: pass://…`) on an API-key provider asks
 * y/N to sign in with it, naming the alias and the reference (never the key); else the wizard.
 */
export function signInFromCatalog(state: State): readonly Action[] {
	const row = catalogTarget(state);
	if (!row) return [];
	const {secret} = row.template;
	if (secret && findProvider(state.vault, row.template.provider)?.kind === 'api-key') {
		return [
			open({
				kind: 'confirm',
				message: `Sign in as ${sanitize(row.alias, 63)} (${shown(row)}, catalogue ${sanitize(row.catalog, 40)}) with the shared key ${sanitize(secret, 120)}, no key to type?`,
				onConfirm: {
					type: 'catalog-shared-sign-in',
					catalog: row.catalog,
					template: row.template.alias,
				},
			}),
		];
	}

	return [open(catalogWizard(state, row))];
}

export const catalogBindings: readonly Binding[] = [
	bind({
		keys: ['enter'],
		action: 'sign-in-from-catalog',
		scope: ['expiry'],
		description:
			'On a row not signed in yet (from a team catalogue): sign in with its fields filled in',
		disabled: (state) =>
			catalogTarget(state)
				? whyNoCatalogSignIn(state)
				: 'enter signs in a row not signed in yet; switch accounts in 1 Accounts',
		run: signInFromCatalog,
	}),
];
