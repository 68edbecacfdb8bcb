import path from 'node:path';
import type {Command} from 'commander';
import {allProviders} from '../../auth/providers.js';
import type {Account, Provider, StorageKind, Vault} from '../../domain.js';
import {formatRelative} from '../../lib/duration.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {envKeyLine, envKeyOf, envSettingLines} from '../../services/env-overrides.js';
import type {Context} from '../../store/context.js';
import {swapProfile} from '../../store/profiles.js';
import {
	type ProfileResolution,
	type Resolution,
	resolveAccount,
	resolveProfile,
} from '../../store/resolve-account.js';
import {isActive, sortedAccounts} from '../../store/selectors.js';
import {expandSyncPath, syncEnabled} from '../../vault/sync-file.js';
import {jsonOption, resolutionFrom} from '../options.js';
import {action, print} from '../output.js';

/** One account as `status --json` and `whoami` show it: masked, never a secret. */
export type AccountView = {
	id: string;
	alias: string;
	provider: string;
	email: string | null;
	name: string | null;
	organization: {id: string; name: string} | null;
	organizations: Array<{id: string; name: string}>;
	environment: string;
	baseUrl: string | null;
	method: Account['method'];
	secret: string | null;
	tokenExpiresAt: string | null;
	refreshable: boolean;
	needsSignIn: boolean;
	keyCreatedAt: string | null;
	lastUsedAt: string | null;
	active: boolean;
	current: boolean;
};

export function accountView(vault: Vault, account: Account): AccountView {
	const org = account.organizations.find((o) => o.id === account.activeOrgId);
	return {
		id: account.id,
		alias: account.alias,
		provider: account.providerId,
		email: account.email ?? null,
		name: account.name ?? null,
		organization: org ? {id: org.id, name: org.name} : null,
		organizations: account.organizations.map((o) => ({id: o.id, name: o.name})),
		environment: account.environment,
		baseUrl: account.baseUrl ?? null,
		method: account.method,
		secret: account.secretHint ?? null,
		tokenExpiresAt: account.tokenExpiresAt ?? null,
		refreshable: account.refreshable,
		needsSignIn: account.needsSignIn ?? false,
		keyCreatedAt: account.keyCreatedAt ?? null,
		lastUsedAt: account.lastUsedAt ?? null,
		active: isActive(vault, account),
		current: vault.current === account.id,
	};
}

export type StatusData = {
	storage: StorageKind;
	/** The profile whose choices are shown, and why it is the one. */
	profile: {name: string; source: ProfileResolution['source']; reason: string};
	current: {alias: string; provider: string; source: Resolution['source']; reason: string} | null;
	/** Why no account is chosen, e.g. an `AUTHDECK_ACCOUNT` or `.authdeck` naming no account. */
	currentError: string | null;
	providers: Array<{id: string; name: string; active: AccountView | null; others: AccountView[]}>;
	/** Provider variables already set in this shell: other tools see them, not authdeck's choice. */
	overrides: Array<{variable: string; provider: string}>;
	/** Providers with `sync-files` on: their key is also written, in plaintext, to this file. */
	syncFiles: Array<{provider: string; file: string}>;
	total: number;
};

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

/** Everything `status` reports, as data. */
export function statusData(context: Context): StatusData {
	const {vault: stored, storage} = context.store.getState();
	const choice = {profile: context.flags.profile, env: context.env, cwd: context.cwd};
	const profile = resolveProfile(stored, choice);
	// The profile's choices brought to the top, so every line below reads them as it reads the ones in use.
	const vault = swapProfile(stored, profile.name);
	const accounts = sortedAccounts(vault);
	const used = new Set(accounts.map((account) => account.providerId));
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
			const mine = accounts.filter((account) => account.providerId === provider.id);
			const active = mine.find((account) => isActive(vault, account));
			return {
				id: provider.id,
				name: provider.name,
				active: active ? accountView(vault, active) : null,
				others: mine
					.filter((account) => account !== active)
					.map((account) => accountView(vault, account)),
			};
		}),
		overrides: overridesIn(providers, context.env, used),
		syncFiles: allProviders(vault)
			.filter((provider) => syncEnabled(vault.settings, provider))
			.map((provider) => ({
				provider: provider.id,
				file: expandSyncPath(provider.syncFile ?? '', context.env),
			})),
		total: accounts.length,
	};
}

const orgLabel = (view: AccountView) =>
	view.organization
		? `${sanitize(view.organization.name)} (${sanitize(view.organization.id)})`
		: '';

function secretLine(view: AccountView, now: number): string[] {
	const lines: string[] = [];
	const label = view.method === 'api-key' ? 'API key' : 'Token';
	lines.push(`  ${label}: ${view.secret ?? '(none stored)'}`);
	if (view.method !== 'api-key') {
		lines.push(
			`  Expires: ${view.needsSignIn ? 'sign in again' : formatRelative(view.tokenExpiresAt ?? undefined, now)}`,
		);
	}

	return lines;
}

/** The human `status` block: one per provider with accounts, the active account first. */
export function formatStatus(data: StatusData, now = Date.now()): string {
	if (data.total === 0) {
		return 'No accounts yet. Add one with: printf %s "$KEY" | authdeck login --with-token --provider vapi\n';
	}

	const blocks = data.providers.map((provider) => {
		const lines = [`${sanitize(provider.name)} (${provider.id})`];
		const {active} = provider;
		if (active) {
			lines.push(`Active account: ${active.alias}`);
			if (active.email) {
				lines.push(`  Email: ${sanitize(active.email)}`);
			}

			if (active.organization) {
				lines.push(`  Organization: ${orgLabel(active)}`);
			}

			lines.push(
				`  Environment: ${sanitize(active.environment)}`,
				...secretLine(active, now),
				`  Storage: ${data.storage}`,
			);
		}

		if (provider.others.length > 0) {
			lines.push('Other accounts:');
			for (const other of provider.others) {
				const fields = [
					other.alias,
					other.email ? sanitize(other.email) : '',
					orgLabel(other),
					`[${sanitize(other.environment)}]`,
				];
				lines.push(`  ${fields.filter(Boolean).join('  ')}`);
			}
		}

		lines.push(`Total accounts: ${provider.others.length + (active ? 1 : 0)}`);
		return lines.join('\n');
	});

	const footer: string[] = [];
	if (data.profile.name !== 'default' || data.profile.source !== 'in-use') {
		footer.push(`Profile: ${data.profile.name}, ${data.profile.reason}`);
	}

	if (data.current) {
		footer.push(
			`Current account: ${data.current.alias} (${data.current.provider}), ${data.current.reason}`,
		);
	} else if (data.currentError) {
		footer.push(`Current account: none: ${sanitize(data.currentError, 300)}`);
	}

	for (const {provider, file} of data.syncFiles) {
		// The directory is named after the tool that reads the file (vastai).
		const tool = sanitize(path.basename(path.dirname(file)), 40);
		footer.push(
			`${provider}: the key is also written to ${sanitize(file)} for the ${tool} CLI (sync-files)`,
		);
	}

	for (const override of data.overrides) {
		footer.push(
			`Note: ${override.variable} is set in this shell; tools that read it use that value, not authdeck's account`,
		);
	}

	return `${[...blocks, footer.join('\n')].filter(Boolean).join('\n\n')}\n`;
}

/** What the environment overrides for the current account: its key, organization, base URL, profile. */
async function environmentNotes(context: Context, data: StatusData): Promise<string[]> {
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

				const data = statusData(context);
				const environment = await environmentNotes(context, data);
				print(options.json ? toJson({...data, environment}) : formatStatus(data));
				// On stderr: what the shell overrides is a note about the data, not part of it.
				if (!options.json) {
					for (const line of environment) {
						context.warn(line);
					}
				}
			}),
		);
}
