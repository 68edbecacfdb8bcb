import type {Command} from 'commander';
import {findProvider} from '../../auth/providers.js';
import type {Account, Refusal, Vault} from '../../domain.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {askAccountIdentity} from '../../services/ask-identity.js';
import type {Context} from '../../store/context.js';
import {accountOption, jsonOption, resolutionFrom} from '../options.js';
import {action, print} from '../output.js';

/** What authdeck knows of what an account may do, and where that knowledge comes from. */
export type Permissions = {
	account: string;
	provider: string;
	method: Account['method'];
	/**
	 * `granted`: the scopes the identity provider granted at sign-in (the token's `scope`);
	 * `reported`: what the provider's "who am I" answer said the key may do, just now;
	 * `recorded`: permissions stored for a key; `unknown`: the provider reports none for this key.
	 */
	source: 'granted' | 'reported' | 'recorded' | 'unknown';
	permissions: string[];
	/** A signed-in account whose grant ended: its scopes are the last known ones. */
	needsSignIn: boolean;
	/** Calls the provider refused for lack of a permission, latest first, until a new key or grant. */
	refused: Refusal[];
};

/** The permissions of one account, from the metadata alone (offline, no secret read). */
export function permissionsOf(account: Account): Permissions {
	const signedIn = account.method !== 'api-key';
	const permissions = [...account.scopes];
	return {
		account: account.alias,
		provider: account.providerId,
		method: account.method,
		source: signedIn ? 'granted' : permissions.length > 0 ? 'recorded' : 'unknown',
		permissions,
		needsSignIn: account.needsSignIn === true,
		refused: (account.refusals ?? []).map(({permission, call, at}) => ({permission, call, at})),
	};
}

export function formatPermissions(vault: Vault, data: Permissions): string {
	const provider = findProvider(vault, data.provider)?.name ?? data.provider;
	const head = `${data.account} (${sanitize(provider)}, ${data.method})`;
	const explained: Record<Permissions['source'], string> = {
		granted: 'Scopes granted at sign-in:',
		reported: `Permissions ${sanitize(provider)} reports for this key:`,
		recorded: 'Permissions recorded for this key:',
		unknown: `${sanitize(provider)} reports no permissions for an API key; it may do whatever the key was issued for`,
	};
	const lines = [head, `  ${explained[data.source]}`];
	if (data.source !== 'unknown') {
		lines.push(
			...(data.permissions.length > 0
				? data.permissions.map((p) => `    ${sanitize(p, 200)}`)
				: ['    none']),
		);
	}

	if (data.needsSignIn) lines.push('  (the last known grant: this account must sign in again)');
	if (data.refused.length > 0) {
		lines.push(
			`  Refused by ${sanitize(provider)} for lack of a permission:`,
			...data.refused.map(
				(r) =>
					`    ${sanitize(r.permission, 100)}  (${sanitize(r.call, 200)}, ${sanitize(r.at, 64)})`,
			),
		);
	}

	return `${lines.join('\n')}\n`;
}

/**
 * The permissions of an account, asking the provider first where its "who am I" answer says what a
 * key may do (a provider added with `--permissions-field`); offline or without that, what is stored.
 */
export async function currentPermissions(
	context: Context,
	account: Account,
	from: string,
): Promise<Permissions> {
	const field = findProvider(context.store.getState().vault, account.providerId)?.api?.whoami
		?.permissions;
	const identity =
		account.method === 'api-key' && field !== undefined
			? await askAccountIdentity(context, account, from)
			: undefined;
	if (identity && !identity.permissions) {
		context.warn(
			`note: ${account.providerId}'s "who am I" answer holds no "${sanitize(field ?? '', 100)}"; showing the permissions on record`,
		);
	}

	const current =
		context.store.getState().vault.accounts.find((a) => a.id === account.id) ?? account;
	const data = permissionsOf(current);
	return identity?.permissions ? {...data, source: 'reported'} : data;
}

/** `authdeck permissions`: what the account may do, as far as authdeck knows. */
export function registerPermissions(program: Command): void {
	program
		.command('permissions')
		.description(
			"Show what the account may do: a signed-in account's scopes, a key's permissions as its provider reports them (or as recorded), and any the provider found missing",
		)
		.addOption(accountOption())
		.addOption(jsonOption())
		.action(
			action(async (context, options: {account?: string; json?: boolean}) => {
				const {account, reason} = resolutionFrom(context, options.account);
				const from = `the stored account "${account.alias}" (${reason})`;
				const data = await currentPermissions(context, account, from);
				const {vault} = context.store.getState();
				print(options.json ? toJson(data) : formatPermissions(vault, data));
			}),
		);
}
