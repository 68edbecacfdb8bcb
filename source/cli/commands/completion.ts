import type {Command} from 'commander';
import {writeOut} from '../../lib/write-out.js';
import {completeOutput} from '../complete/lookup.js';
import {type CompletionShell, completionScript, completionShells} from '../complete/scripts.js';
import {completionSpec} from '../complete/spec.js';

/**
 * `authdeck completion bash|zsh|fish`, the script, and the hidden `authdeck __complete` it calls
 * for each completion. The command tree in the script comes from the program itself, so a new
 * command or flag completes without a list kept by hand.
 */
/** The completion script lists every command: the build runs this file with the whole program. */
export const wholeProgram = true;

export function registerCompletion(program: Command): void {
	const tree = () => completionSpec(program);
	program
		.command('completion')
		.description('Print a shell completion script (commands, flags, and your accounts by name)')
		.addArgument(
			program.createArgument('<shell>', 'the shell to complete in').choices(completionShells),
		)
		.action((shell: CompletionShell) => {
			writeOut(completionScript(shell, JSON.stringify(tree())));
		});
	program
		.command('__complete', {hidden: true})
		.description('The candidates for the last word (used by the completion scripts)')
		.argument('[words...]')
		.allowUnknownOption()
		.passThroughOptions()
		.action(() => {
			// The raw words: commander has no say over what the user is in the middle of typing.
			const args = process.argv.slice(process.argv.indexOf('__complete') + 1);
			writeOut(completeOutput(args, process.env, tree));
		});
}
