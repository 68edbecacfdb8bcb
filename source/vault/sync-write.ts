/**
 * The writer of provider files, apart from ./sync-file.ts: it loads atomically (with stubborn-fs,
 * when-exit and its signal hooks), which only a run that writes a provider file needs. The effect
 * every command registers (store/sync-provider-file.ts) imports this on its first write, so a
 * command that switches nothing does not load it.
 */
import fs from 'node:fs';
import path from 'node:path';
import {writeFileSync} from 'atomically';
import type {Provider} from '../domain.js';
import {withLock} from './lock.js';
import {backUpProviderFile, expandSyncPath, readProviderFile} from './sync-file.js';
import {authdeckWrote, recordPath, recordWritten} from './sync-record.js';

/**
 * Writes the active key to the file the provider's own CLI reads (e.g. vastai's `vast_api_key`),
 * 0600 and atomically, so switching in authdeck switches that tool too. Only for providers with
 * `sync-files` on (see syncEnabled): the file holds the key in plaintext. A file authdeck did not
 * write is backed up beside it first (see backUpProviderFile); `backedUp` gets the copy's path.
 * Under the lock of the record of written files (sync-record.ts), from the look at the file to the
 * record of what was written: two runs syncing at once each find the file as the other left it.
 */
export async function syncProviderFile(
	provider: Provider,
	secret: string,
	env: NodeJS.ProcessEnv,
	backedUp: (copy: string) => void = () => undefined,
): Promise<string | undefined> {
	const {syncFile} = provider;
	if (!syncFile) {
		return undefined;
	}

	return withLock(recordPath(env), () => {
		const file = expandSyncPath(syncFile, env);
		const existing = readProviderFile(file);
		if (existing !== undefined && existing !== secret && !authdeckWrote(env, file, existing)) {
			backedUp(backUpProviderFile(file, existing));
		}

		fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
		writeFileSync(file, secret, {mode: 0o600});
		recordWritten(env, file, secret);
		return file;
	});
}
