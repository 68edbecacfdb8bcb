import type {ApiEndpoint, ProviderApi} from '../domain.js';
import {sanitize} from '../lib/sanitize.js';

/** A permission a refused call lacked, and who said so. */
export type Missing = {
	/** As the provider names it: `user_write`, or the scopes an OAuth API asks for (`calls:write`). */
	readonly permission: string;
	/** `answer`: the provider's answer named it; `endpoint`: the preset says the endpoint needs it. */
	readonly source: 'answer' | 'endpoint';
	/** `scope` when an OAuth challenge named it, else `permission`. */
	readonly noun: 'permission' | 'scope';
};

const plain = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' ? sanitize(value.trim(), 100) : undefined;

/**
 * The permission names in a key's rights as a provider sends them: Vast.ai's
 * `{api: {user_read: {}, ...}}`, a plain object of names, or a list of names.
 */
export function permissionNames(rights: unknown): string[] {
	if (Array.isArray(rights)) {
		return rights.map(plain).filter((name): name is string => name !== undefined);
	}

	if (!rights || typeof rights !== 'object') {
		return [];
	}

	const inner = (rights as Record<string, unknown>).api;
	const names = Object.keys(inner && typeof inner === 'object' ? inner : rights);
	return names.map(plain).filter((name): name is string => name !== undefined);
}

/** RFC 6750 §3: `WWW-Authenticate: Bearer error="insufficient_scope", scope="a b"`. */
function fromChallenge(header: string | null): string | undefined {
	if (!header || !/error="?insufficient_scope"?/i.test(header)) {
		return undefined;
	}

	return plain(/\bscope="([^"]*)"/i.exec(header)?.[1]);
}

/** A body that names what it lacks: `{required_permission}`, `{missing_scope}` and the like. */
function fromBody(body: string): string | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}

	if (!parsed || typeof parsed !== 'object') {
		return undefined;
	}

	const record = parsed as Record<string, unknown>;
	const fields = [
		'required_permission',
		'missing_permission',
		'required_scope',
		'missing_scope',
		'permission',
		'scope',
	];
	for (const field of fields) {
		const value = record[field];
		const found = Array.isArray(value) ? value.map(plain).filter(Boolean).join(' ') : plain(value);
		if (found) {
			return found;
		}
	}

	return undefined;
}

/**
 * What a 403 lacked: what the answer names (its WWW-Authenticate challenge, then its body), else
 * what the preset declares the endpoint needs; undefined when neither says.
 */
export function missingPermission(
	api: ProviderApi,
	endpoint: ApiEndpoint | undefined,
	response: Pick<Response, 'headers'>,
	body: string,
): Missing | undefined {
	const scope = fromChallenge(response.headers.get('www-authenticate'));
	if (scope) {
		return {permission: scope, source: 'answer', noun: 'scope'};
	}

	const said = fromBody(body);
	if (said) {
		return {permission: said, source: 'answer', noun: 'permission'};
	}

	const needed = endpoint ? api.requires?.[endpoint] : undefined;
	return needed ? {permission: needed, source: 'endpoint', noun: 'permission'} : undefined;
}

/** The clause a refusal's message carries: what was missing, and what the key is known to have. */
export function missingClause(missing: Missing, rights: readonly string[] | undefined): string {
	const what = `it needs the ${missing.permission} ${missing.noun}`;
	if (!rights || rights.length === 0 || rights.includes(missing.permission)) {
		return `${what}${missing.source === 'answer' ? ' (the answer says so)' : ''}`;
	}

	return `${what}, which the key lacks (its permissions: ${rights.join(', ')})`;
}
