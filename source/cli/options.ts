import {type Command, Option} from 'commander';
import type {Account, Organization} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import type {Context} from '../store/context.js';
import {findOrganization} from '../store/find-organization.js';
import {profileOrgId} from '../store/profiles.js';
import {
	type ProfileResolution,
	type Resolution,
	resolveAccount,
	resolveProfile,
} from '../store/resolve-account.js';

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

/** `--profile`: the profile whose choices and overrides a command uses. */
export const profileOption = () =>
	new Option(
		'--profile <name>',
		'use this profile for this command only (overrides AUTHDECK_PROFILE and .authdeck)',
	);

/** `--json`: machine-readable output instead of the text for people. */
export const jsonOption = () => new Option('--json', 'print JSON');

/**
 * Adds `--profile` to a command, and with `account` also `--account` and `--org`, where it does
 * not define them itself. program.ts calls it for every command, so each flag means the same
 * everywhere; the action wrapper (output.ts) hands their values to the context.
 */
export function addChoiceOptions(command: Command, account: boolean): void {
	const has = (flag: string) => command.options.some((option) => option.long === flag);
	const wanted = account ? [accountOption, orgOption, profileOption] : [profileOption];
	for (const make of wanted) {
		const option = make();
		if (!has(option.long as string)) {
			command.addOption(option);
		}
	}
}

/**
 * Which account a command uses and why: the account it names (its `[account]` argument or
 * `--account`), else the one AUTHDECK_ACCOUNT, a `.authdeck` file or the profile picks: the order
 * the readme's "Which account a command uses" gives.
 */
export function resolutionFrom(context: Context, flag: string | undefined): Resolution {
	const {account, profile} = context.flags;
	if (flag && account && flag !== account) {
		throw new UserError(
			`two accounts named: "${sanitize(flag, 80)}" and --account ${sanitize(account, 80)}; name one`,
		);
	}

	const {vault} = context.store.getState();
	const resolution = resolveAccount(vault, {
		flag: flag || account,
		profile,
		env: context.env,
		cwd: context.cwd,
	});
	// `--org` names one of this account's organizations, on every command that takes it.
	if (context.flags.org !== undefined) {
		findOrganization(resolution.account, context.flags.org);
	}

	return resolution;
}

/** The account a command acts on (see `resolutionFrom`). */
export function accountFrom(context: Context, flag: string | undefined): Account {
	return resolutionFrom(context, flag).account;
}

/** The profile a command uses: `--profile` > AUTHDECK_PROFILE > `.authdeck` > the one in use. */
export function profileFrom(context: Context): ProfileResolution {
	return resolveProfile(context.store.getState().vault, {
		profile: context.flags.profile,
		env: context.env,
		cwd: context.cwd,
	});
}

/**
 * The organization a command uses for an account: `--org` (id or name), else the profile's
 * override for the account, else the account's active one.
 */
export function orgFrom(context: Context, account: Account): Organization | undefined {
	if (context.flags.org !== undefined) {
		return findOrganization(account, context.flags.org);
	}

	const id = profileOrgId(profileFrom(context).view, account);
	return account.organizations.find((org) => org.id === id);
}

/**
 * The profile a command that changes choices (login, switch) changes them in, when it is not the
 * one in use (`--profile`, AUTHDECK_PROFILE or `.authdeck`); undefined for the profile in use.
 */
export function otherProfile(context: Context): string | undefined {
	const profile = profileFrom(context);
	return profile.view.inUse ? undefined : profile.name;
}

/** `--yes`: do a destructive action without asking (required without a terminal). */
export const yesOption = () => new Option('-y, --yes', 'do not ask for confirmation');
