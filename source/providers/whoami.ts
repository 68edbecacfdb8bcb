import {UserError} from '../lib/errors.js';
import {type ApiTarget, callApi} from './request.js';

/** The user a key belongs to, as the provider says: only the fields the preset keeps, scalars only. */
export type RemoteUser = Readonly<Record<string, string | number | boolean | null>>;

/** Whether the provider's preset describes a "who am I" endpoint. */
export function canAskWhoami(target: Pick<ApiTarget, 'provider'>): boolean {
	return target.provider.api.whoami !== undefined;
}

/**
 * Asks the provider who the key belongs to. Everything but the preset's fields is dropped here,
 * before anything stores or prints the answer: Vast.ai's answer carries the raw `api_key`.
 */
export async function askWhoami(target: ApiTarget): Promise<RemoteUser> {
	const endpoint = target.provider.api.whoami;
	if (!endpoint) {
		throw new UserError(
			`${target.provider.name}'s API has no "who am I" endpoint known to authdeck`,
		);
	}

	const answer = await callApi(target, {method: 'GET', path: endpoint.path, endpoint: 'whoami'});
	const user = endpoint.within
		? (answer as Record<string, unknown> | null)?.[endpoint.within]
		: answer;
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

	return kept;
}
