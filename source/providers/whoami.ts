import {UserError} from '../lib/errors.js';
import {permissionNames} from './permission.js';
import {type ApiTarget, callApi} from './request.js';

/** The user a key belongs to, as the provider says: only the fields the preset keeps, scalars only. */
export type RemoteUser = Readonly<Record<string, string | number | boolean | null>>;

/** What "who am I" answered: the user, and the key's permissions where the provider reports them. */
export type RemoteIdentity = {
	readonly user: RemoteUser;
	/**
	 * The permission names, when the provider's API declares where they are (`whoami.permissions`)
	 * and the answer holds them there.
	 */
	readonly permissions?: readonly string[];
};

/** Whether the provider's preset describes a "who am I" endpoint. */
export function canAskWhoami(target: Pick<ApiTarget, 'provider'>): boolean {
	return target.provider.api.whoami !== undefined;
}

/** The value at a dotted path of a JSON answer (`data.user`); undefined where there is none. */
function at(value: unknown, path: string): unknown {
	let here = value;
	for (const part of path.split('.')) {
		if (!here || typeof here !== 'object' || Array.isArray(here) || !Object.hasOwn(here, part)) {
			return undefined;
		}

		here = (here as Record<string, unknown>)[part];
	}

	return here;
}

/**
 * Asks the provider who the key belongs to, and what it may do where the provider's API says where
 * that is. Everything but the preset's fields (and the permission names) is dropped here, before
 * anything stores or prints the answer: Vast.ai's answer carries the raw `api_key`.
 */
export async function askIdentity(target: ApiTarget): Promise<RemoteIdentity> {
	const endpoint = target.provider.api.whoami;
	if (!endpoint) {
		throw new UserError(
			`${target.provider.name}'s API has no "who am I" endpoint known to authdeck`,
		);
	}

	const answer = await callApi(target, {method: 'GET', path: endpoint.path, endpoint: 'whoami'});
	const user = endpoint.within ? at(answer, endpoint.within) : answer;
	if (!user || typeof user !== 'object' || Array.isArray(user)) {
		throw new UserError(
			`${target.provider.name} answered "who am I" with something that is not a user`,
		);
	}

	const kept: Record<string, string | number | boolean | null> = {};
	for (const field of endpoint.fields) {
		const value = (user as Record<string, unknown>)[field];
		if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
			kept[field] =
				typeof value === 'string' ? value.slice(0, 2000) : (value as number | boolean | null);
		}
	}

	if (endpoint.permissions === undefined) {
		return {user: kept};
	}

	// A list, an object of names, or one string of them as an OAuth `scope` is (`"read write"`).
	const rights = at(answer, endpoint.permissions);
	const listed = typeof rights === 'string' ? rights.split(/[\s,]+/) : rights;
	return rights === undefined || rights === null
		? {user: kept}
		: {user: kept, permissions: permissionNames(listed)};
}

/** The user the key belongs to (see `askIdentity`). */
export async function askWhoami(target: ApiTarget): Promise<RemoteUser> {
	return (await askIdentity(target)).user;
}
