import {parseRequestTimeout} from '../auth/http.js';
import type {Context} from '../context.js';
import {parseDuration} from '../lib/duration.js';
import {toJson} from '../lib/json.js';
import {checkUrl} from '../lib/validate.js';
import type {Settings, StorageKind} from '../store/state.js';
import {copySecrets, openStore, parseStorage, secretKeys} from '../vault/backend.js';
import {UserError} from '../vault/errors.js';

/** Settings by their command-line names. */
const keys = {
	storage: 'storage',
	'reveal-timeout': 'revealTimeout',
	'refresh-window': 'refreshWindow',
	proxy: 'proxy',
	'request-timeout': 'requestTimeout',
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
	const {vault, storage} = context.store.getState();
	if (key === undefined) {
		const all = Object.fromEntries(
			configKeys.map((name) => [
				name,
				name === 'storage' ? storage : (vault.settings[keys[name]] ?? null),
			]),
		);
		return toJson(all);
	}

	const setting = settingOf(key);
	const value = setting === 'storage' ? storage : vault.settings[setting];
	return value === undefined ? '' : String(value);
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
		const moved = await copySecrets(vault, from, target);
		try {
			await context.store.dispatch({type: 'settings-changed', settings: {storage: to}});
		} catch (error) {
			for (const key of secretKeys(vault)) {
				await target.delete(key).catch(() => undefined);
			}

			throw error;
		}

		for (const key of secretKeys(vault)) {
			await from.delete(key).catch((error: unknown) => {
				notes.push(
					`warning: could not delete ${key} from the ${from.kind}: ${(error as Error).message}`,
				);
			});
		}

		notes.push(`moved ${moved} secret${moved === 1 ? '' : 's'} from the ${from.kind} to the ${to}`);
	} else {
		await context.store.dispatch({type: 'settings-changed', settings: {storage: to}});
		notes.push(`secrets are stored in the ${to}`);
	}

	return notes;
}

/** Changes one setting; returns lines to print. */
export async function setConfig(context: Context, key: string, value: string): Promise<string[]> {
	const setting = settingOf(key);
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
	}
}
