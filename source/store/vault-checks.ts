/** Which vault actions apply to a vault: checked under the lock before an action is saved. */
import {findProvider} from '../auth/providers.js';
import type {Account, Vault} from '../domain.js';
import {checkAlias} from '../lib/alias.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import type {VaultAction} from './actions.js';
import {
	checkProfileName,
	hasProfile,
	profileInUse,
	profileView,
	unknownProfile,
} from './profiles.js';
import {findAccount} from './selectors.js';

/**
 * The existing account a saved account replaces: same provider and the same email or subject, else
 * the alias asked for, unless that account's email or subject says it is someone else (a new
 * account must not overwrite another's key because it reuses its alias).
 */
export function matchingAccount(
	vault: Vault,
	action: Extract<VaultAction, {type: 'account-saved'}>,
): Account | undefined {
	const {account} = action;
	const email = account.email?.toLowerCase();
	const mine = vault.accounts.filter((existing) => existing.providerId === account.providerId);
	const same = mine.find(
		(existing) =>
			(account.subject !== undefined && existing.subject === account.subject) ||
			(email !== undefined && existing.email?.toLowerCase() === email),
	);
	if (same || !action.aliasGiven) {
		return same;
	}

	return mine.find(
		(existing) =>
			existing.alias === account.alias &&
			!(email !== undefined && existing.email !== undefined) &&
			!(account.subject !== undefined && existing.subject !== undefined),
	);
}

/**
 * Why a vault action cannot apply to this vault, as the error to throw (naming the field of an
 * alias it refuses), or undefined when it can. Checked on the freshest copy of the vault, under
 * the lock, before the action is applied.
 */
export function checkVaultAction(vault: Vault, action: VaultAction): UserError | undefined {
	const refuse = (text: string | undefined, field?: string) =>
		text === undefined ? undefined : new UserError(text, {field});
	const aliasProblem = (alias: string, exceptId?: string) =>
		refuse(
			checkAlias(alias) ??
				(vault.accounts.some((account) => account.alias === alias && account.id !== exceptId)
					? `alias "${alias}" is already used by another account`
					: undefined),
			'alias',
		);
	const needAccount = (id: string) =>
		findAccount(vault, id)
			? undefined
			: refuse(`no account with id ${id} (it may have been removed by another process)`);

	const needProfile = (name: string | undefined) =>
		name === undefined || hasProfile(vault, name)
			? undefined
			: refuse(
					unknownProfile(vault, name, (text) => sanitize(text, 80)),
					'profile',
				);

	switch (action.type) {
		case 'account-saved': {
			const missing = needProfile(action.profile);
			if (missing) {
				return missing;
			}

			if (!findProvider(vault, action.account.providerId)) {
				return refuse(`unknown provider "${action.account.providerId}"`, 'provider');
			}

			if (!action.aliasGiven) {
				return undefined;
			}

			return aliasProblem(action.account.alias, matchingAccount(vault, action)?.id);
		}

		case 'account-renamed': {
			return needAccount(action.accountId) ?? aliasProblem(action.alias, action.accountId);
		}

		case 'organization-switched': {
			const account = findAccount(vault, action.accountId);
			if (!account) {
				return needAccount(action.accountId);
			}

			return account.organizations.some((org) => org.id === action.orgId)
				? needProfile(action.profile)
				: refuse(`account "${account.alias}" has no organization ${action.orgId}`);
		}

		case 'switched-back': {
			return (
				needProfile(action.profile) ??
				(findAccount(vault, profileView(vault, action.profile ?? profileInUse(vault))?.previous)
					? undefined
					: refuse('there is no previous account to switch back to'))
			);
		}

		case 'account-switched': {
			return needProfile(action.profile) ?? needAccount(action.accountId);
		}

		case 'profile-created': {
			return (
				refuse(checkProfileName(action.name), 'name') ??
				(hasProfile(vault, action.name)
					? refuse(`profile "${action.name}" already exists`, 'name')
					: needProfile(action.from))
			);
		}

		case 'profile-used':
		case 'profile-overrides-changed': {
			return needProfile(action.name);
		}

		case 'profile-removed': {
			return action.name === 'default'
				? refuse('the default profile cannot be removed')
				: needProfile(action.name);
		}

		case 'account-removed':
		case 'account-protected':
		case 'tokens-updated':
		case 'sign-in-required': {
			return needAccount(action.accountId);
		}

		case 'credential-added': {
			return needAccount(action.credential.accountId);
		}

		case 'credential-removed':
		case 'credential-edited':
		case 'credential-rotated':
		case 'credential-used':
		case 'credential-token-saved':
		case 'credential-token-failed': {
			return vault.credentials.some((credential) => credential.id === action.credentialId)
				? undefined
				: refuse(`no credential with id ${action.credentialId}`);
		}

		case 'provider-added': {
			return findProvider(vault, action.provider.id)?.builtin
				? refuse(`"${action.provider.id}" is a built-in provider`)
				: undefined;
		}

		case 'provider-removed': {
			const provider = findProvider(vault, action.providerId);
			if (!provider) {
				return refuse(`unknown provider "${action.providerId}"`);
			}

			if (provider.builtin) {
				return refuse(`"${provider.id}" is a built-in provider and cannot be removed`);
			}

			if (!vault.providers.some((p) => p.id === provider.id)) {
				return refuse(
					`provider "${provider.id}" comes from a team catalogue (catalog remove NAME)`,
				);
			}

			return vault.accounts.some((account) => account.providerId === provider.id)
				? refuse(`provider "${provider.id}" still has accounts; log them out first`)
				: undefined;
		}

		case 'catalog-removed': {
			return vault.catalogs?.list.some((catalog) => catalog.name === action.name)
				? undefined
				: refuse(`no catalogue named "${sanitize(action.name, 80)}"`);
		}

		case 'settings-changed':
		case 'catalog-saved':
		case 'pass-store-set': {
			return undefined;
		}
	}
}
