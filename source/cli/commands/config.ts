import type {Command} from 'commander';
import {parseRequestTimeout} from '../../auth/http.js';
import {allProviders, findProvider} from '../../auth/providers.js';
import {type Settings, type StorageKind, type ThemeName, themeNames} from '../../domain.js';
import {parseDuration} from '../../lib/duration.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {checkUrl} from '../../lib/validate.js';
import type {Context} from '../../store/context.js';
import {findAccount} from '../../store/selectors.js';
import {copySecrets, openStore, parseStorage, secretKeys} from '../../vault/backend.js';
import {setPendingMigration} from '../../vault/pending.js';
import {primarySecret, readAccountSecret} from '../../vault/read-secret.js';
import type {SecretStore} from '../../vault/secrets.js';
import {expandSyncPath, syncProviderFile} from '../../vault/sync-file.js';
import {action, print} from '../output.js';
import {registerSetAccount} from './config-set-account.js';

/** Settings by their command-line names. */
const keys = {
	storage: 'storage',
	'reveal-timeout': 'revealTimeout',
	'refresh-window': 'refreshWindow',
	proxy: 'proxy',
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

/** What `config get` shows for one setting: the backend in use, the theme even when unset. */
function shown(context: Context, setting: keyof Settings): unknown {
	const {vault, storage} = context.store.getState();
	if (setting === 'storage') return storage;
	if (setting === 'syncFiles') return syncedProviders(vault.settings);
	return setting === 'theme' ? (vault.settings.theme ?? 'default') : vault.settings[setting];
}

/** The value of one setting, or all of them as JSON. */
export function getConfig(context: Context, key?: string): string {
	if (key === undefined) {
		return toJson(
			Object.fromEntries(configKeys.map((name) => [name, shown(context, keys[name]) ?? null])),
		);
	}

	const value = shown(context, settingOf(key));
	return value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
}

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
	if (key !== undefined) {
		syncProviderFile(provider, key, context.env);
	}

	return [`${provider.id}: the key is now also written to ${sanitize(file)} (in plaintext, 0600)`];
}

/**
 * Moves every secret to another backend. The old store is left intact if any step fails; it is
 * emptied only after the new backend is recorded.
 */
async function moveSecrets(context: Context, to: StorageKind): Promise<string[]> {
	const forced = context.env.AUTHDECK_STORAGE;
	if (forced && forced !== to) {
		// The variable would keep every later run on the old backend, which the move just emptied.
		throw new UserError(
			`AUTHDECK_STORAGE=${forced} is set and overrides the storage setting; unset it to move secrets to the ${to}`,
		);
	}

	const notes: string[] = [];
	const from = (await context.backend()).store;
	const vault = context.metadata.read();
	if (from.kind === to && vault.settings.storage === to) {
		return [`secrets are already stored in the ${to}`];
	}

	const target = await openStore(to, context.paths, context.env, context.warn);
	if (from.kind !== to) {
		const moved = await migrate(context, from, target, notes);
		notes.push(`moved ${moved} secret${moved === 1 ? '' : 's'} from the ${from.kind} to the ${to}`);
	} else {
		await context.store.dispatch({type: 'settings-changed', settings: {storage: to}});
		notes.push(`secrets are stored in the ${to}`);
	}

	return notes;
}

/**
 * The move itself, as one metadata update under the lock: the intent is journalled, every secret
 * copied, `storage` saved, then the old copies deleted. A process killed at any point leaves the
 * journal, and the next start undoes the copy (storage not saved yet) or finishes the deletes
 * (vault/recover.ts), so no second copy outlives it.
 */
async function migrate(
	context: Context,
	from: SecretStore,
	to: SecretStore,
	notes: string[],
): Promise<number> {
	let moved = 0;
	const {paths} = context;
	const saved = await context.metadata.update(
		(vault) => ({...vault, settings: {...vault.settings, storage: to.kind}}),
		{
			async before(vault) {
				const keys = secretKeys(vault);
				setPendingMigration(paths, {from: from.kind, to: to.kind, keys});
				try {
					moved = await copySecrets(vault, from, to);
				} catch (error) {
					// copySecrets removed what it copied; the old store was never touched.
					setPendingMigration(paths, undefined);
					throw error;
				}

				return async () => {
					for (const key of keys) {
						await to.delete(key).catch(() => undefined);
					}

					setPendingMigration(paths, undefined);
				};
			},
			async after(vault) {
				let complete = true;
				for (const key of secretKeys(vault)) {
					await from.delete(key).catch((error: unknown) => {
						complete = false;
						notes.push(
							`warning: could not delete ${key} from the ${from.kind}: ${(error as Error).message}; run authdeck doctor --fix later`,
						);
					});
				}

				// What could not be deleted stays journalled, for the next start or doctor.
				if (complete) {
					setPendingMigration(paths, undefined);
				}
			},
		},
	);
	await context.store.dispatch({type: 'vault-loaded', vault: saved});
	return moved;
}

/** Changes one setting (`sync-files` takes a provider and on|off); returns lines to print. */
export async function setConfig(
	context: Context,
	key: string,
	values: readonly string[],
): Promise<string[]> {
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

		case 'proxy': {
			await context.store.dispatch({
				type: 'settings-changed',
				settings: {proxy: value === '' ? undefined : checkUrl(value, 'proxy URL')},
			});
			return [];
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
			'Change a setting; `storage file|keychain` moves every secret; `sync-files <provider> on|off`',
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

	registerSetAccount(config);
}
