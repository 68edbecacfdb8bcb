import {emptyVault} from '../../domain.js';
import {peekVault} from '../../vault/peek.js';
import {complete, completionLines} from './candidates.js';
import {specVariable} from './scripts.js';
import type {CommandSpec} from './spec.js';

/**
 * `authdeck __complete SHELL -- WORDS...` without commander: the lines to print for the last word.
 * The command tree comes from AUTHDECK_COMPLETE_SPEC (the completion script sets it), else from
 * `fallback` (typed by hand: the program builds it); the vault from the metadata file alone. Never
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
		return completionLines(
			complete(spec, words.length === 0 ? [''] : words, peekVault(env) ?? emptyVault),
		);
	} catch {
		return '';
	}
}
