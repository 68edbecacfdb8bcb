// Every command that acts on an account takes --account, --org and --profile, in its --help and in
// what it does: the command table is walked, each command run through the built binary.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Command} from 'commander';
import {createProgram} from '../../source/cli/program.js';
import {actOnAccount} from '../../source/cli/shared-flags.js';
import {oneErrorLine, type TempVault, useSeededVault} from '../helpers/cli.js';

function leaves(command: Command, path: string[] = []): Array<{path: string; command: Command}> {
	return command.commands.flatMap((sub) =>
		sub.commands.length > 0
			? leaves(sub, [...path, sub.name()])
			: [{path: [...path, sub.name()].join(' '), command: sub}],
	);
}

const table = leaves(createProgram(async () => undefined));
const accountCommands = table.filter(({path}) => actOnAccount.has(path));
const flags = ['--account', '--org', '--profile'];

/**
 * The command's words with its required arguments filled in: exec runs `true`, an `<account>`
 * argument (shell's) names the same account as --account, anything else is `x`; the same for
 * required options.
 */
function invocation({path, command}: (typeof table)[number], account: string): string[] {
	const filled = command.registeredArguments
		.filter((argument) => argument.required)
		.map((argument) =>
			argument.variadic ? 'true' : argument.name() === 'account' ? account : 'x',
		);
	// Required options too (`credential add --name`): a value of their choices where they have any.
	const options = command.options
		.filter((option) => option.mandatory)
		.flatMap((option) => [option.long as string, option.argChoices?.[0] ?? 'x']);
	// Past the question a destructive command asks first, so the flags are what stops it.
	const yes = command.options.some((option) => option.long === '--yes') ? ['--yes'] : [];
	// `credential add` checks --name and --type in its action (--from-catalog needs neither).
	const adding = path === 'credential add' ? ['--name', 'x', '--type', 'bearer'] : [];
	return [...path.split(' '), ...filled, ...options, ...adding, ...yes];
}

test('the list of account commands names only commands of the table', () => {
	const paths = new Set(table.map(({path}) => path));
	assert.deepEqual(
		[...actOnAccount].filter((path) => !paths.has(path)),
		[],
	);
});

// `catalog publish --account ALIAS` names the entry to publish, beside --provider and --credential:
// it chooses what to write to the catalogue, not the account a command acts as.
const namesAnEntry = new Set(['catalog publish']);

test('a command that takes --account takes --org and --profile too', () => {
	for (const {path, command} of table) {
		if (namesAnEntry.has(path)) continue;
		if (command.options.some((option) => option.long === '--account')) {
			for (const long of flags) {
				assert.ok(
					command.options.some((option) => option.long === long),
					`${path} ${long}`,
				);
			}
		}
	}
});

describe('every account command, through the built binary', () => {
	let vault: TempVault;
	useSeededVault('file', (fresh) => {
		({vault} = fresh);
	});

	test('--help shows the three flags with their one help text', async () => {
		for (const entry of accountCommands) {
			const {stdout} = await vault.ok([...entry.path.split(' '), '--help']);
			for (const long of flags) {
				assert.match(stdout, new RegExp(`^ {2}${long} <`, 'm'), `${entry.path} --help: ${long}`);
			}

			assert.ok(
				stdout.includes('use this organization for this command only'),
				`${entry.path}: --org`,
			);
		}
	});

	test('each one honours them: an unknown account, profile or organization is one clear line', async () => {
		// A prompt never fails, so that it never breaks the shell: silent and 0 (prompt.test.ts).
		for (const entry of accountCommands.filter(({path}) => path !== 'prompt')) {
			const withFlags = (...extra: string[]) => {
				const words = invocation(entry, extra.includes('ghost') ? 'ghost' : 'prod');
				return entry.path === 'exec'
					? [words[0] as string, ...extra, '--', 'true']
					: [...words, ...extra];
			};
			assert.match(
				oneErrorLine(await vault.run(withFlags('--account', 'ghost'))),
				/no account matches "ghost"/,
				`${entry.path} --account ghost`,
			);
			assert.match(
				oneErrorLine(await vault.run(withFlags('--profile', 'nope'))),
				/no profile named "nope"/,
				`${entry.path} --profile nope`,
			);
			assert.match(
				oneErrorLine(await vault.run(withFlags('--account', 'prod', '--org', 'nope'))),
				/has no organization "nope"/,
				`${entry.path} --account prod --org nope`,
			);
		}
	});
});
