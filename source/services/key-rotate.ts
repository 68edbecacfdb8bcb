import {UserError} from '../lib/errors.js';
import {maskSecret} from '../lib/mask.js';
import {sanitize} from '../lib/sanitize.js';
import {
	type CreatedKey,
	createKey,
	deleteKey,
	listKeys,
	type RemoteKey,
} from '../providers/keys.js';
import {askWhoami} from '../providers/whoami.js';
import type {Context} from '../store/context.js';
import {findByQuery} from '../store/resolve-account.js';
import {undoCreated} from './key-create.js';
import {type ProviderTarget, storedTarget} from './provider-target.js';
import {resyncFile} from './resync-file.js';

export type RotateResult = {
	readonly alias: string;
	readonly oldId: string;
	readonly newId: string;
	/** The masked new key. */
	readonly secret: string;
	/** The provider's key file rewritten with the new key (sync-files), if any. */
	readonly synced?: string;
	/** Set when the old key could not be deleted: the new one is in use, the old one still works. */
	readonly oldKeyLeft?: string;
};

const stopped = (alias: string) => `"${alias}" still uses its old key`;

/** The stored key among the provider's keys: the one whose raw key is the stored one. */
async function findOld(target: ProviderTarget, alias: string): Promise<RemoteKey> {
	const keys = await listKeys(target).catch((error: unknown) => {
		throw new UserError(
			`rotation stopped before it began: could not list the keys (${(error as Error).message}); nothing was changed`,
		);
	});
	const old = keys.find((key) => key.key === target.sent.key);
	if (!old) {
		throw new UserError(
			`rotation stopped before it began: none of the ${keys.length} keys at ${target.provider.name} is the one stored for "${alias}"; nothing was changed`,
		);
	}

	return old;
}

/** Checks the new key with "who am I": it must work, and belong to the same user as the old one. */
async function checkNew(
	target: ProviderTarget,
	old: RemoteKey,
	created: CreatedKey,
	alias: string,
) {
	try {
		const user = await askWhoami({
			...target,
			sent: {key: created.key, from: 'the new key, just created'},
		});
		if (old.userId !== undefined && user.id !== undefined && String(user.id) !== old.userId) {
			throw new UserError(`it belongs to user ${sanitize(String(user.id), 40)}, not ${old.userId}`);
		}
	} catch (error) {
		throw await undoCreated(
			target,
			created,
			`rotation stopped: the new key did not pass "who am I" (${(error as Error).message})`,
			`${stopped(alias)}; nothing was changed`,
		);
	}
}

/**
 * Zero-downtime rotation: a new key with the old one's name and permissions, checked with "who am
 * I", stored, the provider's own file re-synced, and only then the old key deleted at the
 * provider. Until the store, any failure deletes the new key again; a failed re-sync puts the old
 * key back; a failed delete of the old key leaves the new one in use and says how to finish.
 */
export async function rotateKey(
	context: Context,
	query: string,
	baseUrl?: string,
): Promise<RotateResult> {
	const account = findByQuery(context.store.getState().vault, query);
	const target = await storedTarget(
		context,
		account,
		`the stored account "${account.alias}" (being rotated)`,
		baseUrl,
	);
	const old = await findOld(target, account.alias);
	let created: CreatedKey;
	try {
		created = await createKey(target, {
			name: old.name ?? account.alias,
			permissions: old.permissions,
		});
	} catch (error) {
		throw new UserError(
			`rotation stopped: could not create the new key (${(error as Error).message}); ${stopped(account.alias)}; nothing was changed`,
		);
	}

	await checkNew(target, old, created, account.alias);
	const at = new Date().toISOString();
	const before = {secretHint: account.secretHint, keyCreatedAt: account.keyCreatedAt};
	try {
		await context.store.dispatch({
			type: 'tokens-updated',
			accountId: account.id,
			changes: {secretHint: maskSecret(created.key), keyCreatedAt: at},
			secret: {apiKey: created.key},
		});
	} catch (error) {
		throw await undoCreated(
			target,
			created,
			`rotation stopped: could not store the new key (${(error as Error).message})`,
			`${stopped(account.alias)}; nothing was changed`,
		);
	}

	let synced: string | undefined;
	try {
		synced = await resyncFile(context, account, created.key);
	} catch (error) {
		const why = `rotation stopped: could not re-sync ${target.provider.name}'s key file (${(error as Error).message})`;
		try {
			await context.store.dispatch({
				type: 'tokens-updated',
				accountId: account.id,
				changes: before,
				secret: {apiKey: target.sent.key},
			});
		} catch (undo) {
			throw new UserError(
				`${why}, and the old key could not be put back (${(undo as Error).message}); the new key ${created.id} is stored and works; the old key ${old.id} still works too`,
			);
		}

		throw await undoCreated(
			target,
			created,
			why,
			`the old key was put back; ${stopped(account.alias)}`,
		);
	}

	const result = {
		alias: account.alias,
		oldId: old.id,
		newId: created.id,
		secret: maskSecret(created.key),
		synced,
	};
	try {
		await deleteKey(
			{
				...target,
				sent: {key: created.key, from: `the stored account "${account.alias}" (its new key)`},
			},
			old.id,
		);
	} catch (error) {
		return {...result, oldKeyLeft: (error as Error).message};
	}

	return result;
}
