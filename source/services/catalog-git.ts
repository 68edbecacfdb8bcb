/**
 * The checkout of a catalogue in the config directory (`catalogs/NAME`): authdeck's own copy,
 * never edited by hand, so it is always brought to exactly what the remote has (fetch, then a
 * forced checkout and clean) rather than merged.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {Context} from '../store/context.js';
import {GitError, runGit} from '../vault/git-run.js';

/** Where a catalogue's checkout lives. */
export const checkoutDir = (context: Context, name: string) =>
	path.join(context.paths.dir, 'catalogs', name);

const git = (context: Context, dir: string, args: string[], what: string) =>
	runGit(args, what, {cwd: dir, env: context.env});

/** Clones `url` (any URL git understands, a local path or a bare repository included) into `dir`. */
export async function cloneCatalog(context: Context, url: string, dir: string): Promise<void> {
	fs.mkdirSync(path.dirname(dir), {recursive: true, mode: 0o700});
	fs.rmSync(dir, {recursive: true, force: true});
	// `--` so a URL can never be read as an option; the URL itself is checked by the caller.
	await runGit(['clone', '--quiet', '--', url, dir], `cloning ${url}`, {
		cwd: path.dirname(dir),
		env: context.env,
	});
}

/** The branch of the remote the catalogue follows: its HEAD, else the one branch it has. */
async function remoteBranch(context: Context, dir: string): Promise<string | undefined> {
	try {
		const head = await git(
			context,
			dir,
			['symbolic-ref', '--short', 'refs/remotes/origin/HEAD'],
			'reading the branch',
		);
		return head.trim().replace(/^origin\//, '');
	} catch {
		const refs = await git(
			context,
			dir,
			['for-each-ref', '--format=%(refname:short)', 'refs/remotes/origin'],
			'listing branches',
		);
		const branches = refs
			.split('\n')
			.map((ref) => ref.trim().replace(/^origin\//, ''))
			.filter((ref) => ref && ref !== 'HEAD' && ref !== 'origin');
		const local = await localBranch(context, dir);
		return branches.includes(local) ? local : branches[0];
	}
}

/** The branch the checkout is on (also in an empty clone, where it has no commit yet). */
const localBranch = async (context: Context, dir: string) =>
	(await git(context, dir, ['symbolic-ref', '--short', 'HEAD'], 'reading the branch')).trim();

/** Fetches and brings the checkout to the remote's branch; returns the commit, if there is one. */
export async function syncCheckout(context: Context, dir: string): Promise<string | undefined> {
	await git(context, dir, ['fetch', '--quiet', '--prune', 'origin'], 'fetching');
	const branch = await remoteBranch(context, dir);
	if (branch === undefined) return undefined; // An empty catalogue: nothing published yet.
	await git(
		context,
		dir,
		['checkout', '--quiet', '--force', '-B', branch, `origin/${branch}`],
		'checking out',
	);
	await git(context, dir, ['clean', '--quiet', '-fdx'], 'cleaning the checkout');
	return (await git(context, dir, ['rev-parse', 'HEAD'], 'reading the commit')).trim();
}

/** Commits `file` with `message` and pushes it; a refused push resets the checkout and rethrows. */
export async function commitAndPush(
	context: Context,
	dir: string,
	file: string,
	message: string,
): Promise<string> {
	const branch = (await remoteBranch(context, dir)) ?? (await localBranch(context, dir));
	await git(context, dir, ['add', '--', file], 'adding the entry');
	await git(context, dir, ['commit', '--quiet', '-m', message, '--', file], 'committing');
	try {
		await git(context, dir, ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], 'pushing');
	} catch (error) {
		await resetCheckout(context, dir, branch);
		throw error;
	}

	return (await git(context, dir, ['rev-parse', 'HEAD'], 'reading the commit')).trim();
}

/** Undoes a local commit that was not pushed: back to what the remote had. */
async function resetCheckout(context: Context, dir: string, branch: string): Promise<void> {
	try {
		await git(context, dir, ['rev-parse', '--verify', '--quiet', `origin/${branch}`], 'resetting');
		await git(context, dir, ['reset', '--quiet', '--hard', `origin/${branch}`], 'resetting');
	} catch {
		// The remote had no commit yet: drop the branch's only commit, keep an empty checkout.
		await git(context, dir, ['update-ref', '-d', 'HEAD'], 'resetting').catch(() => undefined);
		await git(
			context,
			dir,
			['rm', '-r', '--cached', '--quiet', '--ignore-unmatch', '.'],
			'resetting',
		).catch(() => undefined);
	}

	await git(context, dir, ['clean', '--quiet', '-fdx'], 'resetting').catch(() => undefined);
}

/** Whether an error is git refusing a push (rather than git missing or not answering). */
export const isGitError = (error: unknown): error is GitError => error instanceof GitError;
