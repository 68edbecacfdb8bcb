/** The "not signed in yet" rows of `status`: account templates of the team catalogues. */
import type {Vault} from '../../domain.js';
import {sanitize} from '../../lib/sanitize.js';
import {notSignedInRows} from '../../store/catalog-rows.js';

/** One template no local account matches, as `status --json` shows it. */
export type CatalogRowView = {
	/** The catalogue it comes from. */
	catalog: string;
	/** As shown, and as `login --from-catalog` takes it: `prod`, or `acme/prod` when it clashes. */
	entry: string;
	/** The alias the account gets once signed in. */
	alias: string;
	provider: string;
	email: string | null;
	organization: {id: string; name: string} | null;
	environment: string;
	/** The key is in a shared pass store: `catalog pull` signs in with it for members who can read it. */
	sharedSecret: boolean;
	signedIn: false;
};

export function catalogRowViews(vault: Vault): CatalogRowView[] {
	return notSignedInRows(vault).map((row) => ({
		catalog: row.catalog,
		entry: row.display,
		alias: row.alias,
		provider: row.template.provider,
		email: row.template.email ?? null,
		organization: row.template.organization ?? null,
		environment: row.template.environment ?? 'production',
		sharedSecret: row.template.secret !== undefined,
		signedIn: false,
	}));
}

/** The block `status` prints under the accounts; empty when every template is signed in. */
export function formatCatalogRows(rows: readonly CatalogRowView[]): string {
	if (rows.length === 0) return '';
	const width = Math.max(...rows.map((row) => row.entry.length));
	return [
		'Not signed in yet (team catalogues):',
		...rows.map((row) =>
			[
				`  ${row.entry.padEnd(width)}`,
				row.provider,
				row.email ? sanitize(row.email) : '',
				row.environment,
				`[${row.catalog}]`,
			]
				.filter(Boolean)
				.join('  '),
		),
		`Sign in with: authdeck login --from-catalog ${rows[0]?.entry}`,
	].join('\n');
}
