import {type Account, isGuarded, type Vault} from '../domain.js';
import {sanitize} from '../lib/sanitize.js';
import type {Action} from '../store/actions.js';
import {overridesOrg, profileInUse, profileView} from '../store/profiles.js';
import {activeOrganization, currentAccount, findAccount} from '../store/selectors.js';
import type {Notice, State} from '../store/state.js';

/** How long an information message stays in the status line; warnings and errors stay until esc. */
export const infoFadeMs = 4000;

/**
 * What the status line says once a change from a key is saved (the deck's effects run only after
 * the save succeeded, so an unsaved switch is never announced as done). A switch to a production or
 * protected account is a warning, which stays: commands now act on it.
 */
export function announce(action: Action, state: State): Notice | undefined {
	switch (action.type) {
		case 'account-switched':
		case 'switched-back': {
			const account = currentAccount(state.vault);
			return account ? switched('switched to ', account) : undefined;
		}

		case 'profile-used': {
			const account = currentAccount(state.vault);
			const profile = `using profile ${sanitize(action.name, 63)}`;
			return account
				? switched(`${profile}; current account: `, account)
				: {level: 'info', text: `${profile}; it names no current account`};
		}

		case 'organization-switched': {
			const account = findAccount(state.vault, action.accountId);
			const org = account?.organizations.find((candidate) => candidate.id === action.orgId);
			// Said where it changed: the profile in use, when the profile sets the account's one.
			const profile = profileInUse(state.vault);
			const where =
				account && overridesOrg(profileView(state.vault, profile), account)
					? ` in profile ${sanitize(profile, 63)}`
					: '';
			return account && org
				? {
						level: 'info',
						text: `${sanitize(org.name, 80)} is now ${sanitize(account.alias, 63)}'s organization${where}`,
					}
				: undefined;
		}

		default: {
			return undefined;
		}
	}
}

/** `lead` and the account commands now use; a production or protected one is a warning, which stays. */
function switched(lead: string, account: Account): Notice {
	const name = `${sanitize(account.alias, 63)} (${sanitize(account.providerId, 40)})`;
	return isGuarded(account)
		? {
				level: 'warning',
				text: `${lead}${name}: a ${account.environment === 'production' ? 'production' : 'protected'} account; commands now act on it`,
			}
		: {level: 'info', text: `${lead}${name}`};
}

/**
 * The message to show when `notice` comes while `shown` is on the status line: a warning or error
 * still shown stays first (it came with this change, such as a key file that could not be synced),
 * then what was done; information is replaced.
 */
export function afterShown(shown: Notice | undefined, notice: Notice): Notice {
	return shown && shown.level !== 'info'
		? {level: shown.level, text: `${shown.text}; ${notice.text}`}
		: notice;
}

/** At most this many aliases are named in one message; the rest are counted. */
const namedAtMost = 3;

function aliases(accounts: readonly Account[]): string {
	const names = accounts.slice(0, namedAtMost).map((account) => sanitize(account.alias, 63));
	const rest = accounts.length - names.length;
	return `${names.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

const accountsWord = (accounts: readonly Account[]) =>
	accounts.length === 1 ? 'account' : 'accounts';

/**
 * What the status line says when the metadata file was changed by another process (a `switch`, a
 * `login` in another shell) and the deck loaded it: the accounts added, removed and renamed, the
 * organization and profile changed, the account switched to. Compared by meaning, not by bytes: the
 * deck's own save read back, a token's last use recorded by `authdeck env`, say nothing.
 */
export function announceOutside(before: Vault, after: Vault): Notice | undefined {
	const was = new Map(before.accounts.map((account) => [account.id, account]));
	const now = new Map(after.accounts.map((account) => [account.id, account]));
	const added = after.accounts.filter((account) => !was.has(account.id));
	const removed = before.accounts.filter((account) => !now.has(account.id));
	const parts: string[] = [];
	if (added.length > 0) parts.push(`${accountsWord(added)} ${aliases(added)} added`);
	if (removed.length > 0) parts.push(`${accountsWord(removed)} ${aliases(removed)} removed`);
	for (const account of after.accounts) {
		const old = was.get(account.id);
		if (!old) continue;
		if (old.alias !== account.alias) {
			parts.push(`${sanitize(old.alias, 63)} renamed to ${sanitize(account.alias, 63)}`);
		}

		if (old.activeOrgId !== account.activeOrgId) {
			const org = activeOrganization(account);
			if (org) {
				parts.push(
					`${sanitize(org.name, 80)} is now ${sanitize(account.alias, 63)}'s organization`,
				);
			}
		}
	}

	if (profileInUse(before) !== profileInUse(after)) {
		parts.push(`using profile ${sanitize(profileInUse(after), 63)}`);
	}

	const current = currentAccount(after);
	if (current && current.id !== before.current) {
		parts.push(`switched to ${sanitize(current.alias, 63)}`);
	} else if (!current && before.current && now.has(before.current)) {
		parts.push('no account is current');
	}

	return parts.length > 0
		? {level: 'info', text: `${parts.join('; ')} from another shell`}
		: undefined;
}
