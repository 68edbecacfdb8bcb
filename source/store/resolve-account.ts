// Named imports: the shell's fast path (dist/fast-path.cjs) has no shared namespaces, and for a
// default import esbuild copies the whole module there, getter by getter (~0.3 ms each).
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {type Account, defaultProfile, type Vault} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import {type ProfileView, profileInUse, profileView, unknownProfile} from './profiles.js';
import {findAccount} from './selectors.js';

/** Where the account a command uses came from, strongest first. */
export type AccountSource = 'flag' | 'env' | 'project-file' | 'active' | 'current';

export type Resolution = {
	readonly account: Account;
	readonly source: AccountSource;
	/** One line for `status`: why this account was chosen. */
	readonly reason: string;
};

/** The name of the file that pins an account for a project directory. */
export const projectFileName = '.authdeck';

/** Known aliases, for error messages. */
export function knownAliases(vault: Vault): string {
	const aliases = vault.accounts.map((account) => account.alias).sort();
	return aliases.length === 0
		? 'there are no accounts yet; add one with `authdeck login`'
		: `known accounts: ${aliases.join(', ')}`;
}

/** Finds an account by alias, id or email (case-insensitive email; an email shared by two accounts is ambiguous). */
export function findByQuery(vault: Vault, query: string): Account {
	const byAlias =
		vault.accounts.find((account) => account.alias === query) ?? findAccount(vault, query);
	if (byAlias) {
		return byAlias;
	}

	const byEmail = vault.accounts.filter(
		(account) => account.email?.toLowerCase() === query.toLowerCase(),
	);
	if (byEmail.length === 1) {
		return byEmail[0] as Account;
	}

	if (byEmail.length > 1) {
		throw new UserError(
			`"${sanitize(query, 80)}" matches ${byEmail.length} accounts (${byEmail.map((a) => a.alias).join(', ')}); use an alias`,
		);
	}

	throw new UserError(`no account matches "${sanitize(query, 80)}"; ${knownAliases(vault)}`);
}

/** What a `.authdeck` file names: an account (a bare alias, or `account = x`), a profile, or both. */
export type ProjectFile = {
	readonly file: string;
	readonly alias?: string;
	readonly profile?: string;
};

/** Reads `account = x` / `profile = y` lines (`:` works too); a bare line is an alias, as before. */
function parseProjectFile(file: string, text: string): ProjectFile | undefined {
	let alias: string | undefined;
	let profile: string | undefined;
	for (const raw of text.split('\n')) {
		const line = raw.replace(/#.*/, '').trim();
		const pair = /^(account|profile)\s*[:=]\s*(.*)$/.exec(line);
		if (pair?.[1] === 'profile') {
			profile ??= pair[2]?.trim() || undefined;
		} else if (line !== '') {
			alias ??= (pair ? pair[2]?.trim() : line) || undefined;
		}
	}

	return alias === undefined && profile === undefined ? undefined : {file, alias, profile};
}

/** The nearest `.authdeck` file at or above `cwd` that names an account or a profile. */
export function readProjectFile(cwd: string): ProjectFile | undefined {
	let dir = resolve(cwd);
	for (;;) {
		const file = join(dir, projectFileName);
		let text: string | undefined;
		// Looked for before it is read: most folders have none, and a failed read makes an error
		// (the first one of a process ~0.3 ms, a prompt's whole budget for this).
		if (existsSync(file)) {
			try {
				text = readFileSync(file, 'utf8');
			} catch {}
		}

		const found = text === undefined ? undefined : parseProjectFile(file, text);
		if (found) {
			return found;
		}

		const parent = dirname(dir);
		if (parent === dir) {
			return undefined;
		}

		dir = parent;
	}
}

/** The nearest `.authdeck` file at or above `cwd`, and the alias it pins (if it pins one). */
export function findProjectFile(cwd: string): {file: string; alias: string} | undefined {
	const found = readProjectFile(cwd);
	return found?.alias === undefined ? undefined : {file: found.file, alias: found.alias};
}

export type ResolveOptions = {
	/** `--account` */
	readonly flag?: string;
	/** `--profile` */
	readonly profile?: string;
	readonly env: NodeJS.ProcessEnv;
	readonly cwd: string;
	/** Restrict the fallback to this provider's active account. */
	readonly providerId?: string;
};

/** Where the profile a command uses came from, strongest first. */
export type ProfileSource = 'flag' | 'env' | 'project-file' | 'in-use';

export type ProfileResolution = {
	readonly name: string;
	readonly view: ProfileView;
	readonly source: ProfileSource;
	readonly reason: string;
};

/** Which profile a command uses: `--profile` > `AUTHDECK_PROFILE` > `.authdeck` > the one in use. */
export function resolveProfile(
	vault: Vault,
	options: Pick<ResolveOptions, 'profile' | 'env' | 'cwd'>,
): ProfileResolution {
	const pinned =
		options.profile || options.env.AUTHDECK_PROFILE ? undefined : readProjectFile(options.cwd);
	const [name, source, reason]: [string, ProfileSource, string] = options.profile
		? [options.profile, 'flag', 'chosen by --profile']
		: options.env.AUTHDECK_PROFILE
			? [options.env.AUTHDECK_PROFILE, 'env', 'chosen by AUTHDECK_PROFILE']
			: pinned?.profile
				? [pinned.profile, 'project-file', `pinned by ${pinned.file}`]
				: [profileInUse(vault), 'in-use', 'the profile in use'];
	const view = profileView(vault, name);
	if (!view) {
		const where = source === 'project-file' ? `${pinned?.file}: ` : '';
		throw new UserError(`${where}${unknownProfile(vault, name, (text) => sanitize(text, 80))}`);
	}

	return {name, view, source, reason};
}

/**
 * Which account a command uses: `--account` > `AUTHDECK_ACCOUNT` > a `.authdeck` file in the working
 * directory or a parent > the active account of the profile (`--profile`, `AUTHDECK_PROFILE`, a
 * `.authdeck` file's `profile =`, else the one in use): the provider's active account, or, without a
 * provider, the profile's current one.
 */
export function resolveAccount(vault: Vault, options: ResolveOptions): Resolution {
	if (options.flag) {
		return {
			account: findByQuery(vault, options.flag),
			source: 'flag',
			reason: 'chosen by --account',
		};
	}

	if (options.env.AUTHDECK_ACCOUNT) {
		return {
			account: findByQuery(vault, options.env.AUTHDECK_ACCOUNT),
			source: 'env',
			reason: 'chosen by AUTHDECK_ACCOUNT',
		};
	}

	const pinned = findProjectFile(options.cwd);
	if (pinned) {
		let account: Account;
		try {
			account = findByQuery(vault, pinned.alias);
		} catch (error) {
			throw new UserError(`${pinned.file}: ${(error as Error).message}`);
		}

		return {account, source: 'project-file', reason: `pinned by ${pinned.file}`};
	}

	const profile = resolveProfile(vault, options);
	// Named only when a profile other than default is involved, so the reasons read as before.
	const of =
		profile.source === 'in-use'
			? profile.name === defaultProfile
				? ''
				: ` of profile ${profile.name}`
			: ` of profile ${profile.name} (${profile.reason})`;
	if (options.providerId) {
		const account = findAccount(vault, profile.view.active[options.providerId]);
		if (account) {
			return {account, source: 'active', reason: `the active ${options.providerId} account${of}`};
		}

		throw new UserError(
			`no active ${options.providerId} account${of}; add one with \`authdeck login --provider ${options.providerId}\``,
		);
	}

	const current = findAccount(vault, profile.view.current);
	if (current) {
		return {
			account: current,
			source: 'current',
			reason: `the current account (last switched to)${of}`,
		};
	}

	throw new UserError(`no account selected${of}; ${knownAliases(vault)}`);
}
