import {type Command, Option} from 'commander';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {
	findProviderKeys,
	type Importable,
	type ImportResult,
	importable,
	importKeys,
} from '../../services/provider-imports.js';
import type {Context} from '../../store/context.js';
import {jsonOption} from '../options.js';
import {action, print} from '../output.js';

const statusText: Readonly<Record<ImportResult['status'], (r: ImportResult) => string>> = {
	added: (r) => `added as ${r.alias}`,
	'already stored': (r) => `already stored${r.alias ? ` (${r.alias})` : ''}, skipped`,
	'would add': () => 'would be added (dry run)',
};

/** One line per key found: where, masked, and what became of it. */
export function formatImport(results: readonly ImportResult[]): string {
	if (results.length === 0) {
		return 'No provider keys found (looked for $XDG_CONFIG_HOME/vastai/vast_api_key, ~/.vast_api_key and ~/.vapi-cli.yaml)';
	}

	return results
		.map(
			(r) =>
				`${r.provider} key ${r.masked} in ${sanitize(r.file)}${r.baseUrl ? ` (base URL ${sanitize(r.baseUrl)})` : ''}: ${statusText[r.status](r)}`,
		)
		.join('\n');
}

/** Finds and imports; problems with a file are warnings, on stderr. */
export async function runImport(
	context: Context,
	which: Importable | 'all',
	dryRun: boolean,
): Promise<ImportResult[]> {
	const {found, problems} = findProviderKeys(context, which);
	for (const problem of problems) context.warn(`warning: ${problem}`);
	return importKeys(context, found, dryRun);
}

/** `authdeck import [vast|vapi|all]`: the keys the providers' own CLIs keep, added as accounts. */
export function registerImport(program: Command): void {
	program
		.command('import')
		.description(
			"Add the keys the providers' own CLIs keep (vastai's key files, ~/.vapi-cli.yaml) as accounts",
		)
		.addArgument(
			program
				.createArgument('[provider]', 'which files to look at')
				.choices([...importable, 'all'])
				.default('all'),
		)
		.addOption(new Option('--dry-run', 'show what would be added, change nothing'))
		.addOption(jsonOption())
		.action(
			action(
				async (context, which: Importable | 'all', options: {dryRun?: boolean; json?: boolean}) => {
					const results = await runImport(context, which, Boolean(options.dryRun));
					print(
						options.json
							? toJson(results.map(({key: _key, ...shown}) => shown))
							: formatImport(results),
					);
				},
			),
		);
}
