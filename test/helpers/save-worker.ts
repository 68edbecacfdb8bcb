/**
 * A second process for the vault's concurrency and crash tests. It opens the vault of its
 * environment (AUTHDECK_CONFIG_DIR) through the real context and store, as any command does.
 *
 *   node --import tsx test/helpers/save-worker.ts accounts PREFIX COUNT
 *     prints "ready", waits for a line on stdin, then dispatches COUNT `account-saved` actions, each
 *     with its API key (`secretFor(PREFIX, i)`), and prints "done".
 *   node --import tsx test/helpers/save-worker.ts loop PREFIX MAX [secrets]
 *     dispatches up to MAX `account-saved` actions (with their keys when `secrets` is given) as
 *     fast as it can, printing
 *     "saved I" after each one is on disk; killed from outside at a random moment.
 *   node --import tsx test/helpers/save-worker.ts sync PREFIX COUNT
 *     prints "ready", waits for a line on stdin, then writes COUNT keys to the key file of a
 *     provider of its own (`$XDG_CONFIG_HOME/PREFIX/key`), as a switch syncs vastai's, and prints "done".
 */
import {once} from 'node:events';
import {findProvider} from '../../source/auth/providers.js';
import type {Account} from '../../source/domain.js';
import {openContext} from '../../source/store/context.js';
import {syncProviderFile} from '../../source/vault/sync-write.js';
import {idFor, secretFor} from './fixtures.js';

function account(prefix: string, index: number, at: string): Account {
	return {
		id: idFor(prefix, index),
		alias: `${prefix}-${index}`,
		providerId: 'vapi',
		email: `${prefix}${index}@example.com`,
		// Long enough that a torn write would be visible, and different each time.
		name: `${prefix} account ${index} ${'n'.repeat(200)}`,
		organizations: [{id: `org_${prefix}${index}`, name: `Org ${index}`}],
		activeOrgId: `org_${prefix}${index}`,
		environment: 'production',
		method: 'api-key',
		scopes: [],
		refreshable: false,
		createdAt: at,
	};
}

async function main(): Promise<void> {
	const [mode, prefix = 'w', countText = '100'] = process.argv.slice(2);
	const count = Number(countText);
	const context = await openContext({cwd: process.cwd()});

	if (mode === 'accounts') {
		process.stdout.write('ready\n');
		// Start together with the other worker: the test sends a line to both at once.
		await once(process.stdin, 'data');
		for (let index = 0; index < count; index++) {
			const at = new Date().toISOString();
			await context.store.dispatch({
				type: 'account-saved',
				account: account(prefix, index, at),
				aliasGiven: true,
				secret: {apiKey: secretFor(prefix, index)},
				at,
			});
		}

		process.stdout.write('done\n');
		process.exit(0);
	}

	if (mode === 'loop') {
		const withSecrets = process.argv[5] === 'secrets';
		for (let index = 0; index < count; index++) {
			const at = new Date().toISOString();
			await context.store.dispatch({
				type: 'account-saved',
				account: account(prefix, index, at),
				aliasGiven: true,
				secret: withSecrets ? {apiKey: secretFor(prefix, index)} : undefined,
				at,
			});
			process.stdout.write(`saved ${index}\n`);
		}

		process.exit(0);
	}

	if (mode === 'sync') {
		const vast = findProvider(context.store.getState().vault, 'vast');
		if (!vast) throw new Error('no vast provider');
		const provider = {...vast, id: prefix, syncFile: `$XDG_CONFIG_HOME/${prefix}/key`};
		process.stdout.write('ready\n');
		await once(process.stdin, 'data');
		for (let index = 0; index < count; index++) {
			await syncProviderFile(provider, secretFor(prefix, index), context.env);
		}

		process.stdout.write('done\n');
		process.exit(0);
	}

	throw new Error(`unknown mode ${mode}`);
}

main().catch((error: unknown) => {
	process.stderr.write(`save-worker: ${(error as Error).message}\n`);
	process.exit(1);
});
