import type {Command} from 'commander';
import type {Account, Organization} from '../../domain.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import type {Context} from '../../store/context.js';
import {findOrganization} from '../../store/find-organization.js';
import {overridesOrg, profileOrgId, profileView} from '../../store/profiles.js';
import {activeOrganization, findAccount} from '../../store/selectors.js';
import {
	accountFrom,
	accountOption,
	jsonOption,
	orgFrom,
	orgOption,
	otherProfile,
	profileFrom,
} from '../options.js';
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

/**
 * The line `orgs` prints on stderr when the profile sets the account's organization: which profile,
 * and the account's own, so the ● never looks like a contradiction of `whoami` in another profile.
 */
export function profileOrgNote(context: Context, account: Account): string | undefined {
	const profile = profileFrom(context);
	if (context.flags.org !== undefined || !overridesOrg(profile.view, account)) {
		return undefined;
	}

	const chosen = account.organizations.find((o) => o.id === profileOrgId(profile.view, account));
	const own = activeOrganization(account);
	return `note: profile ${profile.name} (${profile.reason}) uses ${sanitize(chosen?.name, 80)} for ${account.alias}${own && own.id !== chosen?.id ? `; its own organization is ${sanitize(own.name, 80)} (${sanitize(own.id, 80)})` : ''}`;
}

/**
 * `authdeck org switch ID|NAME`: changes the account's active organisation where the command acts:
 * in the profile named by `--profile`, or the profile in use when it sets one for the account (its
 * override changes), else the account's own.
 */
export async function switchOrganization(
	context: Context,
	account: Account,
	query: string,
): Promise<{org: Organization; profile?: string}> {
	const org = findOrganization(account, query);
	const profile = otherProfile(context);
	await context.store.dispatch({
		type: 'organization-switched',
		accountId: account.id,
		orgId: org.id,
		...(profile ? {profile} : {}),
	});
	const {vault} = context.store.getState();
	const saved = findAccount(vault, account.id) ?? account;
	const name = profileFrom(context).name;
	return {
		org: saved.organizations.find((o) => o.id === org.id) ?? org,
		...(overridesOrg(profileView(vault, name), saved) ? {profile: name} : {}),
	};
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
				const views = listOrganizations(account, orgFrom(context, account)?.id ?? options.org);
				const note = options.json ? undefined : profileOrgNote(context, account);
				if (note) {
					context.warn(note);
				}

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
				const {org: chosen, profile} = await switchOrganization(context, account, query);
				print(
					options.json
						? toJson({
								account: account.alias,
								organization: {id: chosen.id, name: chosen.name},
								profile: profile ?? null,
							})
						: `${account.alias} now uses ${sanitize(chosen.name)} (${sanitize(chosen.id)})${profile ? ` in profile ${profile}` : ''}`,
				);
			}),
		);
}
