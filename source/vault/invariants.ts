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

/** Each list's unique fields, in the order `uniques` checks them. */
const fieldsOf = new Map<Unique['list'], Unique[]>();
for (const unique of uniques)
	fieldsOf.set(unique.list, [...(fieldsOf.get(unique.list) ?? []), unique]);

/** The items of `items` that are not `old`'s at their place; undefined when more than a few, or another length. */
function changedPlaces(items: readonly Item[], old: unknown): Item[] | undefined {
	if (!Array.isArray(old) || old.length !== items.length) return undefined;
	const changed: Item[] = [];
	for (let index = 0; index < items.length; index++) {
		const item = items[index] as Item;
		if (item !== old[index] && changed.push(item) > fewChanges) return undefined;
	}

	return changed;
}

/**
 * `invariantViolation` of `next`, made from `before` (a vault that holds them): when a list has the
 * same length and differs from `before`'s in a few places only, the items kept in place are unique
 * among themselves (they were in `before`), so only the items in the other places are compared, each
 * with every item of its list. A switch of one account of 10,000 walks the accounts three times (to
 * find what changed, then once per unique field) instead of hashing 20,000 ids and aliases; six
 * walks through iterators, with a some() and a filter() per field, were ~9-14 ms of the deck's
 * first switch on a slow day, in cold code, and these ~2 ms. Any other change is checked whole.
 */
export function invariantViolationSince(
	before: Readonly<Record<string, unknown>>,
	next: Readonly<Record<string, unknown>>,
): string | undefined {
	for (const [list, fields] of fieldsOf) {
		const items = next[list];
		if (!Array.isArray(items)) continue;
		const changed = changedPlaces(items as Item[], before[list]);
		if (changed === undefined) {
			for (const {field, what} of fields) {
				const value = repeated(items as Item[], field);
				if (value !== undefined) return `${what} ${value}`;
			}

			continue;
		}

		if (changed.length === 0) continue;
		// For each changed item and field: whether another item holds its value, and how often the item
		// itself stands in the list. Indexed loops with one field each: in cold code an iterator, or a
		// field that changes from one item to the next, costs more than a second walk.
		const clashes = changed.map(() => fields.map(() => false));
		const places = changed.map(() => 0);
		for (let at = 0; at < changed.length; at++) {
			const item = changed[at] as Item;
			for (let index = 0; index < fields.length; index++) {
				const {field} = fields[index] as Unique;
				const value = item[field];
				let count = 0;
				let clash = false;
				for (let place = 0; place < items.length; place++) {
					const other = items[place] as Item;
					if (other === item) count++;
					else if (other[field] === value) clash = true;
				}

				(clashes[at] as boolean[])[index] = clash;
				places[at] = count;
			}
		}

		for (const [index, {field, what}] of fields.entries()) {
			const clash = changed.find((_, at) => clashes[at]?.[index]);
			// Else the same object twice: a changed one may also stand in a kept place.
			const twice = clash ?? changed.find((_, at) => (places[at] ?? 0) > 1);
			if (twice) return `${what} ${String(twice[field])}`;
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
