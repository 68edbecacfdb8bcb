import path from 'node:path';
import {findProvider} from '../auth/providers.js';
import type {Account} from '../domain.js';
import {homeDirectory} from '../lib/builtins.js';
import {readFlatYaml} from '../lib/flat-yaml.js';
import {maskSecret} from '../lib/mask.js';
import type {Context} from '../store/context.js';
import {primarySecret, readAccountSecret} from '../vault/read-secret.js';
import {expandSyncPath, readProviderFile} from '../vault/sync-file.js';
import {loginWithKey} from './api-key-login.js';

/** The providers whose own CLI's files authdeck can import from. */
export const importable = ['vast', 'vapi'] as const;
export type Importable = (typeof importable)[number];

/** A key found in a provider CLI's own file. */
export type FoundKey = {
	readonly provider: Importable;
	readonly file: string;
	readonly key: string;
	readonly baseUrl?: string;
};

/** What became of one found key. */
export type ImportResult = FoundKey & {
	readonly status: 'added' | 'already stored' | 'would add';
	/** The account it was added as, or the one that already holds it. */
	readonly alias?: string;
	/** The masked key, for display. */
	readonly masked: string;
};

/** A key file's one key: its first line, trimmed; a file with nothing in it holds none. */
function keyIn(content: string): string | undefined {
	const key = content.split(/\r?\n/)[0]?.trim() ?? '';
	return key === '' || /\s/.test(key) ? undefined : key;
}

/**
 * The keys the providers' own CLIs keep: vastai's `$XDG_CONFIG_HOME/vastai/vast_api_key` and its
 * legacy `~/.vast_api_key`, and the Vapi CLI's `~/.vapi-cli.yaml` (`api_key`, `base_url`). A file
 * that cannot be read is a problem to report, not a reason to stop.
 */
export function findProviderKeys(
	context: Context,
	which: Importable | 'all',
): {found: FoundKey[]; problems: string[]} {
	const found: FoundKey[] = [];
	const problems: string[] = [];
	const {vault} = context.store.getState();
	if (which === 'all' || which === 'vast') {
		const synced = findProvider(vault, 'vast')?.syncFile ?? '$XDG_CONFIG_HOME/vastai/vast_api_key';
		for (const file of [
			expandSyncPath(synced, context.env),
			path.join(homeDirectory(context.env), '.vast_api_key'),
		]) {
			const content = readProviderFile(file);
			const key = content === undefined ? undefined : keyIn(content);
			if (key) found.push({provider: 'vast', file, key});
			else if (content !== undefined) problems.push(`${file} holds no key`);
		}
	}

	if (which === 'all' || which === 'vapi') {
		const file = path.join(homeDirectory(context.env), '.vapi-cli.yaml');
		const content = readProviderFile(file);
		if (content !== undefined) {
			try {
				const values = readFlatYaml(content);
				const key = values.api_key ? keyIn(values.api_key) : undefined;
				if (key) found.push({provider: 'vapi', file, key, baseUrl: values.base_url || undefined});
				else problems.push(`${file} has no api_key`);
			} catch (error) {
				problems.push(`cannot read ${file}: ${(error as Error).message}`);
			}
		}
	}

	return {found, problems};
}

/** The account of that provider whose stored key is `key`, if any. */
async function holderOf(context: Context, found: FoundKey): Promise<Account | undefined> {
	const {vault} = context.store.getState();
	for (const account of vault.accounts.filter((a) => a.providerId === found.provider)) {
		const secret = await readAccountSecret(context, account.id);
		if (primarySecret(secret) === found.key) return account;
	}

	return undefined;
}

/**
 * Adds each found key as an account of its provider (alias: the provider's name, made unique),
 * skipping a key an account already holds and a key found twice (the vast file and its legacy
 * copy). With `dryRun`, says what it would do and changes nothing. The files are only read.
 */
export async function importKeys(
	context: Context,
	found: readonly FoundKey[],
	dryRun: boolean,
): Promise<ImportResult[]> {
	const results: ImportResult[] = [];
	for (const item of found) {
		const masked = maskSecret(item.key);
		const holder = await holderOf(context, item);
		const twin = results.find((r) => r.provider === item.provider && r.key === item.key);
		if (holder || twin) {
			results.push({
				...item,
				masked,
				status: 'already stored',
				alias: holder?.alias ?? twin?.alias,
			});
			continue;
		}

		if (dryRun) {
			results.push({...item, masked, status: 'would add'});
			continue;
		}

		const account = await loginWithKey(context, {
			provider: item.provider,
			apiKey: item.key,
			baseUrl: item.baseUrl,
		});
		results.push({...item, masked, status: 'added', alias: account.alias});
	}

	return results;
}
