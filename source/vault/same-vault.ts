/**
 * Whether two vaults would be saved as the same JSON, field by field: what the deck's watcher asks
 * each time the metadata file changes (follow-vault.ts), its own saves included. Stringifying both
 * whole took ~20 ms with 10,000 accounts, after every switch, holding the next key's repaint back.
 *
 * A list item that is the same object in both is the same JSON: a save keeps the objects of the
 * items it did not change (vault-text.ts), and the reducers make a new object only for an item they
 * change. Any other item, and every field outside the lists, is compared by its JSON.
 */

import type {Vault} from '../domain.js';

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

function sameItems(a: unknown, b: unknown): boolean {
	if (!Array.isArray(a) || !Array.isArray(b)) return sameJson(a, b);
	return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
}

/** Whether `JSON.stringify` of each field of `a` is that of the same field of `b`. */
export function sameVault(a: Vault, b: Vault): boolean {
	if (a === b) return true;
	const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
	for (const field of fields) {
		if (!sameItems(a[field as keyof Vault], b[field as keyof Vault])) return false;
	}

	return true;
}
