// --account, --org and --profile: one definition (options.ts), on every command that acts on an
// account, with the same help text everywhere.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Command} from 'commander';
import {createProgram} from '../../source/cli/program.js';

function leaves(command: Command, path: string[] = []): Array<{path: string; command: Command}> {
	return command.commands.flatMap((sub) =>
		sub.commands.length > 0
			? leaves(sub, [...path, sub.name()])
			: [{path: [...path, sub.name()].join(' '), command: sub}],
	);
}

const all = leaves(createProgram(async () => undefined));
const flag = (command: Command, long: string) => command.options.find((o) => o.long === long);

test('every command that acts on an account takes --account, --org and --profile', () => {
	for (const path of [
		'status',
		'token',
		'env',
		'exec',
		'whoami',
		'orgs',
		'org switch',
		'refresh',
		'logout',
	]) {
		const found = all.find((leaf) => leaf.path === path);
		assert.ok(found, path);
		for (const long of ['--account', '--org', '--profile']) {
			assert.ok(flag(found.command, long), `${path} ${long}`);
		}
	}
});

test('one help text each, wherever the flag appears', () => {
	for (const long of ['--org', '--profile']) {
		const texts = new Set(all.flatMap(({command}) => flag(command, long)?.description ?? []));
		assert.equal(texts.size, 1, `${long}: ${[...texts].join(' | ')}`);
	}
});

test('--profile on the commands that read or change a profile, login and switch included', () => {
	for (const path of ['login', 'switch', 'config get', 'config set', 'credential list', 'env']) {
		assert.ok(flag(all.find((leaf) => leaf.path === path)?.command as Command, '--profile'), path);
	}
});
