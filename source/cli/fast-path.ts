/**
 * What a shell runs on every prompt and every <TAB>, without the command line: `authdeck prompt`
 * and `authdeck __complete` (with the command tree the completion script passes in
 * AUTHDECK_COMPLETE_SPEC). The launcher (source/bin.ts) loads this small bundle (dist/fast-path.cjs)
 * instead of the commands' one; both read the metadata file alone, as their commands do
 * (commands/prompt.ts, commands/completion.ts). Anything else, `--help` included, goes through the
 * command line.
 */
import {writeOut} from '../lib/write-out.js';
import {promptOutput} from './commands/prompt.js';
import {completeOutput} from './complete/lookup.js';
import {specVariable} from './complete/scripts.js';

/** Whether `argv` is answered here. */
export function isFastPath(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
	const [command, ...rest] = argv.slice(2);
	if (command === '__complete') return Boolean(env[specVariable]);
	return command === 'prompt' && !rest.some((arg) => arg === '--help' || arg === '-h');
}

export function runFastPath(argv: readonly string[], env: NodeJS.ProcessEnv): void {
	const args = argv.slice(3);
	writeOut(argv[2] === 'prompt' ? promptOutput(args, env) : completeOutput(args, env));
}
