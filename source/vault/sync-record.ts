import fs from 'node:fs';
import path from 'node:path';
import {nodeCrypto} from '../lib/builtins.js';
import {vaultPaths} from './paths.js';

/**
 * Which provider files authdeck wrote, and what it wrote: a SHA-256 per path in `synced-files.json`
 * beside the metadata (0600), never the key itself. A file whose content matches is authdeck's own
 * and may be replaced or removed; any other content is the user's (or their provider CLI's) and is
 * backed up before it is replaced, and never removed.
 */
export function recordPath(env: NodeJS.ProcessEnv): string {
	return path.join(vaultPaths(env).dir, 'synced-files.json');
}

// node:crypto only once a provider file is synced: status and token never hash.
const digest = (content: string) => nodeCrypto().createHash('sha256').update(content).digest('hex');

function readRecord(env: NodeJS.ProcessEnv): Record<string, string> {
	try {
		const parsed: unknown = JSON.parse(fs.readFileSync(recordPath(env), 'utf8'));
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as Record<string, string>)
			: {};
	} catch {
		return {};
	}
}

/**
 * Notes that authdeck just wrote `content` to `file`: a read, change and write of the record, so
 * called under the lock on `recordPath` (sync-write.ts), or two processes syncing two providers at
 * once could each write the record without the other's file, which would then pass for the user's.
 */
export function recordWritten(env: NodeJS.ProcessEnv, file: string, content: string): void {
	const record = {...readRecord(env), [file]: digest(content)};
	const target = recordPath(env);
	fs.mkdirSync(path.dirname(target), {recursive: true, mode: 0o700});
	const temp = `${target}.${process.pid}.tmp`;
	fs.writeFileSync(temp, `${JSON.stringify(record, null, '\t')}\n`, {mode: 0o600});
	fs.renameSync(temp, target);
}

/** Whether `content`, found in `file`, is what authdeck last wrote there. */
export function authdeckWrote(env: NodeJS.ProcessEnv, file: string, content: string): boolean {
	return readRecord(env)[file] === digest(content);
}
