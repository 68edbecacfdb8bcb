import {type Binding, keyLabel, scopeLabel} from '../bindings/index.js';

/** One line of the help overlay: a group's heading, or a key and (part of) its description. */
export type HelpLine = {
	readonly kind: 'heading' | 'key';
	/** The key as on the key cap, on the first line of a binding only. */
	readonly key: string;
	readonly text: string;
	readonly dangerous: boolean;
};

/** `text` cut into lines of at most `width` columns, at spaces where it can be. */
export function wrapText(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		let rest = word;
		while (rest.length > width) {
			if (line) lines.push(line);
			line = '';
			lines.push(rest.slice(0, width));
			rest = rest.slice(width);
		}

		if (!line) line = rest;
		else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
		else {
			lines.push(line);
			line = rest;
		}
	}

	if (line) lines.push(line);
	return lines.length > 0 ? lines : [''];
}

/** The width of the key column: the longest key label that is not too long, and a gap. */
export function keyColumn(bindings: readonly Binding[], width: number): number {
	const longest = Math.max(...bindings.map((binding) => keyLabel(binding).length));
	return Math.min(longest, Math.max(6, Math.floor(width * 0.3))) + 2;
}

/**
 * The bindings as lines `width` columns wide, grouped by where they apply (in the order the groups
 * first appear), each description wrapped, never cut: the overlay scrolls through these.
 */
export function helpLines(bindings: readonly Binding[], width: number): HelpLine[] {
	const groups = new Map<string, Binding[]>();
	for (const binding of bindings) {
		const label = scopeLabel(binding.scope);
		groups.set(label, [...(groups.get(label) ?? []), binding]);
	}

	const keys = keyColumn(bindings, width);
	const lines: HelpLine[] = [];
	for (const [label, members] of groups) {
		lines.push({kind: 'heading', key: '', text: label, dangerous: false});
		for (const binding of members) {
			const key = keyLabel(binding);
			const description = `${binding.description}${binding.dangerous ? ' ⚠' : ''}`;
			const wrapped = wrapText(description, Math.max(10, width - keys));
			// A key label wider than its column gets a line of its own.
			if (key.length > keys - 2) {
				lines.push({kind: 'key', key, text: '', dangerous: binding.dangerous});
				lines.push(
					...wrapped.map((text) => ({kind: 'key' as const, key: '', text, dangerous: false})),
				);
				continue;
			}

			wrapped.forEach((text, index) => {
				lines.push({kind: 'key', key: index === 0 ? key : '', text, dangerous: binding.dangerous});
			});
		}
	}

	return lines;
}
