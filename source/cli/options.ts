import {Option} from 'commander';
import type {Account} from '../domain.js';
import type {Context} from '../store/context.js';
import {resolveAccount} from '../store/resolve-account.js';

// The options several commands share, each defined here once with its one help text. A factory
// each, so that every command gets an Option of its own, as commander expects.

/** `--account`: which account a command acts on; see `accountFrom` for how it is read. */
export const accountOption = () =>
	new Option(
		'--account <alias|email|id>',
		'the account to use (overrides AUTHDECK_ACCOUNT and .authdeck)',
	);

/** `--org`: another of the account's organisations, for this one command. */
export const orgOption = () =>
	new Option('--org <id|name>', 'use this organization for this command only');

/** `--json`: machine-readable output instead of the text for people. */
export const jsonOption = () => new Option('--json', 'print JSON');

/**
 * The account a command names (its `--account`, or its `[account]` argument), else the one
 * AUTHDECK_ACCOUNT, a `.authdeck` file or the current account picks: the order the readme's
 * "Which account a command uses" gives.
 */
export function accountFrom(context: Context, flag: string | undefined): Account {
	const {vault} = context.store.getState();
	return resolveAccount(vault, {flag, env: context.env, cwd: context.cwd}).account;
}

/** `--yes`: do a destructive action without asking (required without a terminal). */
export const yesOption = () => new Option('-y, --yes', 'do not ask for confirmation');
