import type {Command} from 'commander';
import {findProvider} from '../../auth/providers.js';
import type {Account, Refusal, Vault} from '../../domain.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {accountFrom, accountOption, jsonOption} from '../options.js';
import {action, print} from '../output.js';

/** What authdeck knows of what an account may do, and where that knowledge comes from. */
export type Permissions = {
	account: string;
	provider: string;
	method: Account['method'];
	/**
	 * `granted`: the scopes the identity provider granted at sign-in (the token's `scope`);
	 * `recorded`: permissions stored for a key; `unknown`: the provider reports none for this key.
	 */
	source: 'granted' | 'recorded' | 'unknown';
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

/** `authdeck permissions`: what the account may do, as far as authdeck knows. */
export function registerPermissions(program: Command): void {
	program
		.command('permissions')
		.description(
			"Show what the account may do: a signed-in account's scopes, a key's recorded permissions, and any the provider found missing",
		)
		.addOption(accountOption())
		.addOption(jsonOption())
		.action(
			action(async (context, options: {account?: string; json?: boolean}) => {
				const {vault} = context.store.getState();
				const data = permissionsOf(accountFrom(context, options.account));
				print(options.json ? toJson(data) : formatPermissions(vault, data));
			}),
		);
}
