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

test('a git that does not answer is stopped at the timeout with what it started, in one line', async () => {
	const bin = path.join(dir, 'bin');
	const pidFile = path.join(dir, 'child.pid');
	fs.mkdirSync(bin, {recursive: true});
	const sleep = execSync('command -v sleep', {encoding: 'utf8'}).trim();
	// Like git waiting on an ssh that never answers.
	fs.writeFileSync(
		path.join(bin, 'git'),
		`#!/bin/sh\n${sleep} 30 &\necho $! > ${pidFile}\nwait\n`,
		{mode: 0o755},
	);
	const started = Date.now();
	const error = await runGit(['fetch'], 'fetching', {
		env: {...process.env, PATH: bin},
		timeout: 800,
	}).catch((e: Error) => e);
	assert.match((error as Error).message, /^git did not finish fetching within 0.8 s$/);
	assert.ok(Date.now() - started < 5000);
	const pid = Number(fs.readFileSync(pidFile, 'utf8'));
	await new Promise((resolve) => setTimeout(resolve, 200));
	// Gone, or a zombie waiting for whoever adopted it to reap it: either way no longer running.
	const state = fs.existsSync(`/proc/${pid}/stat`)
		? fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0]
		: 'gone';
	assert.ok(state === 'gone' || state === 'Z', `the child git started is still running (${state})`);
});

test('no git on PATH: the one line that says so', async () => {
	const empty = path.join(dir, 'empty');
	fs.mkdirSync(empty, {recursive: true});
	const error = await runGit(['status'], 'reading', {env: {PATH: empty}}).catch((e: Error) => e);
	assert.equal((error as Error).message, gitMissing);
});
