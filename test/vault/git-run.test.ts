// The git runner of the team catalogue: no shell, bounded, prompts off without a terminal, a
// missing git in one line. Real git where it runs; a stand-in `git` on PATH where it must hang.
import assert from 'node:assert/strict';
import {execSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {GitError, gitEnv, gitMissing, runGit} from '../../source/vault/git-run.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-git-run-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));

test('without a terminal git may not prompt; with one it may', () => {
	assert.equal(gitEnv({env: {A: '1'}, interactive: false}).GIT_TERMINAL_PROMPT, '0');
	assert.equal(gitEnv({env: {A: '1'}, interactive: true}).GIT_TERMINAL_PROMPT, undefined);
});

test('arguments reach git as they are, never through a shell', async () => {
	const marker = path.join(dir, 'pwned');
	await runGit(['init', '--quiet', path.join(dir, 'repo')], 'initialising', {env: process.env});
	const out = await runGit(
		['check-ref-format', '--allow-onelevel', '--normalize', `$(touch ${marker})`],
		'checking',
		{
			cwd: path.join(dir, 'repo'),
			env: process.env,
		},
	).catch((error: GitError) => error);
	assert.ok(out instanceof GitError, 'git refuses the name; no shell ran it');
	assert.ok(!fs.existsSync(marker));
});

test('a git that does not answer is stopped at the timeout, with one line', async () => {
	const bin = path.join(dir, 'bin');
	fs.mkdirSync(bin, {recursive: true});
	fs.writeFileSync(
		path.join(bin, 'git'),
		`#!/bin/sh\nexec ${execSync('command -v sleep', {encoding: 'utf8'}).trim()} 30\n`,
		{mode: 0o755},
	);
	const started = Date.now();
	const error = await runGit(['fetch'], 'fetching', {
		env: {...process.env, PATH: bin},
		timeout: 500,
	}).catch((e: Error) => e);
	assert.match((error as Error).message, /^git did not finish fetching within 0.5 s$/);
	assert.ok(Date.now() - started < 5000);
});

test('no git on PATH: the one line that says so', async () => {
	const empty = path.join(dir, 'empty');
	fs.mkdirSync(empty, {recursive: true});
	const error = await runGit(['status'], 'reading', {env: {PATH: empty}}).catch((e: Error) => e);
	assert.equal((error as Error).message, gitMissing);
});
