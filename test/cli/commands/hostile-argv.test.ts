// Security row 31: escape sequences and bidi characters typed in argv (option values, unknown options
// and commands, arguments) never reach the terminal raw, whoever prints the error: commander's usage
// errors or a command's own. The invocations are generated from the program itself, so a command
// added later is covered without touching this file.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import type {Command} from 'commander';
import {createProgram} from '../../../source/cli/program.js';
import {type RunResult, seedAccounts, TempVault} from '../../helpers/cli.js';

/** Everything a terminal would act on: C0 but LF, DEL, C1 (0x9B CSI), bidi and line separators. */
// Built from a string, as in source/lib/sanitize.ts: the linter refuses control characters in a
// regular expression literal.
const unsafe = new RegExp(
	'[\\u0000-\\u0009\\u000B-\\u001F\\u007F-\\u009F' +
		'\\u200B-\\u200F\\u2028-\\u202E\\u2066-\\u2069]',
	'u',
);

const payloads = {
	// Clear screen, OSC 52 clipboard write ended by BEL, an OSC 8 link, C1 CSI, RLO, CR, a lone ESC.
	sequences:
		'\u001B[2J\u001B]52;c;aGVsbG8=\u0007\u001B]8;;https://evil.example/\u001B\\link\u001B]8;;\u001B\\\u009B31m\u202Ebash\rX\u001B',
	// A line break that would forge a second line of output.
	'line break': 'ok\nauthdeck: all accounts deleted\u2028',
} as const;

/** One command of the tree: the words that reach it and the command itself. */
type Node = {readonly path: readonly string[]; readonly command: Command};

function commandTree(command: Command, path: readonly string[] = []): Node[] {
	return [
		{path, command},
		...command.commands.flatMap((sub) => commandTree(sub, [...path, sub.name()])),
	];
}

/** Hostile invocations of one command: an unknown option, every option's value, its arguments. */
function invocations({path, command}: Node, payload: string): string[][] {
	const runs: string[][] = [[...path, `--x${payload}`]];
	for (const option of command.options) {
		if (option.long) {
			runs.push([...path, `${option.long}=${payload}`]);
		}
	}

	if (command.commands.length > 0) {
		// An unknown subcommand (for the program itself, an unknown command).
		runs.push([...path, payload]);
		return runs;
	}

	const words = command.registeredArguments.map(() => payload);
	if (words.length > 0) {
		runs.push([...path, ...(path[0] === 'exec' ? ['--'] : []), ...words]);
	}

	// One argument too many.
	runs.push([...path, ...words, payload]);
	return runs;
}

const tree = commandTree(createProgram(async () => undefined));

let vault: TempVault;
before(async () => {
	vault = await TempVault.create('file');
	await seedAccounts(vault);
});
after(async () => {
	await vault.cleanup();
});

/** Runs every invocation, four at a time (each is a separate process). */
async function runAll(
	all: readonly string[][],
): Promise<Array<{args: string[]; result: RunResult}>> {
	const results: Array<{args: string[]; result: RunResult}> = [];
	let next = 0;
	const worker = async () => {
		while (next < all.length) {
			const args = all[next++] as string[];
			results.push({args, result: await vault.run(args)});
		}
	};

	await Promise.all([worker(), worker(), worker(), worker()]);
	return results;
}

test('the generated list reaches nested groups', () => {
	const paths = tree.map((node) => node.path.join(' '));
	for (const nested of ['config set', 'credential add', 'org switch', 'provider add']) {
		assert.ok(paths.includes(nested), `${nested} in ${paths.join(', ')}`);
	}
});

for (const [name, payload] of Object.entries(payloads)) {
	test(`argv holding ${name}: every command fails with one inert line`, {
		timeout: 300_000,
	}, async () => {
		const all = [...tree.flatMap((node) => invocations(node, payload)), ['help', payload]];
		for (const {args, result} of await runAll(all)) {
			const shown = JSON.stringify(args);
			if (args[0] === 'prompt' || args[0] === '__complete') {
				// A prompt or a completion never fails, so that it never breaks the shell: silent, exit 0.
				assert.deepEqual([result.code, result.stderr], [0, ''], shown);
				// Completion's lines are `value<TAB>description`: the tab is the protocol.
				assert.doesNotMatch(result.stdout.replaceAll('\t', ' '), unsafe, `${shown} stdout`);
				continue;
			}

			assert.ok(result.code !== 0 && result.code !== null, `${shown} exited ${result.code}`);
			assert.match(result.stderr, /^authdeck: [^\n]+\n$/, `${shown}: one line on stderr`);
			assert.doesNotMatch(
				result.stderr,
				unsafe,
				`${shown} stderr ${JSON.stringify(result.stderr)}`,
			);
			assert.doesNotMatch(
				result.stdout,
				unsafe,
				`${shown} stdout ${JSON.stringify(result.stdout)}`,
			);
		}
	});
}
