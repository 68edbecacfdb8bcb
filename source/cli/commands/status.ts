import type {Command} from 'commander';
import {allProviders} from '../../auth/providers.js';
import type {Account, Provider, Vault} from '../../domain.js';
import {toJson} from '../../lib/json.js';
import {envKeyLine, envKeyOf, envSettingLines} from '../../services/env-overrides.js';
import type {Context} from '../../store/context.js';
import {swapProfile} from '../../store/profiles.js';
import {resolveAccount, resolveProfile} from '../../store/resolve-account.js';
import {isActive, sortedAccounts} from '../../store/selectors.js';
import {expandSyncPath, syncEnabled} from '../../vault/sync-file.js';
import {jsonOption, resolutionFrom} from '../options.js';
import {action, print} from '../output.js';
import {catalogRowViews} from './status-catalog.js';
import {formatStatus, statusNotes} from './status-format.js';
import {
	type AccountLine,
	type AccountView,
	accountLine,
	accountView,
	type StatusData,
} from './status-view.js';

export {formatStatus, statusNotes} from './status-format.js';
export {type AccountView, accountView, type StatusData} from './status-view.js';

function overridesIn(
	providers: readonly Provider[],
	env: NodeJS.ProcessEnv,
	used: ReadonlySet<string>,
) {
	return providers
		.filter((provider) => used.has(provider.id))
		.flatMap((provider) =>
			provider.envVars
				.filter((name) => env[name])
				.map((variable) => ({variable, provider: provider.id})),
		);
}

/**
 * Everything `status` reports, as data: each account but the active ones as `view` makes it (whole
 * views for `--json`, only what a line shows for the human output).
 */
export function statusData<Other extends AccountLine>(
	context: Context,
	view: (vault: Vault, account: Account, now: number) => Other,
): StatusData<Other> {
	const {vault: stored, storage} = context.store.getState();
	const choice = {profile: context.flags.profile, env: context.env, cwd: context.cwd};
	const profile = resolveProfile(stored, choice);
	// The profile's choices brought to the top, so every line below reads them as it reads the ones in use.
	const vault = swapProfile(stored, profile.name);
	const accounts = sortedAccounts(vault);
	const now = Date.now();
	// One pass, in sorted order: a filter per provider walked every account once for each.
	const byProvider = new Map<string, Account[]>();
	for (const account of accounts) {
		const mine = byProvider.get(account.providerId);
		if (mine) mine.push(account);
		else byProvider.set(account.providerId, [account]);
	}

	const used = new Set(byProvider.keys());
	const providers = allProviders(vault).filter((provider) => used.has(provider.id));
	let current: StatusData['current'] = null;
	let currentError: string | null = null;
	if (accounts.length > 0) {
		try {
			const resolution = resolveAccount(vault, {...choice, flag: context.flags.account});
			current = {
				alias: resolution.account.alias,
				provider: resolution.account.providerId,
				source: resolution.source,
				reason: resolution.reason,
			};
		} catch (error) {
			// Said, not swallowed: otherwise a mistyped AUTHDECK_ACCOUNT looks as if it worked.
			currentError = (error as Error).message;
		}
	}

	return {
		storage,
		profile: {name: profile.name, source: profile.source, reason: profile.reason},
		current,
		currentError,
		providers: providers.map((provider) => {
			let active: AccountView | null = null;
			const others: Other[] = [];
			for (const account of byProvider.get(provider.id) ?? []) {
				if (!active && isActive(vault, account)) active = accountView(vault, account, now);
				else others.push(view(vault, account, now));
			}

			return {
				id: provider.id,
				name: provider.name,
				defaultBaseUrl: provider.baseUrl ?? null,
				active,
				others,
			};
		}),
		overrides: overridesIn(providers, context.env, used),
		syncFiles: allProviders(vault)
			.filter((provider) => syncEnabled(vault.settings, provider))
			.map((provider) => ({
				provider: provider.id,
				file: expandSyncPath(provider.syncFile ?? '', context.env),
			})),
		notSignedIn: catalogRowViews(vault),
		total: accounts.length,
	};
}

/** What the environment overrides for the current account: its key, organization, base URL, profile. */
async function environmentNotes(
	context: Context,
	data: StatusData<AccountLine>,
): Promise<string[]> {
	const {vault} = context.store.getState();
	const account = vault.accounts.find((a) => a.alias === data.current?.alias);
	const lines = envSettingLines(context, account);
	for (const provider of data.providers) {
		const key = envKeyOf(vault, context.env, provider.id);
		if (key) {
			const active = vault.accounts.find((a) => a.alias === provider.active?.alias);
			lines.push(`${provider.id}: ${await envKeyLine(context, key, active)}`);
		}
	}

	return lines;
}

/** `authdeck status`: every account, the active one per provider, where secrets are stored. */
export function registerStatus(program: Command): void {
	program
		.command('status')
		.description('Show every account, the active one per provider, and where secrets are stored')
		.addOption(jsonOption())
		.action(
			action(async (context, options: {json?: boolean}) => {
				if (context.flags.org !== undefined || context.flags.account !== undefined) {
					// Named accounts and organizations are checked as by every command: a typo is an error.
					resolutionFrom(context, undefined);
				}

				const data = options.json
					? statusData(context, accountView)
					: statusData(context, accountLine);
				const environment = await environmentNotes(context, data);
				print(options.json ? toJson({...data, environment}) : formatStatus(data));
				// Beside the data, never between its lines: a script reading stdout gets only the status.
				if (!options.json) {
					// A variable the environment's lines already explain is not noted twice.
					const covered = new Set(
						data.overrides
							.map((o) => o.variable)
							.filter((name) => environment.some((line) => line.includes(name))),
					);
					for (const line of [...environment, ...statusNotes(data, covered)]) {
						context.warn(line);
					}
				}
			}),
		);
}
