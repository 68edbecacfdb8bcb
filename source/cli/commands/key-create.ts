import fs from 'node:fs';
import type {Command} from 'commander';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {maskSecret} from '../../lib/mask.js';
import {sanitize} from '../../lib/sanitize.js';
import {checkText} from '../../lib/validate.js';
import {createAndStore} from '../../services/key-create.js';
import {action, print} from '../output.js';
import {type KeyOptions, keyOptions, keyTarget} from './key-options.js';

type CreateOptions = KeyOptions & {name: string; permissions?: string; into?: string};

/** The JSON of `--permissions FILE`: read before anything is sent, refused when it is not JSON. */
export function readPermissions(file: string): unknown {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new UserError(
			`cannot read --permissions ${sanitize(file, 200)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; nothing was created`,
		);
	}

	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new UserError(`--permissions ${sanitize(file, 200)} is not JSON; nothing was created`);
	}
}

/** `key create`: a new key at the provider, stored at once; its value shown this once. */
export function registerKeyCreate(key: Command): void {
	keyOptions(
		key
			.command('create')
			.description(
				'Create a key at the provider and store it at once (a new account, or --into one)',
			)
			.requiredOption('--name <name>', 'the name of the new key')
			.option(
				'--permissions <file>',
				"a JSON file with the key's permissions (default: the provider's)",
			)
			.option(
				'--into <alias>',
				"store the new key as this account's key instead of in a new account",
			),
	).action(
		action(async (context, options: CreateOptions) => {
			const name = checkText(options.name, 'key name', 'name');
			const permissions = options.permissions ? readPermissions(options.permissions) : undefined;
			const target = await keyTarget(context, options);
			const {created, account, replaced} = await createAndStore(context, target, {
				name,
				permissions,
				into: options.into,
			});
			if (options.json) {
				print(
					toJson({
						id: created.id,
						key: created.key,
						masked: maskSecret(created.key),
						account: account.alias,
						replaced,
					}),
				);
				return;
			}

			print(
				[
					`Created key ${sanitize(created.id, 64)} "${sanitize(name, 80)}" at ${target.provider.name}, sent with ${target.sent.from}.`,
					replaced
						? `Stored as the key of "${account.alias}" (its previous key still works at ${target.provider.name}; \`authdeck key rotate\` replaces and deletes in one step).`
						: `Stored as the new account "${account.alias}", now the active ${account.providerId} account (\`authdeck switch -\` goes back).`,
					`Key, shown this once (masked from now on): ${created.key}`,
				].join('\n'),
			);
		}),
	);
}
