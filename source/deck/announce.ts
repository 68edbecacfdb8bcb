import {type Account, isGuarded} from '../domain.js';
import {sanitize} from '../lib/sanitize.js';
import type {Action} from '../store/actions.js';
import {overridesOrg, profileInUse, profileView} from '../store/profiles.js';
import {currentAccount, findAccount} from '../store/selectors.js';
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
