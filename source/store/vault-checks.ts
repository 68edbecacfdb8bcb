/** Which vault actions apply to a vault: checked under the lock before an action is saved. */
import {findProvider} from '../auth/providers.js';
import {checkAlias} from '../lib/alias.js';
import type {VaultAction} from './actions.js';
import {findAccount} from './selectors.js';
import type {Account, Vault} from './state.js';

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
 * Why a vault action cannot apply to this vault, or undefined when it can. Checked on the freshest
 * copy of the vault, under the lock, before the action is applied.
 */
export function checkVaultAction(vault: Vault, action: VaultAction): string | undefined {
	const aliasTaken = (alias: string, exceptId?: string) =>
		vault.accounts.some((account) => account.alias === alias && account.id !== exceptId);
	const needAccount = (id: string) =>
		findAccount(vault, id)
			? undefined
			: `no account with id ${id} (it may have been removed by another process)`;

	switch (action.type) {
		case 'account-saved': {
			if (!findProvider(vault, action.account.providerId)) {
				return `unknown provider "${action.account.providerId}"`;
			}

			if (!action.aliasGiven) {
				return undefined;
			}

			return (
				checkAlias(action.account.alias) ??
				(aliasTaken(action.account.alias, matchingAccount(vault, action)?.id)
					? `alias "${action.account.alias}" is already used by another account`
					: undefined)
			);
		}

		case 'account-renamed': {
			return (
				needAccount(action.accountId) ??
				checkAlias(action.alias) ??
				(aliasTaken(action.alias, action.accountId)
					? `alias "${action.alias}" is already used by another account`
					: undefined)
			);
		}

		case 'organization-switched': {
			const account = findAccount(vault, action.accountId);
			if (!account) {
				return needAccount(action.accountId);
			}

			return account.organizations.some((org) => org.id === action.orgId)
				? undefined
				: `account "${account.alias}" has no organization ${action.orgId}`;
		}

		case 'switched-back': {
			return findAccount(vault, vault.previous)
				? undefined
				: 'there is no previous account to switch back to';
		}

		case 'account-switched':
		case 'account-removed':
		case 'tokens-updated':
		case 'sign-in-required': {
			return needAccount(action.accountId);
		}

		case 'credential-added': {
			return needAccount(action.credential.accountId);
		}

		case 'credential-removed': {
			return vault.credentials.some((credential) => credential.id === action.credentialId)
				? undefined
				: `no credential with id ${action.credentialId}`;
		}

		case 'provider-added': {
			return findProvider(vault, action.provider.id)?.builtin
				? `"${action.provider.id}" is a built-in provider`
				: undefined;
		}

		case 'provider-removed': {
			const provider = findProvider(vault, action.providerId);
			if (!provider) {
				return `unknown provider "${action.providerId}"`;
			}

			if (provider.builtin) {
				return `"${provider.id}" is a built-in provider and cannot be removed`;
			}

			return vault.accounts.some((account) => account.providerId === provider.id)
				? `provider "${provider.id}" still has accounts; log them out first`
				: undefined;
		}

		case 'settings-changed': {
			return undefined;
		}
	}
}
