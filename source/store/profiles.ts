/**
 * Profiles over the vault: which one is in use, the choices and overrides of any of them, and the
 * swap `profile use` makes. The profile in use keeps its choices at the top of the vault, so every
 * reader of `vault.active` and `vault.current` sees the profile in use without knowing of profiles.
 */

import {
	type Account,
	defaultProfile,
	type Profile,
	type ProfileChoices,
	type ProfileOverrides,
	type Settings,
	type Vault,
} from '../domain.js';
import {settingsIn} from '../lib/profile-settings.js';

/** One profile as every reader sees it, wherever its choices are kept. */
export type ProfileView = ProfileChoices & {
	readonly name: string;
	readonly overrides: ProfileOverrides;
	readonly inUse: boolean;
};

export function profileInUse(vault: Vault): string {
	return vault.profile ?? defaultProfile;
}

/** Every profile's name: `default` first, then the others in name order. */
export function profileNames(vault: Vault): string[] {
	const others = Object.keys(vault.profiles ?? {}).filter((name) => name !== defaultProfile);
	return [defaultProfile, ...others.sort()];
}

export function hasProfile(vault: Vault, name: string): boolean {
	return name === defaultProfile || Object.hasOwn(vault.profiles ?? {}, name);
}

/** The stored record of a profile (own properties only: a name is never looked up on the prototype). */
function stored(vault: Vault, name: string): Profile | undefined {
	const profiles = vault.profiles ?? {};
	return Object.hasOwn(profiles, name) ? profiles[name] : undefined;
}

/** A profile's choices and overrides, or undefined for a name no profile has. */
export function profileView(vault: Vault, name: string): ProfileView | undefined {
	if (!hasProfile(vault, name)) {
		return undefined;
	}

	const record = stored(vault, name) ?? {};
	const inUse = profileInUse(vault) === name;
	const choices: ProfileChoices = inUse
		? {active: vault.active, current: vault.current, previous: vault.previous}
		: {active: record.active ?? {}, current: record.current, previous: record.previous};
	return {name, ...choices, overrides: record.overrides ?? {}, inUse};
}

/** The vault with `name` in use: the old profile's choices stored, the new one's brought to the top. */
export function swapProfile(vault: Vault, name: string): Vault {
	const from = profileInUse(vault);
	if (from === name) {
		return vault;
	}

	const profiles: Record<string, Profile> = {...vault.profiles};
	profiles[from] = {
		...stored(vault, from),
		active: vault.active,
		current: vault.current,
		previous: vault.previous,
	};
	const {active = {}, current, previous, ...rest} = stored(vault, name) ?? {};
	profiles[name] = rest;
	return {
		...vault,
		active,
		current,
		previous,
		profile: name === defaultProfile ? undefined : name,
		profiles,
	};
}

/** Applies `change` as if `name` were in use, and leaves the profile in use as it was. */
export function inProfile(vault: Vault, name: string | undefined, change: (v: Vault) => Vault) {
	const inUse = profileInUse(vault);
	if (name === undefined || name === inUse) {
		return change(vault);
	}

	return swapProfile(change(swapProfile(vault, name)), inUse);
}

/** The profile's overrides after `change`, stored wherever the profile's record is. */
export function withOverrides(
	vault: Vault,
	name: string,
	change: (overrides: ProfileOverrides) => ProfileOverrides,
): Vault {
	const record = stored(vault, name) ?? {};
	return {
		...vault,
		profiles: {...vault.profiles, [name]: {...record, overrides: change(record.overrides ?? {})}},
	};
}

/** Every profile but the one in use forgets an account that is removed. */
export function forgetInProfiles(vault: Vault, accountId: string): Vault {
	if (!vault.profiles) {
		return vault;
	}

	const profiles: Record<string, Profile> = {};
	for (const [name, record] of Object.entries(vault.profiles)) {
		const active = Object.fromEntries(
			Object.entries(record.active ?? {}).filter(([, id]) => id !== accountId),
		);
		const organizations = Object.fromEntries(
			Object.entries(record.overrides?.organizations ?? {}).filter(([id]) => id !== accountId),
		);
		profiles[name] = {
			...record,
			...(record.active ? {active} : {}),
			current: record.current === accountId ? undefined : record.current,
			previous: record.previous === accountId ? undefined : record.previous,
			...(record.overrides
				? {overrides: {...record.overrides, organizations: undefined, ...nonEmpty(organizations)}}
				: {}),
		};
	}

	return {...vault, profiles};
}

function nonEmpty(organizations: Record<string, string>): Partial<ProfileOverrides> {
	return Object.keys(organizations).length > 0 ? {organizations} : {};
}

/** The account's organization in a profile: the profile's override, else the account's own. */
export function profileOrgId(view: ProfileView | undefined, account: Account): string | undefined {
	const override = view?.overrides.organizations?.[account.id];
	return override !== undefined && account.organizations.some((org) => org.id === override)
		? override
		: account.activeOrgId;
}

/** Whether the profile sets the account's organization (to one the account still has). */
export function overridesOrg(view: ProfileView | undefined, account: Account): boolean {
	const override = view?.overrides.organizations?.[account.id];
	return override !== undefined && account.organizations.some((org) => org.id === override);
}

/** The account's organization in the profile in use, as the deck shows it. */
export function orgIdInUse(vault: Vault, account: Account): string | undefined {
	return profileOrgId(profileView(vault, profileInUse(vault)), account);
}

/** The base URL in a profile: the profile's override for the provider, else the account's own. */
export function profileBaseUrl(
	view: ProfileView | undefined,
	account: Account,
	providerBaseUrl?: string,
): string | undefined {
	const baseUrls = view?.overrides.baseUrls ?? {};
	return Object.hasOwn(baseUrls, account.providerId)
		? baseUrls[account.providerId]
		: (account.baseUrl ?? providerBaseUrl);
}

/** The settings in force in a profile: its proxy over the global one. */
export function profileSettings(vault: Vault, name = profileInUse(vault)): Settings {
	return settingsIn(vault, name);
}

/** What a profile name may be: the same plain names as aliases. */
export function checkProfileName(name: string): string | undefined {
	return /^[a-z\d][a-z\d._-]{0,62}$/.test(name) && name !== '.' && name !== '..'
		? undefined
		: 'invalid profile name: 1-63 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter or digit';
}

/** The error for a profile name no profile has, naming those there are. */
export function unknownProfile(vault: Vault, name: string, safe: (text: string) => string): string {
	return `no profile named "${safe(name)}"; profiles: ${profileNames(vault).join(', ')}`;
}
