/**
 * The metadata file's text made from the text it was read from, when this build wrote that one: the
 * items a change kept are sliced out of it, not stringified again (`splicedText`).
 */
import {fieldHead, fieldText, itemText, leftOut, lists} from './vault-layout.js';

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
 * `JSON.stringify(vault, undefined, '\t')`, made from `read`: each list item that is an object
 * parsed from read's text (the reducers make a new object for an item they change) is that text's
 * slice, and only the rest is stringified; a list laid out otherwise is stringified whole.
 * Undefined when read's text is not, member for member, laid out as that stringify lays it out.
 * A command's switch at 10,000 accounts went from ~210 to ~120 ms (it had stringified and parsed
 * back each item); at 1,000, the ~2.5–4.5 ms stringify is traded for ~1.5–3 ms of slicing in cold
 * code, a gain this machine's noise hides.
 */
export function splicedText(
	vault: Readonly<Record<string, unknown>>,
	read: WrittenText,
): string | undefined {
	const members = topMembers(read);
	if (!members) return undefined;
	const parts: string[] = [];
	for (const [name, value] of Object.entries(vault)) {
		if (leftOut(value)) continue;
		const was = members.get(name);
		const items =
			lists.has(name) && Array.isArray(value) && was && Array.isArray(read.value[name])
				? listText(value, read.value[name] as unknown[], read.text, was)
				: undefined;
		const text = items ?? fieldText(value);
		if (text !== undefined) parts.push(`${fieldHead(name)}${text}`);
	}

	return parts.length === 0 ? '{}' : `{${parts.join(',')}\n}`;
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

/**
 * The text of the list `items` at depth 1, each item that is one of `was` (the list parsed from
 * `text`, whose text spans `span`) sliced from `text`. Each object of such a list begins a line with
 * two tabs and a brace, and no other line does: split there, the text is `[`, then each item's text
 * after its brace with what follows it (`,`, or `\n\t]` after the last). One split and one join, as
 * a loop that slices item by item ran ~1.5 ms for 1,000 accounts in a command's cold code. Undefined
 * if `was`'s text is not laid out so.
 */
function listText(
	items: readonly unknown[],
	was: readonly unknown[],
	text: string,
	span: Span,
): string | undefined {
	if (items.length === 0) return '[]';
	if (was.length === 0) return undefined;
	const pieces = text.slice(span.start, span.end).split('\n\t\t{');
	if (pieces.length !== was.length + 1 || pieces[0] !== '[') return undefined;
	if (!`${pieces.at(-1)}`.endsWith('\n\t]')) return undefined;

	let byItem: Map<unknown, number> | undefined;
	let next = 0;
	const out = ['['];
	for (let at = 0; at < items.length; at++) {
		const item = items[at];
		const object = typeof item === 'object' && item !== null;
		let index: number | undefined = was[next] === item ? next : undefined;
		if (index === undefined && object) {
			byItem ??= new Map(was.map((old, i) => [old, i]));
			index = byItem.get(item);
		}

		const isLast = at === items.length - 1;
		if (index === undefined) {
			// A new item other than an object (the schema allows none) has no brace to split at.
			if (!object || Array.isArray(item)) return undefined;
			out.push(`${itemText(item).slice(1)}${isLast ? '\n\t]' : ','}`);
			continue;
		}

		next = index + 1;
		const piece = pieces[next] as string;
		const wasLast = next === pieces.length - 1;
		if (wasLast === isLast) out.push(piece);
		else out.push(wasLast ? `${piece.slice(0, -3)},` : `${piece.slice(0, -1)}\n\t]`);
	}

	return out.join('\n\t\t{');
}
