/** A shell that `authdeck env` can print variables for. */
export type Shell = 'bash' | 'zsh' | 'fish' | 'powershell';

/** Every supported shell, for a `--shell` option's choices. */
export const shells: readonly Shell[] = ['bash', 'zsh', 'fish', 'powershell'];

/** What an environment variable name may be, in every shell here. */
export const variableNamePattern = /^[A-Za-z_][A-Za-z\d_]*$/;

// PowerShell ends a single-quoted string at any of these, not only at the ASCII one.
const powershellQuotes = /['\u2018\u2019\u201A\u201B]/g;

// A lone surrogate cannot be written as UTF-8, so it would not come back as it went in. Code units,
// not \p{Cs}: esbuild makes that a `new RegExp`, whose Unicode tables cost ~0.2 ms of each prompt.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True for the names `shells` lists. */
export function isShell(value: unknown): value is Shell {
	return typeof value === 'string' && (shells as readonly string[]).includes(value);
}

/**
 * Quotes a value so that `shell` reads it back byte for byte: single quotes everywhere, since
 * nothing expands inside them. Throws on NUL and lone surrogates, which no environment can hold.
 */
export function quote(value: string, shell: Shell): string {
	if (value.includes('\0')) {
		throw new Error('a shell value cannot hold a NUL character');
	}

	if (loneSurrogate.test(value)) {
		throw new Error('a shell value cannot hold a lone UTF-16 surrogate');
	}

	switch (shell) {
		case 'bash':
		case 'zsh':
			// Close the quote, add an escaped quote, reopen: the one POSIX way to put ' in '...'.
			return `'${value.replaceAll("'", "'\\''")}'`;
		case 'fish':
			// Inside fish's single quotes only \\ and \' are escapes.
			return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
		case 'powershell':
			return `'${value.replaceAll(powershellQuotes, '$&$&')}'`;
		default:
			return unknownShell(shell);
	}
}

/** Throws unless `name` can be a variable in every shell, so it can be printed unquoted. */
export function checkVariableName(name: string): void {
	if (!variableNamePattern.test(name)) {
		throw new Error(
			`invalid environment variable name ${JSON.stringify(name.slice(0, 64))}: use letters, digits and "_", not starting with a digit`,
		);
	}
}

/**
 * Lines that set and export each variable, one a line, for `eval "$(authdeck env)"` (bash, zsh),
 * `authdeck env | source` (fish) or `authdeck env | Invoke-Expression` (PowerShell).
 * No trailing newline; an empty record gives ''. Throws on an invalid name before printing any.
 * @example exportLines({API_KEY: "it's"}, 'bash') // export API_KEY='it'\''s'
 */
export function exportLines(vars: Readonly<Record<string, string>>, shell: Shell): string {
	const entries = Object.entries(vars);
	for (const [name] of entries) {
		checkVariableName(name);
	}

	return entries.map(([name, value]) => exportLine(name, quote(value, shell), shell)).join('\n');
}

/** Lines that remove each variable from the environment; the same shape as `exportLines`. */
export function unsetLines(names: readonly string[], shell: Shell): string {
	for (const name of names) {
		checkVariableName(name);
	}

	return names.map((name) => unsetLine(name, shell)).join('\n');
}

/**
 * The user's shell, from the basename of `$SHELL` (`/usr/bin/zsh`, `pwsh.exe`, ...); bash when
 * unset or unknown.
 */
export function detectShell(env: Readonly<Record<string, string | undefined>>): Shell {
	const program = (env.SHELL ?? '')
		.split(/[/\\]/)
		.pop()
		?.toLowerCase()
		.replace(/\.exe$/, '');
	if (program === 'pwsh' || program === 'powershell') {
		return 'powershell';
	}

	return isShell(program) ? program : 'bash';
}

function exportLine(name: string, quoted: string, shell: Shell): string {
	switch (shell) {
		case 'bash':
		case 'zsh':
			return `export ${name}=${quoted}`;
		case 'fish':
			return `set -gx ${name} ${quoted}`;
		case 'powershell':
			return `$env:${name} = ${quoted}`;
		default:
			return unknownShell(shell);
	}
}

function unsetLine(name: string, shell: Shell): string {
	switch (shell) {
		case 'bash':
		case 'zsh':
			return `unset ${name}`;
		case 'fish':
			return `set -e ${name}`;
		case 'powershell':
			return `Remove-Item -Path Env:${name} -ErrorAction SilentlyContinue`;
		default:
			return unknownShell(shell);
	}
}

function unknownShell(shell: never): never {
	throw new Error(`unknown shell ${JSON.stringify(shell)}: use one of ${shells.join(', ')}`);
}
