/**
 * Where authdeck keeps what it can always make again (the code cache, the shell lookups' answers),
 * and which of the files there it trusts. Apart from code-cache.ts, which loads node:vm, so that
 * the shell's fast path can use it.
 */
import type {BigIntStats, Stats} from 'node:fs';
import {isAbsolute, join} from 'node:path';
import {homeDirectory} from './builtins.js';

/** `$XDG_CACHE_HOME/authdeck`, `~/Library/Caches/authdeck` on macOS, else `~/.cache/authdeck`. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
	if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) {
		return join(env.XDG_CACHE_HOME, 'authdeck');
	}

	const home = homeDirectory(env);
	return process.platform === 'darwin'
		? join(home, 'Library', 'Caches', 'authdeck')
		: join(home, '.cache', 'authdeck');
}

/** A file this user owns and nobody else can write. */
export const isOwn = (stat: Stats | BigIntStats): boolean =>
	stat.isFile() &&
	(typeof process.getuid !== 'function' || Number(stat.uid) === process.getuid()) &&
	(Number(stat.mode) & 0o022) === 0;
