import path from 'node:path';
import type {Command} from 'commander';
import {allProviders} from '../../auth/providers.js';
import type {Account, Provider, StorageKind, Vault} from '../../domain.js';
import {formatAge, formatRelative, needsRotation, rotationDays} from '../../lib/duration.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import type {Context} from '../../store/context.js';
import {type Resolution, resolveAccount} from '../../store/resolve-account.js';
import {isActive, sortedAccounts} from '../../store/selectors.js';
import {expandSyncPath, syncEnabled} from '../../vault/sync-file.js';
import {jsonOption} from '../options.js';
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
	/** An API key at least 90 days old: the deck's rotation hint. */
	rotationDue: boolean;
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
		rotationDue: account.method === 'api-key' && needsRotation(account.keyCreatedAt, Date.now()),
		lastUsedAt: account.lastUsedAt ?? null,
		active: isActive(vault, account),
		current: vault.current === account.id,
	};
}

export type StatusData = {
	storage: StorageKind;
	current: {alias: string; provider: string; source: Resolution['source']; reason: string} | null;
	/** Why no account is chosen, e.g. an `AUTHDECK_ACCOUNT` or `.authdeck` naming no account. */
	currentError: string | null;
	providers: Array<{
		id: string;
		name: string;
		/** The provider's own base URL: an account's other one is shown. */
		defaultBaseUrl: string | null;
		active: AccountView | null;
		others: AccountView[];
	}>;
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
	const {vault, storage} = context.store.getState();
	const accounts = sortedAccounts(vault);
	const used = new Set(accounts.map((account) => account.providerId));
	const providers = allProviders(vault).filter((provider) => used.has(provider.id));
	let current: StatusData['current'] = null;
	let currentError: string | null = null;
	if (accounts.length > 0) {
		try {
			const resolution = resolveAccount(vault, {env: context.env, cwd: context.cwd});
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
		current,
		currentError,
		providers: providers.map((provider) => {
			const mine = accounts.filter((account) => account.providerId === provider.id);
			const active = mine.find((account) => isActive(vault, account));
			return {
				id: provider.id,
				name: provider.name,
				defaultBaseUrl: provider.baseUrl ?? null,
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
	} else if (view.keyCreatedAt) {
		const age = formatAge(view.keyCreatedAt, now).replace(/^age /, '');
		lines.push(
			`  Key age: ${age}${view.rotationDue ? ` ⚠ rotate (older than ${rotationDays} days)` : ''}`,
		);
	}

	return lines;
}

/** When authdeck last handed the key out or switched to the account: `3h ago`, `never`. */
const lastUsed = (view: AccountView, now: number) =>
	view.lastUsedAt ? `${formatAge(view.lastUsedAt, now).replace(/^age /, '')} ago` : 'never';

/** A base URL other than the provider's own, or nothing. */
function baseUrlLine(view: AccountView, defaultBaseUrl: string | null): string[] {
	return view.baseUrl && view.baseUrl !== defaultBaseUrl
		? [
				`  Base URL: ${sanitize(view.baseUrl)} (not the provider's default${defaultBaseUrl ? ` ${sanitize(defaultBaseUrl)}` : ''})`,
			]
		: [];
}

/** The short flags shown after another account: what needs doing, what differs. */
function flagsOf(view: AccountView, defaultBaseUrl: string | null): string[] {
	return [
		view.needsSignIn ? '⚠ sign in again' : '',
		view.rotationDue ? '⚠ rotate key' : '',
		view.baseUrl && view.baseUrl !== defaultBaseUrl ? `base URL ${sanitize(view.baseUrl)}` : '',
	];
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
				`  Last used: ${lastUsed(active, now)}`,
				...baseUrlLine(active, provider.defaultBaseUrl),
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
					...flagsOf(other, provider.defaultBaseUrl),
				];
				lines.push(`  ${fields.filter(Boolean).join('  ')}`);
			}
		}

		lines.push(`Total accounts: ${provider.others.length + (active ? 1 : 0)}`);
		return lines.join('\n');
	});

	const footer: string[] = [];
	if (data.current) {
		footer.push(
			`Current account: ${data.current.alias} (${data.current.provider}), ${data.current.reason}`,
		);
	} else if (data.currentError) {
		footer.push(`Current account: none: ${sanitize(data.currentError, 300)}`);
	}

	const providers = data.providers.length;
	footer.push(
		`Total: ${data.total} account${data.total === 1 ? '' : 's'} across ${providers} provider${providers === 1 ? '' : 's'}`,
	);
	return `${[...blocks, footer.join('\n')].filter(Boolean).join('\n\n')}\n`;
}

/** The notes beside the status, for stderr: where else a key is written, what the shell overrides. */
export function statusNotes(data: StatusData): string[] {
	const notes: string[] = [];
	for (const {provider, file} of data.syncFiles) {
		// The directory is named after the tool that reads the file (vastai).
		const tool = sanitize(path.basename(path.dirname(file)), 40);
		notes.push(
			`${provider}: the key is also written to ${sanitize(file)} for the ${tool} CLI (sync-files)`,
		);
	}

	for (const override of data.overrides) {
		notes.push(
			`Note: ${override.variable} is set in this shell; tools that read it use that value, not authdeck's account`,
		);
	}

	for (const provider of data.providers) {
		for (const view of [provider.active, ...provider.others]) {
			if (view?.needsSignIn) notes.push(`Note: ${view.alias} must sign in again: authdeck login`);
		}
	}

	return notes;
}

/** `authdeck status`: every account, the active one per provider, where secrets are stored. */
export function registerStatus(program: Command): void {
	program
		.command('status')
		.description('Show every account, the active one per provider, and where secrets are stored')
		.addOption(jsonOption())
		.action(
			action(async (context, options: {json?: boolean}) => {
				const data = statusData(context);
				print(options.json ? toJson(data) : formatStatus(data));
				// Beside the data, never between its lines: a script reading stdout gets only the status.
				for (const note of options.json ? [] : statusNotes(data)) {
					process.stderr.write(`${note}\n`);
				}
			}),
		);
}
