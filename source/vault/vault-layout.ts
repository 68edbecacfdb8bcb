/**
 * How the metadata file lays its text out, `JSON.stringify(vault, undefined, '\t')`: what the text
 * made item by item (vault-text.ts) and the text sliced from one read (spliced-text.ts) both follow.
 */

/** The lists whose items are made and checked one by one; every other field of the vault is small. */
export const lists = new Set(['accounts', 'credentials', 'providers']);

/** Whether JSON.stringify leaves a field with `value` out of an object. */
export const leftOut = (value: unknown) =>
	value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** A top-level field's name as it stands in the file, on a line of its own: `\n\t"name": `. */
export const fieldHead = (name: string) => `\n\t${JSON.stringify(name)}: `;

/** A top-level field's value as it stands in the file (at depth 1). */
export const fieldText = (value: unknown) =>
	JSON.stringify(value, undefined, '\t')?.replaceAll('\n', '\n\t');

/** An item's text as it stands at depth 2 of the file (inside a top-level list). */
export const itemText = (item: unknown) =>
	(JSON.stringify(item, undefined, '\t') ?? 'null').replaceAll('\n', '\n\t\t');

/** Items looked for by a scan before a list is indexed: a Map of 10,000 items costs ~1.5 ms in cold code. */
const fewMisses = 16;

/**
 * Where an item stands in `old` (the list a change was made from), or -1: at `hint` (the place it
 * would have kept), else found by a native scan for the first few, then in a Map. A change makes one
 * or two items anew (a switch, a rename); a list whose items all moved gets the Map.
 */
export function placesIn(old: readonly unknown[]): (item: unknown, hint: number) => number {
	let misses = 0;
	let places: Map<unknown, number> | undefined;
	return (item, hint) => {
		if (hint < old.length && old[hint] === item) return hint;
		if (places === undefined && ++misses <= fewMisses) return old.indexOf(item);
		places ??= new Map(old.map((each, place) => [each, place]));
		return places.get(item) ?? -1;
	};
}
