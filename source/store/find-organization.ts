import type {Account, Organization} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';

/** Finds an organisation of the account by id, else by name (case-insensitive). */
export function findOrganization(account: Account, query: string): Organization {
	const byId = account.organizations.find((org) => org.id === query);
	if (byId) {
		return byId;
	}

	const byName = account.organizations.filter(
		(org) => org.name.toLowerCase() === query.trim().toLowerCase(),
	);
	if (byName.length === 1) {
		return byName[0] as Organization;
	}

	const known =
		account.organizations.length === 0
			? `"${account.alias}" has no organizations`
			: `its organizations: ${account.organizations.map((org) => `${sanitize(org.name, 60)} (${sanitize(org.id, 60)})`).join(', ')}`;
	throw new UserError(
		byName.length > 1
			? `"${sanitize(query, 60)}" names ${byName.length} organizations of "${account.alias}"; use the id`
			: `"${account.alias}" has no organization "${sanitize(query, 60)}"; ${known}`,
	);
}
