import {defaultProfile, type Settings, type Vault} from '../domain.js';

/**
 * The settings in force in a profile (`name`, else the one in use): its proxy over the global one.
 * A name is looked up among the vault's own profiles only, never on the prototype.
 */
export function settingsIn(
	vault: Pick<Vault, 'settings' | 'profile' | 'profiles'>,
	name: string = vault.profile ?? defaultProfile,
): Settings {
	const profiles = vault.profiles ?? {};
	const proxy = Object.hasOwn(profiles, name) ? profiles[name]?.overrides?.proxy : undefined;
	return proxy === undefined ? vault.settings : {...vault.settings, proxy};
}
