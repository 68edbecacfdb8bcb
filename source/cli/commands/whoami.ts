import type {Command} from 'commander';
import {OfflineError} from '../../auth/http.js';
import type {Account} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {freshToken} from '../../services/refresh.js';
import type {Context} from '../../store/context.js';
import {accountFrom, accountOption, jsonOption, orgFrom, orgOption} from '../options.js';
import {action, print} from '../output.js';
import {findOrganization} from './orgs.js';

export type WhoAmI = {
	user: {id: string; email: string | null; name: string | null};
	organization: {id: string; name: string} | null;
	permissions: string[];
	account: {
		alias: string;
		provider: string;
		method: Account['method'];
		tokenExpiresAt: string | null;
	};
};

/**
 * Who the account is: user, active organisation (or the one `--org` picks for this run) and its
 * permissions. A token about to expire is refreshed first; offline, the stored data is shown.
 */
export async function whoami(context: Context, account: Account, org?: string): Promise<WhoAmI> {
	let current = account;
	if (account.method !== 'api-key' && !account.needsSignIn) {
		try {
			await freshToken(context, account);
			current = context.store.getState().vault.accounts.find((a) => a.id === account.id) ?? account;
		} catch (error) {
			if (!(error instanceof OfflineError || error instanceof UserError)) {
				throw error;
			}

			context.warn(`warning: ${error.message}`);
		}
	}

	const active = org
		? findOrganization(current, org)
		: current.organizations.find((o) => o.id === current.activeOrgId);
	return {
		user: {
			id: current.subject ?? current.id,
			email: current.email ?? null,
			name: current.name ?? null,
		},
		organization: active ? {id: active.id, name: active.name} : null,
		permissions: [...current.scopes],
		account: {
			alias: current.alias,
			provider: current.providerId,
			method: current.method,
			tokenExpiresAt: current.tokenExpiresAt ?? null,
		},
	};
}

export function formatWhoami(data: WhoAmI): string {
	const lines = [
		`${sanitize(data.user.name ?? data.user.email ?? data.user.id)}${data.user.email && data.user.name ? ` <${sanitize(data.user.email)}>` : ''}`,
		`  User id:      ${sanitize(data.user.id)}`,
		`  Organization: ${data.organization ? `${sanitize(data.organization.name)} (${sanitize(data.organization.id)})` : 'none'}`,
		`  Permissions:  ${data.permissions.length > 0 ? data.permissions.map((p) => sanitize(p, 100)).join(' ') : 'none'}`,
		`  Account:      ${data.account.alias} (${data.account.provider}, ${data.account.method})`,
	];
	return `${lines.join('\n')}\n`;
}

/** `authdeck whoami`: the user, organisation and permissions behind the account. */
export function registerWhoami(program: Command): void {
	program
		.command('whoami')
		.description('Show the user, organization and permissions of the account')
		.addOption(accountOption())
		.addOption(orgOption())
		.addOption(jsonOption())
		.action(
			action(async (context, options: {account?: string; org?: string; json?: boolean}) => {
				const account = accountFrom(context, options.account);
				// --org, else the profile's organization for the account, else its own.
				const data = await whoami(context, account, options.org ?? orgFrom(context, account)?.id);
				print(options.json ? toJson(data) : formatWhoami(data));
			}),
		);
}
