/**
 * Reads a catalogue's checkout: `providers/*.json`, `accounts/*.json`, `credentials/*.json`, each
 * one entry checked by its compiled schema. A file that fails (bad JSON, a field too many, a secret
 * where a reference belongs, a name that is not its file's) is reported by its path and skipped
 * whole; the others still apply.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
	AccountTemplate,
	CatalogEntries,
	CatalogProvider,
	CredentialDefinition,
} from '../domain/catalog.js';
import {isReservedVariable} from '../lib/reserved-variables.js';
import {validateAccount, validateCredential, validateProvider} from './catalog-validator.js';

/** A file of the catalogue that was not applied, and why. */
export type CatalogProblem = {readonly file: string; readonly reason: string};

/** The folders of a catalogue, and what each holds. */
export const catalogFolders = ['providers', 'accounts', 'credentials'] as const;
export type CatalogFolder = (typeof catalogFolders)[number];

/** A file bigger than this is not a hand-written entry. */
const maximumBytes = 64 * 1024;

const validators = {
	providers: validateProvider,
	accounts: validateAccount,
	credentials: validateCredential,
};

/** The name an entry's file has: its id or alias, or for a credential its name made file-safe. */
export function entryFileName(
	folder: CatalogFolder,
	entry: {id?: string; alias?: string; name?: string},
) {
	const base =
		folder === 'providers' ? entry.id : folder === 'accounts' ? entry.alias : slug(entry.name);
	return `${folder}/${base}.json`;
}

const slug = (name = '') =>
	name
		.toLowerCase()
		.replaceAll(/[^a-z0-9._-]+/g, '-')
		.replaceAll(/^[-.]+|-+$/g, '')
		.slice(0, 60) || 'credential';

function readEntry(dir: string, file: string, folder: CatalogFolder): unknown {
	const full = path.join(dir, file);
	const stat = fs.lstatSync(full);
	// A symlink could point anywhere on the member's disk: a catalogue holds plain files only.
	if (!stat.isFile()) throw new Error('not a plain file');
	if (stat.size > maximumBytes) throw new Error(`larger than ${maximumBytes / 1024} KB`);
	let data: unknown;
	try {
		data = JSON.parse(fs.readFileSync(full, 'utf8'));
	} catch (error) {
		throw new Error(`not valid JSON (${(error as Error).message.split('\n')[0]})`);
	}

	const validate = validators[folder];
	if (!validate(data)) {
		const first = validate.errors?.[0];
		throw new Error(
			`fails the schema: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim(),
		);
	}

	const provider = data as {envVars?: string[]; orgEnvVars?: string[]; baseUrlEnvVars?: string[]};
	const reserved =
		folder === 'providers' &&
		[
			...(provider.envVars ?? []),
			...(provider.orgEnvVars ?? []),
			...(provider.baseUrlEnvVars ?? []),
		].find(isReservedVariable);
	if (reserved) {
		throw new Error(`asks env and exec to set ${reserved}, which no provider may set`);
	}

	if (entryFileName(folder, data as never) !== file) {
		throw new Error(
			`its name does not match the file's (expected ${entryFileName(folder, data as never)})`,
		);
	}

	return data;
}

/** Every valid entry of the checkout in `dir`, and the files that were skipped. */
export function readCatalog(dir: string): {entries: CatalogEntries; problems: CatalogProblem[]} {
	const problems: CatalogProblem[] = [];
	const found: Record<CatalogFolder, unknown[]> = {providers: [], accounts: [], credentials: []};
	for (const folder of catalogFolders) {
		const where = path.join(dir, folder);
		const stat = fs.lstatSync(where, {throwIfNoEntry: false});
		if (!stat) continue;
		if (!stat.isDirectory()) {
			// A symlinked folder could list any directory on the member's disk.
			problems.push({file: folder, reason: 'not a plain folder'});
			continue;
		}

		for (const name of fs.readdirSync(where).sort()) {
			const file = `${folder}/${name}`;
			if (!name.endsWith('.json')) {
				if (!name.startsWith('.')) problems.push({file, reason: 'not a .json file'});
				continue;
			}

			try {
				found[folder].push(readEntry(dir, file, folder));
			} catch (error) {
				problems.push({file, reason: (error as Error).message});
			}
		}
	}

	return {
		entries: {
			providers: found.providers as CatalogProvider[],
			accounts: found.accounts as AccountTemplate[],
			credentials: found.credentials as CredentialDefinition[],
		},
		problems,
	};
}

/** Writes one entry's file into the checkout (pretty JSON, as a reviewer reads it); returns its path. */
export function writeEntry(dir: string, folder: CatalogFolder, entry: object): string {
	const file = entryFileName(folder, entry);
	fs.mkdirSync(path.join(dir, folder), {recursive: true});
	fs.writeFileSync(path.join(dir, file), `${JSON.stringify(entry, null, '\t')}\n`);
	return file;
}
