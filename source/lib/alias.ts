/** What an alias may be: it names files and shell variables, so it stays plain. */
export const aliasPattern = /^[a-z\d][a-z\d._-]{0,62}$/;

export const aliasRule =
	'an alias is 1-63 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter or digit';

/** Returns an error message, or undefined when the alias is valid. */
export function checkAlias(alias: string): string | undefined {
	if (aliasPattern.test(alias) && alias !== '.' && alias !== '..') {
		return undefined;
	}

	return `invalid alias: ${aliasRule}`;
}

/** Turns free text (an email, a name) into a valid alias base. */
export function slugify(text: string): string {
	const slug = text
		.toLowerCase()
		.normalize('NFKD')
		.replaceAll(/[^a-z\d._-]+/g, '-')
		.replaceAll(/^[._-]+|[._-]+$/g, '')
		.slice(0, 50);
	return slug === '' ? 'account' : slug;
}

/** `base`, else `base-2`, `base-3`, ... the first not in `taken`. */
export function uniqueAlias(base: string, taken: ReadonlySet<string>): string {
	if (!taken.has(base)) {
		return base;
	}

	for (let n = 2; ; n++) {
		const candidate = `${base}-${n}`;
		if (!taken.has(candidate)) {
			return candidate;
		}
	}
}
