import type {Command} from 'commander';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {checkKeyId, listKeys, showKey} from '../../providers/keys.js';
import {recordKeyRights} from '../../services/record-refusal.js';
import {action, print} from '../output.js';
import {registerKeyCreate} from './key-create.js';
import {registerKeyDelete} from './key-delete.js';
import {type KeyOptions, keyLine, keyOptions, keyTarget, keyView} from './key-options.js';
import {registerKeyRotate} from './key-rotate.js';

/** `authdeck key ...`: API keys at the provider (Vast.ai): list, show, create, delete, rotate. */
export function registerKey(program: Command): void {
	const key = program
		.command('key')
		.description(
			'Manage API keys at the provider (list, show, create, delete, rotate); raw keys are masked',
		);

	keyOptions(key.command('list').description('List the keys at the provider, masked')).action(
		action(async (context, options: KeyOptions) => {
			const target = await keyTarget(context, options);
			const keys = await listKeys(target);
			await recordKeyRights(context, target, keys);
			const views = keys.map((entry) => keyView(entry, target));
			if (options.json) {
				print(toJson(views));
				return;
			}

			print(
				views.length === 0
					? `No keys at ${target.provider.name}.`
					: `${views.map(keyLine).join('\n')}\n${views.length} key${views.length === 1 ? '' : 's'} at ${target.provider.name}, sent with ${target.sent.from}`,
			);
		}),
	);

	keyOptions(
		key
			.command('show')
			.description('Show one key at the provider, masked')
			.argument('<id>', 'the key id (see `authdeck key list`)'),
	).action(
		action(async (context, id: string, options: KeyOptions) => {
			checkKeyId(id);
			const target = await keyTarget(context, options);
			const view = keyView(await showKey(target, id), target);
			if (options.json) {
				print(toJson(view));
				return;
			}

			const lines = [
				`Key ${sanitize(view.id, 64)}${view.name ? ` "${sanitize(view.name, 80)}"` : ''} at ${target.provider.name}`,
				`  Key:         ${view.key ?? '(not shown)'}${view.inUse ? '  (the key sent for this call)' : ''}`,
				`  Permissions: ${view.permissions === null ? 'not given' : sanitize(JSON.stringify(view.permissions), 500)}`,
			];
			if (view.teamName) {
				lines.push(`  Team:        ${sanitize(view.teamName, 80)}`);
			}

			print(lines.join('\n'));
		}),
	);

	registerKeyCreate(key);
	registerKeyDelete(key);
	registerKeyRotate(key);
}
