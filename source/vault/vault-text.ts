/**
 * The metadata file's text, made item by item: `JSON.stringify(vault, undefined, '\t')` to the byte,
 * but each account, credential and provider already checked keeps its text and its plain (parsed)
 * value from one write to the next. A switch changes one account of 10,000: only that one is
 * stringified, parsed back and checked again, not the 4.5 MB of the whole vault.
 *
 * The reducers never change an item in place (they make a new object), so an item object known here
 * is the value it was when it was checked.
 */

import type {Vault} from '../domain.js';
import {assertInvariants} from './invariants.js';
import type {VaultPaths} from './paths.js';
import {writePrivateFile} from './private-file.js';
import {madeFrom, splicedParts, utf8Of, type WrittenText} from './spliced-text.js';
import {fieldHead, fieldText, itemText, leftOut, lists, placesIn} from './vault-layout.js';

type Stored = Partial<Vault> & Record<string, unknown>;

/**
 * Below this many list items, V8's own stringify, parse and check of the whole vault (~5 ms with
 * 1,000 accounts) is quicker than going item by item; above, the whole grows past the 20 ms budget.
 */
const itemsAlone = 2000;

const listItems = (vault: Readonly<Record<string, unknown>>) =>
	[...lists].reduce((sum, name) => {
		const items = vault[name];
		return sum + (Array.isArray(items) ? items.length : 0);
	}, 0);

/**
 * Whether a write of `vault` goes item by item, using the texts rememberChecked makes. Below that
 * size it is made whole, and remembering its items (~6 ms with 1,000 accounts, after the deck's
 * first frame) would be work no write uses.
 */
export const writesItemByItem = (vault: Readonly<Record<string, unknown>>) =>
	listItems(vault) >= itemsAlone;

/**
 * Writes `vault`, made from `before` under the lock, to the metadata file of `paths`: made item by
 * item, what changed checked with `checked`, written whole or not at all. Returns its plain value.
 */
export function writeVault(
	paths: VaultPaths,
	vault: Vault,
	before: Vault,
	checked: (stored: Stored) => unknown,
	read?: WrittenText & {readonly written?: boolean},
): Stored {
	// A vault made from the text read, which this build wrote: that text's items are sliced, not made again.
	const spliced = read?.written && madeFrom(before, read) ? splicedParts(vault, read) : undefined;
	if (spliced !== undefined || !writesItemByItem(vault)) {
		// The text is made whole, its plain value item by item: each item kept from `before` (checked
		// as it was read) is its own plain value, and only the others are parsed back and checked.
		const text = spliced ? utf8Of(spliced) : JSON.stringify(vault, undefined, '\t');
		const made = plainOf(vault, before);
		checkedWrite(made, before, checked);
		writePrivateFile(paths.config, paths.dir, text);
		return made.plain as Stored;
	}

	const made = vaultText(vault);
	checkedWrite(made, before, checked);
	// Written here rather than by conf, which writes through atomically: that ignores a short write
	// and so installed a config.json cut at 4,096 bytes on a nearly full disk (private-file.ts).
	writePrivateFile(paths.config, paths.dir, made.bytes);
	made.adopt();
	return made.plain as Stored;
}

/**
 * What JSON.parse of `vault`'s text would make, each list item kept from `before` (a plain value,
 * as parsed) taken as it is: the reducers make a new object for an item they change, and only those,
 * and the fields outside the lists, are stringified and parsed back. With 1,000 accounts, parsing the
 * whole text back was a third of a switch's write.
 */
function plainOf(
	vault: Readonly<Record<string, unknown>>,
	before: Readonly<Record<string, unknown>>,
): Pick<VaultText, 'plain' | 'added'> {
	const plain: Record<string, unknown> = {};
	const added: Record<string, unknown[]> = {};
	for (const [name, value] of Object.entries(vault)) {
		if (lists.has(name) && Array.isArray(value)) {
			const placeOf = placesIn(Array.isArray(before[name]) ? (before[name] as unknown[]) : []);
			const fresh: unknown[] = [];
			plain[name] = value.map((item: unknown, index) => {
				if (placeOf(item, index) !== -1) return item;
				const parsed = JSON.parse(JSON.stringify(item) ?? 'null') as unknown;
				fresh.push(parsed);
				return parsed;
			});
			added[name] = fresh;
		} else {
			const text = JSON.stringify(value);
			if (text !== undefined) plain[name] = JSON.parse(text);
		}
	}

	return {plain, added};
}

type Item = object;

/**
 * Items known to be checked plain values (as parsed from a checked text), with their text's bytes
 * once made. Bytes, not strings: joining 10,000 strings and encoding the result took longer than
 * stringifying the whole vault; copying buffers is a memcpy.
 */
const known = new WeakMap<Item, {bytes: Buffer}>();

/**
 * An item's text as UTF-8, after the separator that goes before it in its list (`,\n\t\t`): the
 * first item of a list goes without the comma. One buffer per item halves what is copied together.
 */
const itemBytes = (text: string) => Buffer.from(`,\n\t\t${text}`, 'utf8');

const bytesOf = (text: string) => Buffer.from(text, 'utf8');
const listStart = bytesOf('[');
const listEnd = bytesOf('\n\t]');

/**
 * Remembers the items of `plain`, a checked vault (as parsed from a checked text), with their bytes,
 * a slice at a time between turns of the event loop, so that a write later finds them made.
 * Resolves when all are. Not done as the file is read: neither a command nor the first frame waits.
 */
export async function rememberChecked(
	plain: Readonly<Record<string, unknown>>,
	slice = 500,
): Promise<void> {
	const pending: Item[] = [];
	for (const name of lists) {
		const items = plain[name];
		if (!Array.isArray(items)) continue;
		for (const item of items) {
			if (typeof item === 'object' && item !== null && !known.get(item)?.bytes) pending.push(item);
		}
	}

	for (let start = 0; start < pending.length; start += slice) {
		await new Promise((resolve) => setImmediate(resolve));
		for (const item of pending.slice(start, start + slice)) {
			if (!known.get(item)?.bytes) known.set(item, {bytes: itemBytes(itemText(item))});
		}
	}
}

/** The text of a vault, its plain value, and the items in it that are new (to be checked). */
export type VaultText = {
	/** The text, as UTF-8. */
	readonly bytes: Buffer;
	readonly plain: Record<string, unknown>;
	/** The plain values of the list items not known before, by list. */
	readonly added: Readonly<Record<string, readonly unknown[]>>;
	/** Once the new items are checked: remembers them, with their text, for the next write. */
	readonly adopt: () => void;
};

/** The text and plain value of `vault`, reusing what is known of its items. */
export function vaultText(vault: Readonly<Record<string, unknown>>): VaultText {
	const parts: Buffer[] = [];
	const plain: Record<string, unknown> = {};
	const added: Record<string, unknown[]> = {};
	const made = new Map<Item, Buffer>();
	for (const [name, value] of Object.entries(vault)) {
		if (leftOut(value)) continue;
		parts.push(bytesOf(`${parts.length === 0 ? '{' : ','}${fieldHead(name)}`));
		if (lists.has(name) && Array.isArray(value)) {
			const values: unknown[] = [];
			const fresh: unknown[] = [];
			parts.push(value.length === 0 ? bytesOf('[]') : listStart);
			for (const [index, item] of (value as unknown[]).entries()) {
				let bytes = typeof item === 'object' && item !== null ? known.get(item)?.bytes : undefined;
				if (bytes) {
					values.push(item);
				} else {
					const text = itemText(item);
					bytes = itemBytes(text);
					const parsed = JSON.parse(text) as unknown;
					values.push(parsed);
					fresh.push(parsed);
					if (typeof parsed === 'object' && parsed !== null) made.set(parsed, bytes);
				}

				parts.push(index === 0 ? bytes.subarray(1) : bytes);
			}

			if (value.length > 0) parts.push(listEnd);
			plain[name] = values;
			added[name] = fresh;
		} else {
			const text = fieldText(value) as string;
			parts.push(bytesOf(text));
			plain[name] = JSON.parse(text);
		}
	}

	parts.push(bytesOf(parts.length === 0 ? '{}' : '\n}'));
	const adopt = () => {
		for (const [item, bytes] of made) known.set(item, {bytes});
	};
	return {bytes: Buffer.concat(parts), plain, added, adopt};
}

/**
 * `checked` (metadata.ts: the schema, then the invariants) of a vault about to be written, whose list items were checked before except `added`:
 * the schema checks each item on its own, so only the new ones are, and the lists' invariants for
 * the items that were not in `before`, the vault it was made from (invariants.ts).
 * A failure is checked again whole, for a message that points at the item's place in its list.
 */
export function checkedWrite(
	{plain, added}: Pick<VaultText, 'plain' | 'added'>,
	before: Readonly<Record<string, unknown>>,
	checked: (stored: Stored) => unknown,
): void {
	try {
		checked({...plain, ...added});
	} catch {
		checked(plain);
	}

	assertInvariants(plain, before);
}
