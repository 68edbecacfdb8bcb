/** What a test checks about files on disk: their modes and the temporary names beside them. */
import fs from 'node:fs';

/** The mode bits of a path. */
export function modeOf(file: string): number {
	return fs.statSync(file).mode & 0o777;
}

/** Names in `dir` that start with `prefix`. */
export function entriesStartingWith(dir: string, prefix: string): string[] {
	return fs.readdirSync(dir).filter((name) => name.startsWith(prefix));
}
