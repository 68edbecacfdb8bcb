/**
 * Reads the top-level `key: value` pairs of a small YAML file such as `~/.vapi-cli.yaml`: plain,
 * single- or double-quoted scalars, `#` comments, blank lines. Indented lines (nested maps, lists)
 * belong to the key above them and are skipped; a value that would need a real YAML parser (a flow
 * collection, a block scalar, an anchor, a tag) is refused with the line number, never guessed.
 * Enough for the two keys authdeck imports, and no dependency for it.
 */
export function readFlatYaml(text: string): Record<string, string> {
	const values: Record<string, string> = Object.create(null) as Record<string, string>;
	for (const [index, raw] of text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.entries()) {
		const line = raw.replace(/\s+$/, '');
		if (line === '' || /^\s*#/.test(line) || /^\s/.test(line) || line === '---') continue;
		const match = /^([A-Za-z_][\w.-]*)\s*:(?:\s+(.*))?$/.exec(line);
		if (!match) throw new Error(`line ${index + 1} is not a \`key: value\` line`);
		const [, key = '', value = ''] = match;
		values[key] = scalar(value, index + 1);
	}

	return values;
}

function scalar(value: string, line: number): string {
	if (value.startsWith("'")) {
		const match = /^'((?:[^']|'')*)'\s*(?:#.*)?$/.exec(value);
		if (!match) throw new Error(`line ${line}: an unterminated quoted value`);
		return (match[1] ?? '').replaceAll("''", "'");
	}

	if (value.startsWith('"')) {
		const match = /^"((?:[^"\\]|\\["\\/nt])*)"\s*(?:#.*)?$/.exec(value);
		if (!match) throw new Error(`line ${line}: a quoted value this reader does not understand`);
		return (match[1] ?? '').replaceAll(/\\(["\\/nt])/g, (_, c: string) =>
			c === 'n' ? '\n' : c === 't' ? '\t' : c,
		);
	}

	if (/^[[{|>&*!%@`]/.test(value)) {
		throw new Error(`line ${line}: a value this reader does not understand`);
	}

	return value.replace(/\s+#.*$/, '');
}
