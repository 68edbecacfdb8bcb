import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {writeFileSync} from 'atomically';
import type {Provider, Settings} from '../domain.js';

/** Whether the user turned on `sync-files` for a provider that has a file to sync. */
export function syncEnabled(settings: Settings, provider: Provider | undefined): boolean {
	return Boolean(provider?.syncFile) && settings.syncFiles?.[provider?.id ?? ''] === true;
}

/** Expands `~`, `$HOME` and `$XDG_CONFIG_HOME` in a provider's sync file path. */
export function expandSyncPath(template: string, env: NodeJS.ProcessEnv): string {
	const home = env.HOME || os.homedir();
	const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
	return template
		.replace(/^~(?=\/|$)/, home)
		.replaceAll('$XDG_CONFIG_HOME', xdg)
		.replaceAll('$HOME', home);
}

/**
 * Writes the active key to the file the provider's own CLI reads (e.g. vastai's `vast_api_key`),
 * 0600 and atomically, so switching in authdeck switches that tool too. Only for providers with
 * `sync-files` on (see syncEnabled): the file holds the key in plaintext.
 */
export function syncProviderFile(
	provider: Provider,
	secret: string,
	env: NodeJS.ProcessEnv,
): string | undefined {
	if (!provider.syncFile) {
		return undefined;
	}

	const file = expandSyncPath(provider.syncFile, env);
	fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
	writeFileSync(file, secret, {mode: 0o600});
	return file;
}
