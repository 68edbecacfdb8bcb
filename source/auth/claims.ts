import type {TokenEndpointResponse} from 'openid-client';
import type {Account, AccountSecret, Organization} from '../domain.js';
import {maskSecret} from '../lib/mask.js';

/** Who signed in, from the ID token and userinfo claims. */
export type Profile = {
	readonly subject?: string;
	readonly email?: string;
	readonly name?: string;
	readonly organizations: readonly Organization[];
	/** The organisation the token was issued for, when the provider says. */
	readonly activeOrgId?: string;
};

type Claims = Readonly<Record<string, unknown>>;

// Claims are stored as they came (control characters stripped on display); only the length is bounded here.
const text = (value: unknown, max = 200): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined;

function organization(value: unknown): Organization | undefined {
	if (typeof value === 'string') {
		const id = text(value);
		return id ? {id, name: id} : undefined;
	}

	if (value && typeof value === 'object') {
		const record = value as Claims;
		const id = text(record.id) ?? text(record.org_id) ?? text(record.name);
		if (!id) {
			return undefined;
		}

		const plan = text(record.plan) ?? text(record.role);
		return {
			id,
			name: text(record.name) ?? text(record.display_name) ?? id,
			...(plan ? {plan} : {}),
		};
	}

	return undefined;
}

const list = (value: unknown): unknown[] =>
	Array.isArray(value) ? value.slice(0, 1000) : value === undefined ? [] : [value];

/**
 * Organisations from the `organizations` claim (objects), the `orgs` claim (ids or objects) and the
 * `org` claim (the one the token is for; also read as `organization` or `org_id` + `org_name`),
 * merged by id.
 */
export function organizationsOf(claims: Claims): {
	organizations: Organization[];
	activeOrgId?: string;
} {
	// Auth0 and others name the token's organisation with a pair of flat claims.
	const pair =
		typeof claims.org_id === 'string'
			? {id: claims.org_id, name: typeof claims.org_name === 'string' ? claims.org_name : undefined}
			: undefined;
	const current = claims.org ?? claims.organization ?? pair;
	const byId = new Map<string, Organization>();
	for (const value of [...list(claims.organizations), ...list(claims.orgs), ...list(current)]) {
		const org = organization(value);
		const known = org ? byId.get(org.id) : undefined;
		if (org && (!known || known.name === known.id)) {
			byId.set(org.id, org);
		}
	}

	const active = organization(Array.isArray(current) ? undefined : current);
	return {organizations: [...byId.values()], activeOrgId: active?.id};
}

/** The profile in the ID token claims, completed by userinfo (which wins where both speak). */
export function profileOf(idClaims: Claims | undefined, userinfo: Claims | undefined): Profile {
	const merged: Claims = {...idClaims, ...userinfo};
	const orgs = organizationsOf(merged);
	return {
		subject: text(merged.sub, 255),
		email: text(merged.email, 254),
		name: text(merged.name) ?? text(merged.preferred_username),
		organizations: orgs.organizations,
		activeOrgId: orgs.activeOrgId,
	};
}

/** What a token response changes on the account: expiry, scopes, the masked hint. */
export function tokenChanges(
	tokens: TokenEndpointResponse,
	now: number,
	fallbackScopes: readonly string[] = [],
): Pick<Account, 'tokenExpiresAt' | 'scopes' | 'secretHint'> {
	const expiresIn = typeof tokens.expires_in === 'number' ? tokens.expires_in : undefined;
	return {
		tokenExpiresAt:
			expiresIn === undefined ? undefined : new Date(now + expiresIn * 1000).toISOString(),
		scopes: tokens.scope ? tokens.scope.split(' ').filter(Boolean) : [...fallbackScopes],
		secretHint: maskSecret(tokens.access_token),
	};
}

/**
 * The secret after a token response: the new access token, the rotated refresh token when one was
 * sent, else the old one kept (RFC 6749 §6: the server may keep the refresh token unchanged).
 */
export function nextSecret(
	previous: AccountSecret | undefined,
	tokens: TokenEndpointResponse,
	now = Date.now(),
): AccountSecret {
	return {
		...previous,
		obtainedAt: new Date(now).toISOString(),
		accessToken: tokens.access_token,
		refreshToken: tokens.refresh_token ?? previous?.refreshToken,
		idToken: tokens.id_token ?? previous?.idToken,
	};
}
