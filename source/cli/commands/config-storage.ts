import type {StorageKind} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import type {Context} from '../../store/context.js';
import {copySecrets, openStore, secretKeys} from '../../vault/backend.js';
import {setPendingMigration} from '../../vault/pending.js';
import {type SecretStore, storeName} from '../../vault/secrets.js';

/**
 * Moves every secret to another backend. The old store is left intact if any step fails; it is
 * emptied only after the new backend is recorded.
 */
export async function moveSecrets(context: Context, to: StorageKind): Promise<string[]> {
	const forced = context.env.AUTHDECK_STORAGE;
	if (forced && forced !== to) {
		// The variable would keep every later run on the old backend, which the move just emptied.
		throw new UserError(
			`AUTHDECK_STORAGE=${forced} is set and overrides the storage setting; unset it to move secrets to the ${storeName(to)}`,
		);
	}

	const notes: string[] = [];
	const from = (await context.backend()).store;
	const vault = context.metadata.read();
	if (from.kind === to && vault.settings.storage === to) {
		return [`secrets are already stored in the ${storeName(to)}`];
	}

	const target = await openStore(to, context.paths, context.env, context.warn);
	if (from.kind !== to) {
		const moved = await migrate(context, from, target, notes);
		notes.push(
			`moved ${moved} secret${moved === 1 ? '' : 's'} from the ${storeName(from.kind)} to the ${storeName(to)}`,
		);
	} else {
		await context.store.dispatch({type: 'settings-changed', settings: {storage: to}});
		notes.push(`secrets are stored in the ${storeName(to)}`);
	}

	return notes;
}

/**
 * The move itself, as one metadata update under the lock: the intent is journalled, every secret
 * copied, `storage` saved, then the old copies deleted. A process killed at any point leaves the
 * journal, and the next start undoes the copy (storage not saved yet) or finishes the deletes
 * (vault/recover.ts), so no second copy outlives it.
 */
async function migrate(
	context: Context,
	from: SecretStore,
	to: SecretStore,
	notes: string[],
): Promise<number> {
	let moved = 0;
	const {paths} = context;
	const saved = await context.metadata.update(
		(vault) => ({...vault, settings: {...vault.settings, storage: to.kind}}),
		{
			async before(vault) {
				const keys = secretKeys(vault);
				setPendingMigration(paths, {from: from.kind, to: to.kind, keys});
				try {
					moved = await copySecrets(vault, from, to);
				} catch (error) {
					// copySecrets removed what it copied; the old store was never touched.
					setPendingMigration(paths, undefined);
					throw error;
				}

				return async () => {
					for (const key of keys) {
						await to.delete(key).catch(() => undefined);
					}

					setPendingMigration(paths, undefined);
				};
			},
			async after(vault) {
				let complete = true;
				for (const key of secretKeys(vault)) {
					await from.delete(key).catch((error: unknown) => {
						complete = false;
						notes.push(
							`warning: could not delete ${key} from the ${storeName(from.kind)}: ${(error as Error).message}; run authdeck doctor --fix later`,
						);
					});
				}

				// What could not be deleted stays journalled, for the next start or doctor.
				if (complete) {
					setPendingMigration(paths, undefined);
				}
			},
		},
	);
	await context.store.dispatch({type: 'vault-loaded', vault: saved});
	return moved;
}
