import readline from 'node:readline/promises';
import type {Command} from 'commander';
import {UserError} from '../../lib/errors.js';
import {interactive} from '../../lib/interactive.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {checkKeyId, deleteKey, listKeys} from '../../providers/keys.js';
import {action, print} from '../output.js';
import {type KeyOptions, keyOptions, keyTarget, keyView} from './key-options.js';

/** Asks a yes/no question on the terminal; only "y" or "yes" is a yes. */
async function confirm(question: string): Promise<boolean> {
	const prompt = readline.createInterface({input: process.stdin, output: process.stderr});
	try {
		const answer = await prompt.question(`${question} [y/N] `);
		return /^y(?:es)?$/i.test(answer.trim());
	} finally {
		prompt.close();
	}
}

/** `key delete ID`: asks first on a terminal; elsewhere needs `--yes`. */
export function registerKeyDelete(key: Command): void {
	keyOptions(
		key
			.command('delete')
			.description('Delete a key at the provider (asks first on a terminal; --yes elsewhere)')
			.argument('<id>', 'the key id (see `authdeck key list`)')
			.option('--yes', 'delete without asking'),
	).action(
		action(async (context, id: string, options: KeyOptions & {yes?: boolean}) => {
			checkKeyId(id);
			if (!options.yes && !interactive()) {
				throw new UserError(
					`key delete asks before deleting; not on a terminal, pass --yes to delete key ${id}; nothing was deleted`,
				);
			}

			const target = await keyTarget(context, options);
			const found = (await listKeys(target)).find((entry) => entry.id === id);
			if (!found) {
				throw new UserError(
					`no key ${id} at ${target.provider.name} (see \`authdeck key list\`); nothing was deleted`,
				);
			}

			const view = keyView(found, target);
			const holder = view.inUse && target.account ? target.account.alias : undefined;
			const what = `key ${id}${view.name ? ` "${sanitize(view.name, 80)}"` : ''} (${view.key ?? 'key not shown'})`;
			if (!options.yes) {
				const warning = holder ? `; it is "${holder}"'s key, which will stop working` : '';
				if (!(await confirm(`Delete ${what} at ${target.provider.name}${warning}?`))) {
					throw new UserError('not deleted');
				}
			}

			await deleteKey(target, id);
			if (options.json) {
				print(toJson({deleted: id, account: holder ?? null}));
				return;
			}

			print(`Deleted ${what} at ${target.provider.name}.`);
			if (holder) {
				context.warn(
					`note: "${holder}" holds the deleted key; store a new one with \`authdeck key create --name NAME --into ${holder} --account OTHER\`, or forget it with \`authdeck logout ${holder}\``,
				);
			}
		}),
	);
}
