import type {Command} from 'commander';
import {findProvider} from '../../auth/providers.js';
import {UserError} from '../../lib/errors.js';
import {sanitize} from '../../lib/sanitize.js';
import {checkUrl} from '../../lib/validate.js';
import type {Context} from '../../store/context.js';
import {findOrganization} from '../../store/find-organization.js';
import {findByQuery} from '../../store/resolve-account.js';
import {jsonOption, profileFrom} from '../options.js';
import {action} from '../output.js';
import {createProfile, listProfiles, namedProfile, useProfile} from './profile.js';

/** The settings a profile overrides, by their command-line names. */
export const profileKeys = ['proxy', 'base-url', 'org'] as const;

const usage = {
	proxy: 'config set --profile NAME proxy URL (empty to clear)',
	'base-url': 'config set [--profile NAME] base-url PROVIDER URL (empty to clear)',
	org: 'config set [--profile NAME] org ACCOUNT ORG (empty to clear)',
} as const;

/** Whether `config set KEY` changes a profile: with --profile, or for the keys only profiles have. */
export function setsProfile(context: Context, key: string): boolean {
	return context.flags.profile !== undefined || key === 'base-url' || key === 'org';
}

/**
 * `config set [--profile NAME] proxy|base-url|org ...`: a profile's overrides. Without --profile,
 * `base-url` and `org` change the profile the command uses (the one in use, unless
 * AUTHDECK_PROFILE or `.authdeck` names another).
 */
export async function setProfileSetting(
	context: Context,
	key: string,
	values: readonly string[],
): Promise<string[]> {
	if (!(profileKeys as readonly string[]).includes(key)) {
		throw new UserError(
			`'${sanitize(key, 80)}' is not a profile setting; with --profile the settings are: ${profileKeys.join(', ')}`,
		);
	}

	const name = context.flags.profile ?? profileFrom(context).name;
	namedProfile(context, name);
	const {vault} = context.store.getState();
	const want = key === 'proxy' ? 1 : 2;
	if (values.length !== want) {
		throw new UserError(`usage: authdeck ${usage[key as keyof typeof usage]}`);
	}

	const value = values[want - 1] as string;
	if (key === 'proxy') {
		const proxy = value === '' ? '' : checkUrl(value, 'proxy URL');
		await context.store.dispatch({type: 'profile-overrides-changed', name, overrides: {proxy}});
		return [`profile ${name}: proxy ${proxy === '' ? 'cleared' : 'set'}`];
	}

	if (key === 'base-url') {
		const provider = findProvider(vault, values[0] as string);
		if (!provider) {
			throw new UserError(`unknown provider "${sanitize(values[0] ?? '', 80)}"`);
		}

		const url = value === '' ? '' : checkUrl(value, 'base URL');
		await context.store.dispatch({
			type: 'profile-overrides-changed',
			name,
			overrides: {baseUrls: {[provider.id]: url}},
		});
		return [`profile ${name}: ${provider.id} base URL ${url === '' ? 'cleared' : `set to ${url}`}`];
	}

	const account = findByQuery(vault, values[0] as string);
	const org = value === '' ? undefined : findOrganization(account, value);
	await context.store.dispatch({
		type: 'profile-overrides-changed',
		name,
		overrides: {organizations: {[account.id]: org?.id ?? ''}},
	});
	return [
		`profile ${name}: ${account.alias} ${org ? `uses ${sanitize(org.name, 80)} (${sanitize(org.id, 80)})` : 'uses its own organization'}`,
	];
}

/** The spellings users of the HPC platform's CLI type: `config create-profile`, `use-profile`, `list-profiles`. */
export function registerConfigProfileAliases(config: Command): void {
	config
		.command('create-profile')
		.description('Same as `authdeck profile create`')
		.argument('<name>')
		.option('--from <profile>', 'start with the choices and overrides of this profile')
		.addOption(jsonOption())
		.action(action(createProfile));
	config
		.command('use-profile')
		.description('Same as `authdeck profile use`')
		.argument('<name>')
		.addOption(jsonOption())
		.action(action(useProfile));
	config
		.command('list-profiles')
		.description('Same as `authdeck profile list`')
		.addOption(jsonOption())
		.action(action(async (context, options: {json?: boolean}) => listProfiles(context, options)));
}
