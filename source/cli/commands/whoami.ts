import type {Command} from 'commander';
import {OfflineError} from '../../auth/http.js';
import type {Account} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import type {RemoteUser} from '../../providers/whoami.js';
import {askAccountIdentity} from '../../services/ask-identity.js';
import {freshToken} from '../../services/fresh-token.js';
import type {Context} from '../../store/context.js';
import {accountOption, jsonOption, orgFrom, orgOption, resolutionFrom} from '../options.js';
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
	/** What the provider said, for an API key its preset can check (`null` when not asked). */
	provider?: RemoteUser | null;
};

/**
 * Who the account is: user, active organisation (or the one `--org` picks for this run) and its
 * permissions. A token about to expire is refreshed first; offline, the stored data is shown.
 */
export async function whoami(
	context: Context,
	account: Account,
	org?: string,
	from = `the stored account "${account.alias}"`,
): Promise<WhoAmI> {
	const remote = (await askAccountIdentity(context, account, from))?.user;
	// With the permissions the provider reported, where it did.
	let current = context.store.getState().vault.accounts.find((a) => a.id === account.id) ?? account;
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
			id:
				remote?.id !== undefined && remote.id !== null
					? String(remote.id)
					: (current.subject ?? current.id),
			email: typeof remote?.email === 'string' ? remote.email : (current.email ?? null),
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
		provider: remote ?? null,
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
	if (data.provider) {
		const said = Object.entries(data.provider)
			.filter(([field]) => field !== 'id' && field !== 'email' && field !== 'ssh_key')
			.map(([field, value]) => `${field} ${sanitize(String(value), 100)}`);
		lines.push(
			`  Checked at the provider: key accepted${said.length > 0 ? `; ${said.join(', ')}` : ''}`,
		);
	}
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
				const {account, reason} = resolutionFrom(context, options.account);
				const from = `the stored account "${account.alias}" (${reason})`;
				// --org, else the profile's organization for the account, else its own.
				const org = options.org ?? orgFrom(context, account)?.id;
				const data = await whoami(context, account, org, from);
				print(options.json ? toJson(data) : formatWhoami(data));
			}),
		);
}
