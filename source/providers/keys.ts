import {UserError} from '../lib/errors.js';
import {type ApiTarget, callApi} from './request.js';

/** A key at the provider. `key` is the raw key: it is masked before anything prints it. */
export type RemoteKey = {
	readonly id: string;
	readonly name?: string;
	readonly key?: string;
	readonly userId?: string;
	/** The key's permissions, as the provider sends them (`rights`). */
	readonly permissions?: unknown;
	readonly teamId?: string;
	readonly teamName?: string;
};

/** A key just created: the only time authdeck holds a raw key it did not store itself. */
export type CreatedKey = {
	readonly id: string;
	readonly key: string;
	readonly permissions?: unknown;
};

/** What `key create` sends: Vast.ai's `{name, permissions, key_params}`. */
export type NewKey = {
	readonly name: string;
	readonly permissions?: unknown;
	readonly keyParams?: unknown;
};

const idPattern = /^[A-Za-z0-9_.-]{1,64}$/;

/** A key id as it goes into a URL path: refused unless it is a plain id. */
export function checkKeyId(id: string): string {
	if (!idPattern.test(id)) {
		throw new UserError('a key id is letters, digits, "_", "." or "-" (see `authdeck key list`)');
	}

	return id;
}

function endpoints(target: ApiTarget) {
	const keys = target.provider.api.keys;
	if (!keys) {
		throw new UserError(
			`authdeck cannot manage ${target.provider.name} keys: its API has no key endpoints`,
		);
	}

	return keys;
}

const idOf = (value: unknown) =>
	typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;
const textOf = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Permissions arrive as an object or as that object in a JSON string. */
function permissionsOf(value: unknown): unknown {
	if (typeof value !== 'string') {
		return value ?? undefined;
	}

	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

function remoteKey(entry: unknown): RemoteKey | undefined {
	if (!entry || typeof entry !== 'object') {
		return undefined;
	}

	const record = entry as Record<string, unknown>;
	const id = idOf(record.id);
	return id === undefined
		? undefined
		: {
				id,
				name: textOf(record.name),
				key: textOf(record.key),
				userId: idOf(record.user_id),
				permissions: permissionsOf(record.rights ?? record.permissions),
				teamId: idOf(record.team_id),
				teamName: textOf(record.team_name),
			};
}

const path = (template: string, id: string) =>
	template.replace('{id}', encodeURIComponent(checkKeyId(id)));

/** `GET /auth/apikeys/`: every key of the user, `{apikeys: [...]}`. */
export async function listKeys(target: ApiTarget): Promise<RemoteKey[]> {
	const answer = (await callApi(target, {
		method: 'GET',
		path: endpoints(target).list,
		endpoint: 'list',
	})) as {
		apikeys?: unknown;
	} | null;
	const entries = Array.isArray(answer) ? answer : answer?.apikeys;
	if (!Array.isArray(entries)) {
		throw new UserError(
			`${target.provider.name} answered the key list with something that is not a list`,
		);
	}

	return entries.map(remoteKey).filter((key): key is RemoteKey => key !== undefined);
}

/** `GET /auth/apikeys/{id}/`: the key itself, as a JSON string (the raw key, or its record as JSON). */
export async function showKey(target: ApiTarget, id: string): Promise<RemoteKey> {
	const answer = await callApi(target, {
		method: 'GET',
		path: path(endpoints(target).show, id),
		endpoint: 'show',
	});
	let value: unknown = answer;
	if (typeof answer === 'string') {
		try {
			value = JSON.parse(answer) as unknown;
		} catch {
			value = answer;
		}
	}

	if (typeof value === 'string') {
		return {id, key: value};
	}

	const key = remoteKey(value) ?? remoteKey({...(value as object), id});
	if (!key) {
		throw new UserError(
			`${target.provider.name} answered key ${id} with something that is not a key`,
		);
	}

	return key;
}

/** `POST /auth/apikeys/` with `{name, permissions, key_params}`; answers `{id, key, permissions}`. */
export async function createKey(target: ApiTarget, input: NewKey): Promise<CreatedKey> {
	const answer = (await callApi(
		target,
		{method: 'POST', path: endpoints(target).create, endpoint: 'create'},
		{
			name: input.name,
			permissions: input.permissions ?? null,
			key_params: input.keyParams ?? null,
		},
	)) as Record<string, unknown> | null;
	const id = idOf(answer?.id);
	const key = textOf(answer?.key);
	if (id === undefined || !key) {
		throw new UserError(
			`${target.provider.name} answered the new key without its id or key; check \`authdeck key list\` and delete any key you do not know`,
		);
	}

	return {id, key, permissions: permissionsOf(answer?.permissions)};
}

/** `DELETE /auth/apikeys/{id}/`. */
export async function deleteKey(target: ApiTarget, id: string): Promise<void> {
	await callApi(target, {
		method: 'DELETE',
		path: path(endpoints(target).delete, id),
		endpoint: 'delete',
	});
}
