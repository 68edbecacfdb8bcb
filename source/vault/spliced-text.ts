/**
 * The metadata file's text made from the text it was read from, when this build wrote that one: the
 * items a change kept are sliced out of it, not stringified again (`splicedParts`).
 */
import {fieldHead, fieldText, itemText, leftOut, lists, placesIn} from './vault-layout.js';

/**
 * A text of the metadata file as this build writes it, `JSON.stringify(value, undefined, '\t')` to
 * the byte (a check stamp says so: check-stamp.ts), and the value parsed from it.
 */
export type WrittenText = {
	readonly text: string;
	readonly value: Readonly<Record<string, unknown>>;
};

/** Whether `before`'s lists are the ones parsed from `read`: its items are read's own objects. */
export const madeFrom = (before: Readonly<Record<string, unknown>>, read: WrittenText) =>
	[...lists].every((name) => before[name] === read.value[name]);

/**
 * `JSON.stringify(vault, undefined, '\t')`, made from `read`, as parts to be written one after the
 * other: each run of list items that are objects parsed from read's text, in the order they were
 * there (the reducers make a new object for an item they change), is one slice of that text, and
 * only the rest is stringified; a list whose items cannot be found so is stringified whole.
 * Undefined when read's text is not, member for member, laid out as that stringify lays it out.
 * A switch at 10,000 accounts is three slices of the accounts' text, not 10,000 pieces split and
 * joined, and the parts are encoded into the file's bytes without being joined first (`utf8Of`): at
 * 1,000 accounts that was ~2.6 ms of a command's cold code and is now ~0.6 ms; at 10,000, ~12 ms and
 * now ~3.5 ms (an item-by-item stringify had been ~210 ms of a command's switch there).
 */
export function splicedParts(
	vault: Readonly<Record<string, unknown>>,
	read: WrittenText,
): string[] | undefined {
	const members = topMembers(read);
	if (!members) return undefined;
	const parts: string[] = [];
	for (const [name, value] of Object.entries(vault)) {
		if (leftOut(value)) continue;
		const span = members.get(name);
		const was = read.value[name];
		const head = `${parts.length === 0 ? '{' : ','}${fieldHead(name)}`;
		const items =
			lists.has(name) && Array.isArray(value) && span && Array.isArray(was)
				? listParts(value, was, read.text, span)
				: undefined;
		if (items) {
			parts.push(head, ...items);
			continue;
		}

		const text = fieldText(value);
		if (text !== undefined) parts.push(head, text);
	}

	parts.push(parts.length === 0 ? '{}' : '\n}');
	return parts;
}

/** `parts` as one UTF-8 buffer, each encoded in its place: no joined copy of a 4.5 MB text first. */
export function utf8Of(parts: readonly string[]): Buffer {
	let size = 0;
	for (const part of parts) size += Buffer.byteLength(part, 'utf8');
	const bytes = Buffer.allocUnsafe(size);
	let at = 0;
	for (const part of parts) at += bytes.write(part, at, 'utf8');
	return bytes;
}

/** Where a value starts and ends in a text. */
type Span = {readonly start: number; readonly end: number};

/**
 * The span of each top-level member's value in read's text, by name: each member of an object
 * stringified with tabs starts a line with one tab and a quote, and no other line does (a string
 * holds no line break). Undefined if the text is not laid out so, member for member.
 */
function topMembers({text, value}: WrittenText): Map<string, Span> | undefined {
	const names = Object.keys(value);
	if (names.length === 0 || !text.endsWith('\n}')) return undefined;
	const members = new Map<string, Span>();
	let at = 1;
	for (const [index, name] of names.entries()) {
		const head = fieldHead(name);
		if (!text.startsWith(head, at)) return undefined;
		const start = at + head.length;
		// The next member's line, after a comma; none after the last.
		const next = text.indexOf('\n\t"', start);
		const last = index === names.length - 1;
		if (last ? next !== -1 : next === -1 || text[next - 1] !== ',') return undefined;
		members.set(name, {start, end: last ? text.length - 2 : next - 1});
		at = next;
	}

	return text[0] === '{' ? members : undefined;
}

/** More runs than this (a list reordered) are stringified whole: each run costs two searches. */
const fewRuns = 64;

/**
 * The text of the list `items` at depth 1, as parts, each run of items that stood together in `was`
 * (the list parsed from `text`, whose text spans `span`) one slice of `text`. An item stands at
 * depth 2, on a line of its own that starts with two tabs and its brace, its text `itemText` of the
 * object parsed from it (the text being what stringify made); an item's text is found by searching
 * for it, so only the items at the ends of a run are stringified. Undefined if an item cannot be
 * found so, or the list was reordered past a few runs.
 */
function listParts(
	items: readonly unknown[],
	was: readonly unknown[],
	text: string,
	span: Span,
): string[] | undefined {
	if (items.length === 0) return ['[]'];
	if (was.length === 0 || !text.startsWith('[\n\t\t{', span.start)) return undefined;
	if (!text.startsWith('\n\t]', span.end - 3)) return undefined;

	// Where each item of `was` found so far stands in `text`: from its brace to after its own.
	let from = span.start + 1;
	const find = (index: number): Span | undefined => {
		const needle = `\n\t\t${itemText(was[index])}`;
		let at = text.indexOf(needle, from);
		if (at === -1 || at >= span.end) at = text.indexOf(needle, span.start + 1);
		const end = at + needle.length;
		if (at === -1 || end > span.end - 3) return undefined;
		if (text[end] !== ',' && end !== span.end - 3) return undefined;
		from = end;
		return {start: at + 3, end};
	};

	const out: string[] = ['['];
	// What goes before each run or new item: a comma after the one before it.
	const separator = () => (out.length === 1 ? '\n\t\t' : ',\n\t\t');
	let run: {first: number; last: number} | undefined;
	let runs = 0;
	const flush = (): boolean => {
		if (!run) return true;
		const first = find(run.first);
		const last = first && (run.last === run.first ? first : find(run.last));
		if (!first || !last || last.end < first.start) return false;
		out.push(separator(), text.slice(first.start, last.end));
		run = undefined;
		return ++runs <= fewRuns;
	};

	const placeOf = placesIn(was);
	let next = 0;
	for (const item of items) {
		const object = typeof item === 'object' && item !== null;
		// Right after the item before it in `was`, most often; -1 for an item made anew.
		const index = object ? placeOf(item, next) : -1;
		if (index !== -1 && run && index === run.last + 1) {
			run.last = index;
		} else {
			if (!flush()) return undefined;
			if (index !== -1) run = {first: index, last: index};
			// A new item other than an object (the schema allows none) is stringified with the list.
			else if (!object || Array.isArray(item)) return undefined;
			else out.push(separator(), itemText(item));
		}

		if (index !== -1) next = index + 1;
	}

	if (!flush()) return undefined;
	out.push('\n\t]');
	return out;
}
