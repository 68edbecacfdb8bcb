/**
 * What the metadata's JSON schema cannot say: a field unique across the items of a list. The code
 * finds accounts, credentials and providers by these fields with `find`, which would silently take
 * the first of two, and keys secrets by id (`account:<id>`), so two items with one id would share
 * one secret and removing either would delete it for both.
 */

type Item = Readonly<Record<string, unknown>>;

/** A field that must not repeat within a list, and how to name it in the message. */
type Unique = {
	readonly list: 'accounts' | 'credentials' | 'providers';
	readonly field: string;
	readonly what: string;
};

const uniques: readonly Unique[] = [
	{list: 'accounts', field: 'id', what: 'two accounts have the id'},
	{list: 'accounts', field: 'alias', what: 'two accounts have the alias'},
	{list: 'credentials', field: 'id', what: 'two credentials have the id'},
	{list: 'providers', field: 'id', what: 'two providers have the id'},
];

/** The first repeated value of `field` among `items`, if any. */
function repeated(items: readonly Item[], field: string): string | undefined {
	const seen = new Set<unknown>();
	for (const item of items) {
		const value = item[field];
		if (seen.has(value)) {
			return String(value);
		}

		seen.add(value);
	}

	return undefined;
}

/**
 * The first broken invariant of metadata that already passed the schema, as a phrase such as
 * "two accounts have the alias prod", or undefined when there is none. Dangling `active`, `current`
 * and `previous` ids are not broken invariants: every reader treats them as "none selected".
 */
export function invariantViolation(stored: Readonly<Record<string, unknown>>): string | undefined {
	for (const {list, field, what} of uniques) {
		const items = stored[list];
		if (!Array.isArray(items)) {
			continue;
		}

		const value = repeated(items as Item[], field);
		if (value !== undefined) {
			return `${what} ${value}`;
		}
	}

	return undefined;
}

/**
 * Throws the way a schema failure does (conf's "Config schema violation" message), so a broken
 * invariant is handled alike: the file is kept untouched, a `.corrupt-*` copy made, the command stops.
 */
export function assertInvariants(stored: Readonly<Record<string, unknown>>): void {
	const broken = invariantViolation(stored);
	if (broken !== undefined) {
		throw new Error(`Config schema violation: ${broken}`);
	}
}
