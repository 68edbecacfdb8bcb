/**
 * What a writer of the metadata file keeps for the shell's lookups, under the metadata lock
 * (vault/metadata.ts's Written), so that the next prompt and <TAB> need not read the file it wrote:
 * the answer a prompt without flags gives in this environment and folder, and completion's answers
 * carried over to the new file when the write changed nothing they are made of. A switch changes no
 * name completion offers; with 1,000 accounts, reading and parsing the file was a third of the
 * <TAB> that followed it.
 */
import type {Written} from '../vault/metadata.js';
import {carryAnswers} from '../vault/peek-cache.js';
import {completionAnswers, sameCandidates} from './completion-sources.js';
import {promptAnswerKeeper} from './prompt-line.js';

export const lookupAnswerKeeper = (env: NodeJS.ProcessEnv, cwd: string): Written => {
	const keepPrompt = promptAnswerKeeper(env, cwd);
	return (vault, stat, before) => {
		keepPrompt(vault, stat);
		if (before && sameCandidates(before.vault, vault)) {
			carryAnswers(env, completionAnswers, before.stat, stat);
		}
	};
};
