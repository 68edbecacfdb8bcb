/** The vault slice's reducer: accounts, credentials, providers, settings. */

import type {Account, Vault} from '../domain.js';
import {slugify, uniqueAlias} from '../lib/alias.js';
import type {VaultAction} from './actions.js';
import {catalogReducer} from './catalog-reducer.js';
import {credentialReducer} from './credential-reducer.js';
import {profileReducer} from './profile-reducer.js';
import {
	forgetInProfiles,
	inProfile,
	overridesOrg,
	profileInUse,
	profileView,
	withOverrides,
} from './profiles.js';
import {findAccount} from './selectors.js';
import {checkVaultAction, matchingAccount} from './vault-checks.js';

function updateAccount(vault: Vault, id: string, update: (account: Account) => Account): Vault {
	return {
		...vault,
		accounts: vault.accounts.map((account) => (account.id === id ? update(account) : account)),
	};
}

/** Makes an account the active one of its provider and the deck's current account. */
function activate(vault: Vault, account: Account, at: string): Vault {
	const switched = updateAccount(vault, account.id, (existing) => ({
		...existing,
		lastUsedAt: at,
		useCount: (existing.useCount ?? 0) + 1,
	}));
	return {
		...switched,
		active: {...vault.active, [account.providerId]: account.id},
		current: account.id,
		previous: vault.current === account.id ? vault.previous : vault.current,
	};
}

/** The fields of a saved account that replace an existing account's: those given, not defaults. */
function givenFields(action: Extract<VaultAction, {type: 'account-saved'}>): Partial<Account> {
	const defaults = new Set<string>(action.defaults ?? []);
	return Object.fromEntries(
		Object.entries(action.account).filter(
			([key, value]) => value !== undefined && !defaults.has(key),
		),
	) as Partial<Account>;
}

function removeAccount(vault: Vault, id: string): Vault {
	const removed = findAccount(vault, id);
	if (!removed) {
		return vault;
	}

	// The other profiles forget it too; the one in use is handled below, as before profiles.
	vault = forgetInProfiles(vault, id);

	const accounts = vault.accounts.filter((account) => account.id !== id);
	const active = {...vault.active};
	if (active[removed.providerId] === id) {
		// The provider falls back to its most recently used remaining account, like kubectx.
		const next = accounts
			.filter((account) => account.providerId === removed.providerId)
			.sort((a, b) => (b.lastUsedAt ?? b.createdAt).localeCompare(a.lastUsedAt ?? a.createdAt))[0];
		if (next) {
			active[removed.providerId] = next.id;
		} else {
			delete active[removed.providerId];
		}
	}

	const current =
		vault.current === id ? (vault.previous ?? active[removed.providerId]) : vault.current;
	const previous = vault.previous === id || vault.previous === current ? undefined : vault.previous;
	return {
		...vault,
		accounts,
		credentials: vault.credentials.filter((credential) => credential.accountId !== id),
		active,
		current: current && accounts.some((account) => account.id === current) ? current : undefined,
		previous,
	};
}

/** Applies a vault action. Pure; an action that does not apply (see `checkVaultAction`) leaves the vault as it is. */
export function vaultReducer(vault: Vault, action: VaultAction): Vault {
	if (checkVaultAction(vault, action) !== undefined) {
		return vault;
	}

	switch (action.type) {
		case 'account-saved': {
			const existing = matchingAccount(vault, action);
			if (existing) {
				const given = givenFields(action);
				const organizations = given.organizations?.length
					? given.organizations
					: existing.organizations;
				const merged: Account = {
					...existing,
					...given,
					organizations,
					id: existing.id,
					alias: action.aliasGiven ? action.account.alias : existing.alias,
					createdAt: existing.createdAt,
					activeOrgId:
						given.activeOrgId ??
						(organizations.some((org) => org.id === existing.activeOrgId)
							? existing.activeOrgId
							: organizations[0]?.id),
					needsSignIn: undefined,
					// A new key or grant: what the old one was refused says nothing of it.
					refusals: undefined,
				};
				return inProfile(
					updateAccount(vault, existing.id, () => merged),
					action.profile,
					(v) => activate(v, merged, action.at),
				);
			}

			const taken = new Set(vault.accounts.map((account) => account.alias));
			const alias = action.aliasGiven
				? action.account.alias
				: uniqueAlias(slugify(action.account.alias), taken);
			const account: Account = {
				...action.account,
				alias,
				activeOrgId: action.account.activeOrgId ?? action.account.organizations[0]?.id,
			};
			return inProfile({...vault, accounts: [...vault.accounts, account]}, action.profile, (v) =>
				activate(v, account, action.at),
			);
		}

		case 'account-switched': {
			const account = findAccount(vault, action.accountId) as Account;
			return inProfile(vault, action.profile, (v) => activate(v, account, action.at));
		}

		case 'switched-back': {
			return inProfile(vault, action.profile, (v) =>
				activate(v, findAccount(v, v.previous) as Account, action.at),
			);
		}

		case 'profile-created':
		case 'profile-used':
		case 'profile-removed':
		case 'profile-overrides-changed': {
			return profileReducer(vault, action);
		}

		case 'account-renamed': {
			return updateAccount(vault, action.accountId, (account) => ({
				...account,
				alias: action.alias,
			}));
		}

		case 'account-protected': {
			return updateAccount(vault, action.accountId, ({protected: _, ...account}) =>
				action.protected ? {...account, protected: true} : account,
			);
		}

		case 'account-removed': {
			return removeAccount(vault, action.accountId);
		}

		case 'organization-switched': {
			const name = action.profile ?? profileInUse(vault);
			const account = findAccount(vault, action.accountId);
			const view = profileView(vault, name);
			if (account && view && (!view.inUse || overridesOrg(view, account))) {
				// The switch acts where the user is: a profile's own choice stays the profile's.
				return withOverrides(vault, name, (old) => ({
					...old,
					organizations: {...old.organizations, [account.id]: action.orgId},
				}));
			}

			return updateAccount(vault, action.accountId, (found) => ({
				...found,
				activeOrgId: action.orgId,
			}));
		}

		case 'tokens-updated': {
			return updateAccount(vault, action.accountId, (account) => {
				const next = {...account, ...action.changes, needsSignIn: undefined};
				if (!next.organizations.some((org) => org.id === next.activeOrgId)) {
					next.activeOrgId = next.organizations[0]?.id;
				}

				return next;
			});
		}

		case 'sign-in-required': {
			return updateAccount(vault, action.accountId, (account) => ({...account, needsSignIn: true}));
		}

		case 'credential-added': {
			return {...vault, credentials: [...vault.credentials, action.credential]};
		}

		case 'credential-removed': {
			return {
				...vault,
				credentials: vault.credentials.filter(
					(credential) => credential.id !== action.credentialId,
				),
			};
		}

		case 'credential-edited':
		case 'credential-rotated':
		case 'credential-used':
		case 'credential-token-saved':
		case 'credential-token-failed': {
			return credentialReducer(vault, action);
		}

		case 'settings-changed': {
			return {...vault, settings: {...vault.settings, ...action.settings}};
		}

		case 'provider-added': {
			return {
				...vault,
				providers: [...vault.providers.filter((p) => p.id !== action.provider.id), action.provider],
			};
		}

		case 'provider-removed': {
			return {
				...vault,
				providers: vault.providers.filter((provider) => provider.id !== action.providerId),
			};
		}

		case 'catalog-saved':
		case 'catalog-removed':
		case 'pass-store-set': {
			return catalogReducer(vault, action);
		}
	}
}
