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

/** The most items of a list that may differ from `before`'s, place by place, to be compared alone. */
const fewChanges = 16;

/**
 * `invariantViolation` of `next`, made from `before` (a vault that holds them): when a list has the
 * same length and differs from `before`'s in a few places only, the items kept in place are unique
 * among themselves (they were in `before`), so only the items in the other places are compared, each
 * with every item of its list. A switch of one account of 10,000 compares one item instead of
 * hashing 20,000 ids and aliases. Any other change is checked whole.
 */
export function invariantViolationSince(
	before: Readonly<Record<string, unknown>>,
	next: Readonly<Record<string, unknown>>,
): string | undefined {
	for (const {list, field, what} of uniques) {
		const items = next[list];
		const old = before[list];
		if (!Array.isArray(items)) continue;
		const changed: Item[] = [];
		if (Array.isArray(old) && old.length === items.length) {
			for (const [index, item] of (items as Item[]).entries()) {
				if (item !== old[index] && changed.push(item) > fewChanges) break;
			}
		}

		if (!Array.isArray(old) || old.length !== items.length || changed.length > fewChanges) {
			const value = repeated(items as Item[], field);
			if (value !== undefined) return `${what} ${value}`;
			continue;
		}

		for (const item of changed) {
			const value = item[field];
			if ((items as Item[]).some((other) => other !== item && other[field] === value)) {
				return `${what} ${String(value)}`;
			}
		}

		// The same object twice: a changed one may also stand in a kept place.
		for (const item of changed) {
			if ((items as Item[]).filter((other) => other === item).length > 1) {
				return `${what} ${String(item[field])}`;
			}
		}
	}

	return undefined;
}

/**
 * Throws the way a schema failure does (conf's "Config schema violation" message), so a broken
 * invariant is handled alike (given `before`, checked as `invariantViolationSince`): the file is kept untouched, a `.corrupt-*` copy made, the command stops.
 */
export function assertInvariants(
	stored: Readonly<Record<string, unknown>>,
	before?: Readonly<Record<string, unknown>>,
): void {
	const broken = before ? invariantViolationSince(before, stored) : invariantViolation(stored);
	if (broken !== undefined) {
		throw new Error(`Config schema violation: ${broken}`);
	}
}
