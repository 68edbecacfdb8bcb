/**
 * A team's catalogues: `catalog add`, `pull`, `publish`, `remove`. git does the sharing (the
 * user's own remotes, configuration and credentials); the vault keeps what the last pull
 * validated, so everything else reads the entries without git.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {Catalog} from '../domain/catalog.js';
import {emptyEntries} from '../domain/catalog.js';
import {checkAlias} from '../lib/alias.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import type {Context} from '../store/context.js';
import {readCatalog, writeEntry} from '../vault/catalog-files.js';
import {type PublishWhat, publishedEntry} from './catalog-entry.js';
import {checkoutDir, cloneCatalog, commitAndPush, isGitError, syncCheckout} from './catalog-git.js';
import {applySharedSecrets} from './catalog-secrets.js';

/** What a pull did, for the line it prints. */
export type PullReport = {
	readonly name: string;
	readonly commit: string | null;
	readonly providers: number;
	readonly accounts: number;
	readonly credentials: number;
	/** Files skipped, by path, with the reason. */
	readonly skipped: ReadonlyArray<{file: string; reason: string}>;
	/** Secrets from a shared store put into the member's own. */
	readonly secrets: readonly string[];
};

export function findCatalog(context: Context, name: string): Catalog {
	const catalog = context.store.getState().vault.catalogs?.list.find((c) => c.name === name);
	if (!catalog) {
		const known = context.store.getState().vault.catalogs?.list.map((c) => c.name) ?? [];
		throw new UserError(
			`no catalogue named "${sanitize(name, 80)}"${known.length > 0 ? `; catalogues: ${known.join(', ')}` : ': add one with authdeck catalog add NAME URL'}`,
		);
	}

	return catalog;
}

/** Reads the checkout, records what is valid, says what was skipped, then applies shared secrets. */
async function record(
	context: Context,
	catalog: Catalog,
	commit: string | undefined,
	secrets: boolean,
): Promise<PullReport> {
	const {entries, problems} = readCatalog(checkoutDir(context, catalog.name));
	for (const problem of problems) {
		context.warn(`catalog ${catalog.name}: skipped ${problem.file}: ${problem.reason}`);
	}

	const saved: Catalog = {
		...catalog,
		entries,
		pulledAt: new Date().toISOString(),
		...(commit ? {commit} : {}),
	};
	await context.store.dispatch({type: 'catalog-saved', catalog: saved});
	return {
		name: catalog.name,
		commit: commit ?? null,
		providers: entries.providers.length,
		accounts: entries.accounts.length,
		credentials: entries.credentials.length,
		skipped: problems,
		secrets: secrets ? await applySharedSecrets(context, saved) : [],
	};
}

/** `catalog add NAME URL`: clones it into the config directory and pulls it. */
export async function addCatalog(context: Context, name: string, url: string): Promise<PullReport> {
	if (checkAlias(name)) {
		throw new UserError('invalid catalogue name: 1-63 lowercase letters, digits, ".", "_" or "-"');
	}

	if (context.store.getState().vault.catalogs?.list.some((c) => c.name === name)) {
		throw new UserError(
			`a catalogue named "${name}" exists already (catalog pull ${name} updates it)`,
		);
	}

	if (url.trim() === '' || url.startsWith('-') || /[\p{Cc}]/u.test(url)) {
		throw new UserError('invalid catalogue URL: give a URL or path git can clone');
	}

	// A local path is kept absolute: later clones run from the config directory, not from here.
	const local = path.resolve(context.cwd, url);
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && fs.existsSync(local)) url = local;
	const dir = checkoutDir(context, name);
	try {
		await cloneCatalog(context, url, dir);
	} catch (error) {
		fs.rmSync(dir, {recursive: true, force: true});
		throw error;
	}

	const commit = await syncCheckout(context, dir);
	return record(context, {name, url, entries: emptyEntries}, commit, true);
}

/** `catalog pull [NAME]`: every catalogue, or the one named. A failed one does not stop the others. */
export async function pullCatalogs(context: Context, name?: string): Promise<PullReport[]> {
	const list =
		name === undefined
			? (context.store.getState().vault.catalogs?.list ?? [])
			: [findCatalog(context, name)];
	const reports: PullReport[] = [];
	let failed: unknown;
	for (const catalog of list) {
		try {
			reports.push(await pullOne(context, catalog));
		} catch (error) {
			if (name !== undefined || list.length === 1) throw error;
			context.warn(`catalog ${catalog.name}: ${(error as Error).message}`);
			failed = error;
		}
	}

	if (failed && reports.length === 0) throw failed;
	return reports;
}

async function pullOne(context: Context, catalog: Catalog): Promise<PullReport> {
	const dir = checkoutDir(context, catalog.name);
	// A checkout deleted by hand is cloned again from the recorded URL.
	if (!fs.existsSync(dir)) await cloneCatalog(context, catalog.url, dir);
	return record(context, catalog, await syncCheckout(context, dir), true);
}

/**
 * `catalog publish`: writes the entry, commits it with a message naming it, pushes. The vault is
 * changed only after the push went through; a refused push resets the checkout to the remote.
 */
export async function publish(context: Context, what: PublishWhat, to: string, secret?: string) {
	const catalog = findCatalog(context, to);
	const {folder, entry, label} = publishedEntry(context.store.getState().vault, what, secret);
	const dir = checkoutDir(context, catalog.name);
	if (!fs.existsSync(dir)) await cloneCatalog(context, catalog.url, dir);
	// On top of what the remote has now, so the push is a fast-forward unless someone pushes meanwhile.
	await syncCheckout(context, dir);
	const before = readCatalog(dir).entries;
	const existed = [...before.providers, ...before.accounts, ...before.credentials].some(
		(e) => JSON.stringify(e) === JSON.stringify(entry),
	);
	if (existed) {
		return {label, commit: null as string | null, unchanged: true};
	}

	const file = writeEntry(dir, folder, entry);
	let commit: string;
	try {
		commit = await commitAndPush(context, dir, file, `authdeck: publish ${label}`);
	} catch (error) {
		if (isGitError(error)) {
			throw new UserError(
				`the push to catalogue ${catalog.name} was refused (${error.message.replace(/^git failed pushing: /, '')}); nothing was changed here: run authdeck catalog pull ${catalog.name} and publish again`,
			);
		}

		throw error;
	}

	await record(context, catalog, commit, false);
	return {label, commit, unchanged: false};
}

/** `catalog remove NAME`: forgets its entries and checkout; accounts signed in from it stay. */
export async function removeCatalog(context: Context, name: string): Promise<void> {
	findCatalog(context, name);
	await context.store.dispatch({type: 'catalog-removed', name});
	fs.rmSync(checkoutDir(context, name), {recursive: true, force: true});
}
