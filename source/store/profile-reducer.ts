/** The vault reducer's profile actions: create, use, remove, overrides. */

import {defaultProfile, type ProfileOverrides, type Vault} from '../domain.js';
import type {VaultAction} from './actions.js';
import {profileInUse, profileView, swapProfile, withOverrides} from './profiles.js';

type ProfileAction = Extract<
	VaultAction,
	{type: 'profile-created' | 'profile-used' | 'profile-removed' | 'profile-overrides-changed'}
>;

/** Merges a change into overrides: maps merge, an empty string clears a key or the proxy. */
function mergeOverrides(old: ProfileOverrides, change: ProfileOverrides): ProfileOverrides {
	const merge = (a?: Readonly<Record<string, string>>, b?: Readonly<Record<string, string>>) => {
		if (!b) {
			return a;
		}

		const merged = Object.fromEntries(
			Object.entries({...a, ...b}).filter(([, value]) => value !== ''),
		);
		return Object.keys(merged).length > 0 ? merged : undefined;
	};

	const proxy = Object.hasOwn(change, 'proxy') ? change.proxy || undefined : old.proxy;
	return {
		baseUrls: merge(old.baseUrls, change.baseUrls),
		organizations: merge(old.organizations, change.organizations),
		proxy,
	};
}

export function profileReducer(vault: Vault, action: ProfileAction): Vault {
	switch (action.type) {
		case 'profile-created': {
			const from = action.from === undefined ? undefined : profileView(vault, action.from);
			const record = from
				? {
						active: from.active,
						current: from.current,
						overrides: from.overrides,
						createdAt: action.at,
					}
				: {active: {}, createdAt: action.at};
			return {...vault, profiles: {...vault.profiles, [action.name]: record}};
		}

		case 'profile-used': {
			return swapProfile(vault, action.name);
		}

		case 'profile-removed': {
			const left = profileInUse(vault) === action.name ? swapProfile(vault, defaultProfile) : vault;
			const profiles = {...left.profiles};
			delete profiles[action.name];
			return {...left, profiles};
		}

		case 'profile-overrides-changed': {
			return withOverrides(vault, action.name, (old) => mergeOverrides(old, action.overrides));
		}
	}
}
