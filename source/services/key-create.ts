import type {Account} from '../domain.js';
import {slugify} from '../lib/alias.js';
import {UserError} from '../lib/errors.js';
import {randomId} from '../lib/ids.js';
import {maskSecret} from '../lib/mask.js';
import {type CreatedKey, createKey, deleteKey} from '../providers/keys.js';
import {permissionNames} from '../providers/permission.js';
import type {Context} from '../store/context.js';
import {findByQuery} from '../store/resolve-account.js';
import {findAccount} from '../store/selectors.js';
import type {ProviderTarget} from './provider-target.js';
import {resyncFile} from './resync-file.js';

export type CreateInput = {
	readonly name: string;
	/** The permissions JSON, as `--permissions FILE` holds it. */
	readonly permissions?: unknown;
	/** `--into ALIAS`: the account whose key the new one replaces, instead of a new account. */
	readonly into?: string;
};

export type CreateResult = {
	readonly created: CreatedKey;
	/** The account that holds the new key now. */
	readonly account: Account;
	/** Whether it replaced `--into`'s key (else it is a new account). */
	readonly replaced: boolean;
};

/**
 * Undoes a key created at the provider that authdeck could not keep; the message says whether that
 * worked, and if not, how to finish by hand. Never throws: it builds the error to throw.
 */
export async function undoCreated(
	target: ProviderTarget,
	created: CreatedKey,
	why: string,
	tail: string,
): Promise<UserError> {
	try {
		await deleteKey(target, created.id);
		return new UserError(
			`${why}; the new key ${created.id} was deleted at ${target.provider.name} again; ${tail}`,
		);
	} catch (error) {
		return new UserError(
			`${why}; the new key ${created.id} (${maskSecret(created.key)}) could not be deleted at ${target.provider.name} either (${(error as Error).message}); delete it with \`authdeck key delete ${created.id} --yes\`; ${tail}`,
		);
	}
}

/** The new key's account: like the account that asked for it, named after the key, no email (so it is not merged into that one). */
function newAccount(
	target: ProviderTarget,
	name: string,
	created: CreatedKey,
	at: string,
): Account {
	const key = created.key;
	const parent = target.account;
	return {
		id: randomId(),
		alias: slugify(name) || target.provider.id,
		providerId: target.provider.id,
		name,
		organizations: parent?.organizations ?? [],
		activeOrgId: parent?.activeOrgId,
		environment: parent?.environment ?? 'production',
		baseUrl: parent?.baseUrl ?? target.provider.baseUrl,
		method: 'api-key',
		// The rights the provider answered the new key with, by name (`user_read`, ...).
		scopes: permissionNames(created.permissions),
		refreshable: false,
		secretHint: maskSecret(key),
		createdAt: at,
		lastUsedAt: at,
		keyCreatedAt: at,
	};
}

/**
 * `key create`: a new key at the provider, stored at once: as a new account, or as `--into`'s key.
 * A key that cannot be stored is deleted at the provider again, so no key exists that nobody holds.
 */
export async function createAndStore(
	context: Context,
	target: ProviderTarget,
	input: CreateInput,
): Promise<CreateResult> {
	const {vault} = context.store.getState();
	const into = input.into ? findByQuery(vault, input.into) : undefined;
	if (into && into.providerId !== target.provider.id) {
		throw new UserError(
			`--into ${into.alias}: that is a ${into.providerId} account, not ${target.provider.id}; nothing was created`,
		);
	}

	if (into && into.method !== 'api-key') {
		throw new UserError(
			`--into ${into.alias}: that account signs in with ${into.method}, not an API key; nothing was created`,
		);
	}

	const created = await createKey(target, {name: input.name, permissions: input.permissions});
	const at = new Date().toISOString();
	try {
		if (into) {
			await context.store.dispatch({
				type: 'tokens-updated',
				accountId: into.id,
				changes: {
					secretHint: maskSecret(created.key),
					keyCreatedAt: at,
					lastUsedAt: at,
					scopes: permissionNames(created.permissions),
					refusals: undefined,
				},
				secret: {apiKey: created.key},
			});
		} else {
			await context.store.dispatch({
				type: 'account-saved',
				account: newAccount(target, input.name, created, at),
				aliasGiven: false,
				secret: {apiKey: created.key},
				at,
			});
		}
	} catch (error) {
		throw await undoCreated(
			target,
			created,
			`could not store the new key (${(error as Error).message})`,
			'nothing was changed',
		);
	}

	if (into) {
		try {
			await resyncFile(context, into, created.key);
		} catch (error) {
			context.warn(
				`warning: could not update ${target.provider.name}'s key file: ${(error as Error).message}`,
			);
		}
	}

	const now = context.store.getState().vault;
	const account = (into ? findAccount(now, into.id) : findAccount(now, now.current)) as Account;
	return {created, account, replaced: into !== undefined};
}
