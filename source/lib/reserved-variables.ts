/**
 * Variables no provider definition may ask authdeck to set. `env` and `exec` give a provider's
 * key, organization and base URL variables the values of the account; a definition someone else
 * wrote (a team catalogue's provider file, a `provider add` pasted from a wiki) must not thereby
 * choose what the user's shell or a child process loads and runs (`NODE_OPTIONS=--require …` from an
 * organization id, `LD_PRELOAD`, `PATH`), nor which account authdeck itself uses.
 */
const exact = new Set([
	'PATH',
	'HOME',
	'SHELL',
	'USER',
	'LOGNAME',
	'IFS',
	'ENV',
	'BASH_ENV',
	'CDPATH',
	'PS1',
	'PS4',
	'PROMPT_COMMAND',
	'TERM',
	'TMPDIR',
	'EDITOR',
	'VISUAL',
	'PAGER',
	'NODE_OPTIONS',
	'NODE_PATH',
	'NODE_EXTRA_CA_CERTS',
	'PYTHONPATH',
	'PYTHONSTARTUP',
	'PYTHONHOME',
	'PERL5LIB',
	'PERL5OPT',
	'RUBYOPT',
	'RUBYLIB',
	'JAVA_TOOL_OPTIONS',
	'GIT_SSH_COMMAND',
	'GIT_EXEC_PATH',
	'SSH_AUTH_SOCK',
	'GNUPGHOME',
	'PASSWORD_STORE_DIR',
	'DBUS_SESSION_BUS_ADDRESS',
	'HTTP_PROXY',
	'HTTPS_PROXY',
	'ALL_PROXY',
	'NO_PROXY',
]);

const prefixes = ['LD_', 'DYLD_', 'AUTHDECK_', 'XDG_', 'BASH_FUNC_', 'GIT_CONFIG'];

/** Whether `name` is one of those variables (case-insensitively: proxies are read in both cases). */
export function isReservedVariable(name: string): boolean {
	const upper = name.toUpperCase();
	return exact.has(upper) || prefixes.some((prefix) => upper.startsWith(prefix));
}
