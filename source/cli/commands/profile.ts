import type {Command} from 'commander';
import {allProviders} from '../../auth/providers.js';
import {defaultProfile} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {interactive} from '../../lib/interactive.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import type {Context} from '../../store/context.js';
import {type ProfileView, profileNames, profileView, unknownProfile} from '../../store/profiles.js';
import {findAccount} from '../../store/selectors.js';
import {jsonOption, profileFrom} from '../options.js';
import {action, print} from '../output.js';

/** One profile as `profile show --json` and `profile list --json` print it. */
export type ProfileData = {
	name: string;
	inUse: boolean;
	/** The active account's alias per provider id. */
	active: Record<string, string>;
	current: string | null;
	overrides: {
		baseUrls: Record<string, string>;
		/** Organization id per account alias. */
		organizations: Record<string, string>;
		proxy: string | null;
	};
};

export function profileData(context: Context, view: ProfileView): ProfileData {
	const {vault} = context.store.getState();
	const alias = (id: string | undefined) => findAccount(vault, id)?.alias;
	const active: Record<string, string> = {};
	for (const provider of allProviders(vault)) {
		const name = alias(view.active[provider.id]);
		if (name) {
			active[provider.id] = name;
		}
	}

	const organizations: Record<string, string> = {};
	for (const [id, org] of Object.entries(view.overrides.organizations ?? {})) {
		const name = alias(id);
		if (name) {
			organizations[name] = org;
		}
	}

	return {
		name: view.name,
		inUse: view.inUse,
		active,
		current: alias(view.current) ?? null,
		overrides: {
			baseUrls: {...view.overrides.baseUrls},
			organizations,
			proxy: view.overrides.proxy ?? null,
		},
	};
}

/** The profile a command names, or a one-line error naming the profiles there are. */
export function namedProfile(context: Context, name: string): ProfileView {
	const {vault} = context.store.getState();
	const view = profileView(vault, name);
	if (!view) {
		throw new UserError(unknownProfile(vault, name, (text) => sanitize(text, 80)));
	}

	return view;
}

const choices = (data: ProfileData) =>
	Object.entries(data.active)
		.map(([provider, alias]) => `${provider}: ${alias}`)
		.join(', ') || 'no accounts chosen yet';

export function formatProfile(data: ProfileData): string {
	const lines = [`Profile ${data.name}${data.inUse ? ' (in use)' : ''}`];
	lines.push(`  Active accounts: ${choices(data)}`);
	lines.push(`  Current account: ${data.current ?? 'none'}`);
	for (const [provider, url] of Object.entries(data.overrides.baseUrls)) {
		lines.push(`  Base URL for ${provider}: ${sanitize(url, 300)}`);
	}

	for (const [alias, org] of Object.entries(data.overrides.organizations)) {
		lines.push(`  Organization for ${alias}: ${sanitize(org, 100)}`);
	}

	if (data.overrides.proxy) {
		lines.push(`  Proxy: ${sanitize(data.overrides.proxy, 300)}`);
	}

	return `${lines.join('\n')}\n`;
}

export async function createProfile(
	context: Context,
	name: string,
	options: {from?: string; json?: boolean},
): Promise<void> {
	await context.store.dispatch({
		type: 'profile-created',
		name,
		from: options.from,
		at: new Date().toISOString(),
	});
	const data = profileData(context, namedProfile(context, name));
	print(
		options.json
			? toJson(data)
			: options.from
				? `Created profile ${name} from ${options.from} (${choices(data)})`
				: `Created profile ${name}; no accounts chosen yet: run \`authdeck profile use ${name}\`, then switch to its accounts`,
	);
}

export async function useProfile(
	context: Context,
	name: string,
	options: {json?: boolean},
): Promise<void> {
	namedProfile(context, name);
	await context.store.dispatch({type: 'profile-used', name});
	const data = profileData(context, namedProfile(context, name));
	print(options.json ? toJson(data) : `Using profile ${name} (${choices(data)})`);
}

export function listProfiles(context: Context, options: {json?: boolean}): void {
	const {vault} = context.store.getState();
	const all = profileNames(vault).map((name) =>
		profileData(context, profileView(vault, name) as ProfileView),
	);
	print(
		options.json
			? toJson(all)
			: all
					.map((data) => `${data.inUse ? '*' : ' '} ${data.name.padEnd(16)} ${choices(data)}`)
					.join('\n'),
	);
}

async function removeProfile(context: Context, name: string, options: {yes?: boolean}) {
	if (name === defaultProfile) {
		throw new UserError('the default profile cannot be removed');
	}

	const view = namedProfile(context, name);
	if (view.inUse && !options.yes) {
		throw new UserError(
			interactive()
				? `profile ${name} is in use; run \`authdeck profile use default\` first, or pass --yes to remove it and use default`
				: `profile ${name} is in use; pass --yes to remove it and use default`,
		);
	}

	await context.store.dispatch({type: 'profile-removed', name});
	print(`Removed profile ${name}${view.inUse ? '; using profile default' : ''}`);
}

/** `authdeck profile create|use|list|show|remove`: named sets of choices, like gcloud's configurations. */
export function registerProfile(program: Command): void {
	const profile = program
		.command('profile')
		.description(
			'Named sets of choices: the active account per provider, the current one, overrides',
		);
	profile
		.command('create')
		.description('Create a profile, empty or a copy of another (--from)')
		.argument('<name>')
		.option('--from <profile>', 'start with the choices and overrides of this profile')
		.addOption(jsonOption())
		.action(action(createProfile));
	profile
		.command('use')
		.description("Use a profile: every provider switches to the profile's accounts at once")
		.argument('<name>')
		.addOption(jsonOption())
		.action(action(useProfile));
	profile
		.command('list')
		.description('List the profiles; * marks the one in use')
		.addOption(jsonOption())
		.action(action(async (context, options: {json?: boolean}) => listProfiles(context, options)));
	profile
		.command('show')
		.description('Show a profile (default: the one this command would use)')
		.argument('[name]')
		.addOption(jsonOption())
		.action(
			action(async (context, name: string | undefined, options: {json?: boolean}) => {
				const view = name === undefined ? profileFrom(context).view : namedProfile(context, name);
				const data = profileData(context, view);
				print(options.json ? toJson(data) : formatProfile(data));
			}),
		);
	profile
		.command('remove')
		.description('Remove a profile (not default; the one in use only with --yes)')
		.argument('<name>')
		.option('--yes', 'remove it even if it is in use (default is used then)')
		.action(action(removeProfile));
}
