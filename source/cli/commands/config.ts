import type {Command} from 'commander';
import {parseRequestTimeout} from '../../auth/http.js';
import {allProviders, findProvider} from '../../auth/providers.js';
import {type Settings, type ThemeName, themeNames} from '../../domain.js';
import {parseDuration} from '../../lib/duration.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import type {Context} from '../../store/context.js';
import {profileSettings} from '../../store/profiles.js';
import {findAccount} from '../../store/selectors.js';
import {parseStorage} from '../../vault/backend.js';
import {primarySecret, readAccountSecret} from '../../vault/read-secret.js';
import {expandSyncPath} from '../../vault/sync-file.js';
import {syncProviderFile} from '../../vault/sync-write.js';
import {action, print} from '../output.js';
import {
	isNetworkSetting,
	networkKeys,
	setNetworkSetting,
	shownNetworkSetting,
} from './config-network.js';
import {registerConfigProfileAliases, setProfileSetting, setsProfile} from './config-profile.js';
import {registerSetAccount} from './config-set-account.js';
import {moveSecrets} from './config-storage.js';

/** Settings by their command-line names. */
const keys = {
	storage: 'storage',
	'reveal-timeout': 'revealTimeout',
	'refresh-window': 'refreshWindow',
	...networkKeys,
	'request-timeout': 'requestTimeout',
	'sync-files': 'syncFiles',
	theme: 'theme',
} as const satisfies Record<string, keyof Settings>;

export type ConfigKey = keyof typeof keys;
export const configKeys = Object.keys(keys) as ConfigKey[];

/**
 * The setting a command-line name stands for, from the closed list only: `in` or `keys[key]` would
 * also find `__proto__`, `constructor` and `toString` on Object.prototype.
 */
function settingOf(key: string): keyof Settings {
	if (!Object.hasOwn(keys, key)) {
		throw new UserError(`unknown setting '${key}'; settings are: ${configKeys.join(', ')}`);
	}

	return keys[key as ConfigKey];
}

/** The value of one setting, or all of them as JSON. */
export function getConfig(context: Context, key?: string): string {
	const {vault: stored, storage} = context.store.getState();
	// With --profile, the settings as that profile has them (its proxy over the global one).
	const {profile} = context.flags;
	const vault = profile ? {...stored, settings: profileSettings(stored, profile)} : stored;
	if (key === undefined) {
		const all = Object.fromEntries(
			configKeys.map((name) => [
				name,
				name === 'storage'
					? storage
					: name === 'sync-files'
						? syncedProviders(vault.settings)
						: (shown(keys[name], vault.settings[keys[name]]) ?? null),
			]),
		);
		return toJson(all);
	}

	const setting = settingOf(key);
	if (setting === 'syncFiles') {
		return syncedProviders(vault.settings).join(' ');
	}

	const value = setting === 'storage' ? storage : shown(setting, vault.settings[setting]);
	return value === undefined ? '' : String(value);
}

/** What `config get` shows for one setting: proxies without their password, the theme even when unset. */
const shown = (setting: keyof Settings, value: unknown) =>
	isNetworkSetting(setting)
		? shownNetworkSetting(setting, value)
		: setting === 'theme'
			? (value ?? 'default')
			: value;

/** The providers with `sync-files` on. */
function syncedProviders(settings: Settings): string[] {
	return Object.entries(settings.syncFiles ?? {})
		.filter(([, on]) => on)
		.map(([id]) => id)
		.sort();
}

/**
 * `config set sync-files <provider> on|off`: whether authdeck writes the provider's key file (for
 * its own CLI). Turned on, the file gets the active account's key at once.
 */
async function setSyncFiles(context: Context, values: readonly string[]): Promise<string[]> {
	const [id = '', state = ''] = values;
	if (values.length !== 2 || (state !== 'on' && state !== 'off')) {
		throw new UserError('usage: authdeck config set sync-files <provider> on|off');
	}

	const {vault} = context.store.getState();
	const provider = findProvider(vault, id);
	if (!provider?.syncFile) {
		const withFiles = allProviders(vault).filter((p) => p.syncFile);
		throw new UserError(
			`${provider ? `provider ${provider.id} has no key file to sync` : `unknown provider "${sanitize(id, 80)}"`}; providers with one: ${withFiles.map((p) => p.id).join(', ') || 'none'}`,
		);
	}

	const on = state === 'on';
	await context.store.dispatch({
		type: 'settings-changed',
		settings: {syncFiles: {...vault.settings.syncFiles, [provider.id]: on}},
	});
	const file = expandSyncPath(provider.syncFile, context.env);
	if (!on) {
		return [
			`${provider.id}: ${sanitize(file)} is no longer written; remove it if it still holds a key you do not want there`,
		];
	}

	const active = findAccount(vault, vault.active[provider.id]);
	const key = active ? primarySecret(await readAccountSecret(context, active.id)) : undefined;
	const lines: string[] = [];
	if (key !== undefined) {
		await syncProviderFile(provider, key, context.env, (copy) =>
			lines.push(
				`${provider.id}: ${sanitize(file)} held another key: kept a copy in ${sanitize(copy)}`,
			),
		);
	}

	return [
		...lines,
		`${provider.id}: the key is now also written to ${sanitize(file)} (in plaintext, 0600)`,
	];
}

/** Changes one setting (`sync-files` takes a provider and on|off); returns lines to print. */
export async function setConfig(
	context: Context,
	key: string,
	values: readonly string[],
): Promise<string[]> {
	if (setsProfile(context, key)) {
		return setProfileSetting(context, key, values);
	}

	const setting = settingOf(key);
	if (setting === 'syncFiles') {
		return setSyncFiles(context, values);
	}

	if (values.length !== 1) {
		throw new UserError(`${key} takes one value`);
	}

	const value = values[0] as string;
	switch (setting) {
		case 'storage': {
			return moveSecrets(context, parseStorage(value, 'storage'));
		}

		case 'revealTimeout':
		case 'refreshWindow': {
			const seconds = parseDuration(value);
			const [min, max] = setting === 'revealTimeout' ? [1, 3600] : [0, 86_400];
			if (seconds < min || seconds > max) {
				throw new UserError(`${key} must be between ${min} and ${max} seconds`);
			}

			await context.store.dispatch({type: 'settings-changed', settings: {[setting]: seconds}});
			return [];
		}

		case 'requestTimeout': {
			const seconds = parseRequestTimeout(value, key);
			await context.store.dispatch({type: 'settings-changed', settings: {requestTimeout: seconds}});
			return [];
		}

		case 'proxy':
		case 'caFile':
		case 'insecureSkipVerify': {
			return setNetworkSetting(context, setting, value);
		}

		case 'theme': {
			if (!(themeNames as readonly string[]).includes(value)) {
				throw new UserError(`theme must be one of: ${themeNames.join(', ')}`);
			}

			await context.store.dispatch({
				type: 'settings-changed',
				settings: {theme: value as ThemeName},
			});
			return [];
		}
	}
}

/** `authdeck config get|set`. */
export function registerConfig(program: Command): void {
	const config = program.command('config').description('Read or change settings');
	config
		.command('get')
		.description(`Print a setting (${configKeys.join(', ')}), or all as JSON`)
		.argument('[key]')
		.action(
			action(async (context, key: string | undefined) => {
				print(getConfig(context, key));
			}),
		);
	config
		.command('set')
		.description(
			'Change a setting; `storage keychain|file|pass` moves every secret; `sync-files <provider> on|off`; with --profile: proxy, `base-url <provider> <url>`, `org <account> <org>`',
		)
		.argument('<key>')
		.argument('<value...>')
		.action(
			action(async (context, key: string, values: string[]) => {
				for (const line of await setConfig(context, key, values)) {
					print(line);
				}
			}),
		);
	registerConfigProfileAliases(config);
	registerSetAccount(config);
}
