import type {Command} from 'commander';
import type {Account, Organization} from '../../domain.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import type {Context} from '../../store/context.js';
import {findOrganization} from '../../store/find-organization.js';
import {findAccount} from '../../store/selectors.js';
import {accountFrom, accountOption, jsonOption, orgOption} from '../options.js';
import {action, print} from '../output.js';

export {findOrganization};

export type OrgView = {id: string; name: string; plan: string | null; active: boolean};

/** The account's organisations; `org` (from `--org`) marks another one active for this run only. */
export function listOrganizations(account: Account, org?: string): OrgView[] {
	const activeId = org ? findOrganization(account, org).id : account.activeOrgId;
	return account.organizations.map((o) => ({
		id: o.id,
		name: o.name,
		plan: o.plan ?? null,
		active: o.id === activeId,
	}));
}

export function formatOrganizations(account: Account, views: readonly OrgView[]): string {
	if (views.length === 0) {
		return `"${account.alias}" belongs to no organization\n`;
	}

	const names = views.map((view) => sanitize(view.name, 80));
	const ids = views.map((view) => sanitize(view.id, 80));
	const nameWidth = Math.max(...names.map((name) => name.length));
	const idWidth = Math.max(...ids.map((id) => id.length));
	return `${views
		.map((view, index) => {
			const plan = view.plan ? sanitize(view.plan, 40) : '';
			const line = `${view.active ? '●' : '○'} ${names[index]?.padEnd(nameWidth)}  ${ids[index]?.padEnd(idWidth)}  ${plan}`;
			return line.trimEnd();
		})
		.join('\n')}\n`;
}

/** `authdeck org switch ID|NAME`: changes the account's active organisation. */
export async function switchOrganization(
	context: Context,
	account: Account,
	query: string,
): Promise<Organization> {
	const org = findOrganization(account, query);
	await context.store.dispatch({
		type: 'organization-switched',
		accountId: account.id,
		orgId: org.id,
	});
	const saved = findAccount(context.store.getState().vault, account.id);
	return saved?.organizations.find((o) => o.id === org.id) ?? org;
}

/** `authdeck orgs` and `authdeck org switch <org>`. */
export function registerOrgs(program: Command): void {
	program
		.command('orgs')
		.description("List the account's organizations; ● marks the active one")
		.addOption(accountOption())
		.addOption(orgOption())
		.addOption(jsonOption())
		.action(
			action(async (context, options: {account?: string; org?: string; json?: boolean}) => {
				const account = accountFrom(context, options.account);
				const views = listOrganizations(account, options.org);
				print(options.json ? toJson(views) : formatOrganizations(account, views));
			}),
		);

	const org = program.command('org').description('Change the active organization');
	org
		.command('switch')
		.description('Make an organization the active one of the account')
		.argument('<org>', 'organization id or name')
		.addOption(accountOption())
		.addOption(jsonOption())
		.action(
			action(async (context, query: string, options: {account?: string; json?: boolean}) => {
				const account = accountFrom(context, options.account);
				const chosen = await switchOrganization(context, account, query);
				print(
					options.json
						? toJson({account: account.alias, organization: {id: chosen.id, name: chosen.name}})
						: `${account.alias} now uses ${sanitize(chosen.name)} (${sanitize(chosen.id)})`,
				);
			}),
		);
}
