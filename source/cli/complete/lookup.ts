import {emptyVault} from '../../domain.js';
import {completionAnswers, valuesOf} from '../../services/completion-sources.js';
import {promptAnswers} from '../../services/prompt-line.js';
import {peekCached} from '../../vault/peek-cache.js';
import {complete, completionLines, type Values} from './candidates.js';
import {specVariable} from './scripts.js';
import type {CommandSpec} from './spec.js';

/**
 * The vault's candidates of a kind, from the metadata file alone: all of them kept while the file is
 * unchanged (vault/peek-cache.ts), those starting with the prefix offered. Without a file, those of
 * an empty vault (the built-in providers, the shells).
 */
const vaultValues =
	(env: NodeJS.ProcessEnv): Values =>
	(kind, prefix) =>
		peekCached(
			env,
			completionAnswers,
			kind,
			(vault) => valuesOf(kind, vault ?? emptyVault, ''),
			// A file authdeck just wrote keeps the <TAB>'s answers at once: the next switch carries them.
			promptAnswers,
		).filter((candidate) => candidate.value.startsWith(prefix));

/**
 * `authdeck __complete SHELL -- WORDS...` without commander: the lines to print for the last word.
 * The command tree comes from AUTHDECK_COMPLETE_SPEC (the completion script sets it), else from
 * `fallback` (typed by hand: the program builds it); the values from the metadata file alone. Never
 * throws: on any problem there is simply nothing to offer.
 */
export function completeOutput(
	args: readonly string[],
	env: NodeJS.ProcessEnv = process.env,
	fallback?: () => CommandSpec,
): string {
	try {
		const separator = args.indexOf('--');
		const words = separator === -1 ? args.slice(1) : args.slice(separator + 1);
		const given = env[specVariable];
		const spec = given ? (JSON.parse(given) as CommandSpec) : fallback?.();
		if (!spec || typeof spec.subcommands !== 'object') return '';
		return completionLines(complete(spec, words.length === 0 ? [''] : words, vaultValues(env)));
	} catch {
		return '';
	}
}
