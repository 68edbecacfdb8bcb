import fs from 'node:fs';
import path from 'node:path';
import type {Provider, Settings} from '../domain.js';
import {homeDirectory} from '../lib/builtins.js';
import {authdeckWrote} from './sync-record.js';

/** Whether the user turned on `sync-files` for a provider that has a file to sync. */
export function syncEnabled(settings: Settings, provider: Provider | undefined): boolean {
	return Boolean(provider?.syncFile) && settings.syncFiles?.[provider?.id ?? ''] === true;
}

/** Expands `~`, `$HOME` and `$XDG_CONFIG_HOME` in a provider's sync file path. */
export function expandSyncPath(template: string, env: NodeJS.ProcessEnv): string {
	const home = homeDirectory(env);
	const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
	return template
		.replace(/^~(?=\/|$)/, home)
		.replaceAll('$XDG_CONFIG_HOME', xdg)
		.replaceAll('$HOME', home);
}

/** The content of a provider file, or undefined when there is none (or it is not a regular file). */
export function readProviderFile(file: string): string | undefined {
	try {
		const stat = fs.lstatSync(file);
		return stat.isFile() && stat.size < 1024 * 1024 ? fs.readFileSync(file, 'utf8') : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Keeps a copy of a provider file that authdeck did not write, beside it, before it is replaced:
 * `vast_api_key.authdeck-backup-<time>`, 0600. Returns the copy's path.
 */
export function backUpProviderFile(file: string, content: string, now = new Date()): string {
	const copy = `${file}.authdeck-backup-${now.toISOString().replaceAll(':', '-')}`;
	fs.writeFileSync(copy, content, {mode: 0o600, flag: 'wx'});
	return copy;
}

/** Whether a provider file holds something authdeck did not put there (the user's own key). */
export function heldByUser(file: string, env: NodeJS.ProcessEnv): boolean {
	const content = readProviderFile(file);
	return content !== undefined && !authdeckWrote(env, file, content);
}
