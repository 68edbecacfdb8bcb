import {emptyVault} from '../../domain.js';
import {completionAnswers, valuesOf} from '../../services/completion-sources.js';
import {promptAnswers} from '../../services/prompt-line.js';
import {peekCached} from '../../vault/peek-cache.js';
import {candidateLine, complete, completionLines, offers, type Values} from './candidates.js';
import {specVariable} from './scripts.js';
import type {CommandSpec} from './spec.js';

/**
 * The vault's candidates of a kind, from the metadata file alone: all of them kept while the file is
 * unchanged (vault/peek-cache.ts), as the lines printed for them, one string (parsing 2,000 objects
 * back was most of a <TAB>'s time among 1,000 accounts), those starting with the prefix offered.
 * Without a file, those of an empty vault (the built-in providers, the shells).
 */
const vaultValues =
	(env: NodeJS.ProcessEnv): Values =>
	(kind, prefix) => {
		const text = peekCached(
			env,
			completionAnswers,
			// Named apart from the lists of objects earlier versions kept for a kind.
			`${kind} lines`,
			(vault) =>
				valuesOf(kind, vault ?? emptyVault, '')
					.map(candidateLine)
					.join('\n'),
			// A file authdeck just wrote keeps the <TAB>'s answers at once: the next switch carries them.
			promptAnswers,
		);
		if (typeof text !== 'string' || text === '') return [];
		const lines = text.split('\n');
		return prefix === '' ? lines : lines.filter((line) => offers(line, prefix));
	};

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
