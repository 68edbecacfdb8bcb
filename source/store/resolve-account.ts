import fs from 'node:fs';
import path from 'node:path';
import type {Account, Vault} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
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

/** The nearest `.authdeck` file at or above `cwd`, and the alias it pins. */
export function findProjectFile(cwd: string): {file: string; alias: string} | undefined {
	let dir = path.resolve(cwd);
	for (;;) {
		const file = path.join(dir, projectFileName);
		let text: string | undefined;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch {}

		if (text !== undefined) {
			const alias = text
				.split('\n')
				.map((line) => line.replace(/#.*/, '').trim())
				.find((line) => line !== '');
			if (alias) {
				return {file, alias: alias.replace(/^account\s*[:=]\s*/, '')};
			}
		}

		const parent = path.dirname(dir);
		if (parent === dir) {
			return undefined;
		}

		dir = parent;
	}
}

export type ResolveOptions = {
	/** `--account` */
	readonly flag?: string;
	readonly env: NodeJS.ProcessEnv;
	readonly cwd: string;
	/** Restrict the fallback to this provider's active account. */
	readonly providerId?: string;
};

/**
 * Which account a command uses: `--account` > `AUTHDECK_ACCOUNT` > a `.authdeck` file in the working
 * directory or a parent > the provider's active account (or, without a provider, the current one).
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

	if (options.providerId) {
		const account = findAccount(vault, vault.active[options.providerId]);
		if (account) {
			return {account, source: 'active', reason: `the active ${options.providerId} account`};
		}

		throw new UserError(
			`no active ${options.providerId} account; add one with \`authdeck login --provider ${options.providerId}\``,
		);
	}

	const current = findAccount(vault, vault.current);
	if (current) {
		return {account: current, source: 'current', reason: 'the current account (last switched to)'};
	}

	throw new UserError(`no account selected; ${knownAliases(vault)}`);
}
