import path from 'node:path';
import {formatAge, formatRelative, rotationDays} from '../../lib/duration.js';
import {sanitize} from '../../lib/sanitize.js';
import {formatCatalogRows} from './status-catalog.js';
import type {AccountLine, AccountView, StatusData} from './status-view.js';

const orgLabel = (view: AccountLine) =>
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

/**
 * One line for another account: alias, email, organization, environment, then what needs doing and
 * what differs. Built by appending: at 1,000 accounts, an array of fields filtered and joined per
 * line was ~1 ms of a command that runs for ~40.
 */
function otherLine(view: AccountLine, defaultBaseUrl: string | null): string {
	let line = `  ${view.alias}`;
	if (view.email) line += `  ${sanitize(view.email)}`;
	if (view.organization) line += `  ${orgLabel(view)}`;
	line += `  [${sanitize(view.environment)}]`;
	if (view.needsSignIn) line += '  ⚠ sign in again';
	if (view.rotationDue) line += '  ⚠ rotate key';
	if (view.baseUrl && view.baseUrl !== defaultBaseUrl)
		line += `  base URL ${sanitize(view.baseUrl)}`;
	return line;
}

/** The human `status` block: one per provider with accounts, the active account first. */
export function formatStatus(data: StatusData<AccountLine>, now = Date.now()): string {
	const catalogRows = formatCatalogRows(data.notSignedIn);
	if (data.total === 0 && catalogRows) {
		return `No accounts yet.\n\n${catalogRows}\n`;
	}

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
				lines.push(otherLine(other, provider.defaultBaseUrl));
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

	const providers = data.providers.length;
	footer.push(
		`Total: ${data.total} account${data.total === 1 ? '' : 's'} across ${providers} provider${providers === 1 ? '' : 's'}`,
	);
	return `${[...blocks, catalogRows, footer.join('\n')].filter(Boolean).join('\n\n')}\n`;
}

/** The notes beside the status, for stderr: where else a key is written, what the shell overrides. */
export function statusNotes(
	data: StatusData<AccountLine>,
	covered: ReadonlySet<string> = new Set(),
): string[] {
	const notes: string[] = [];
	for (const {provider, file} of data.syncFiles) {
		// The directory is named after the tool that reads the file (vastai).
		const tool = sanitize(path.basename(path.dirname(file)), 40);
		notes.push(
			`${provider}: the key is also written to ${sanitize(file)} for the ${tool} CLI (sync-files)`,
		);
	}

	for (const override of data.overrides.filter((o) => !covered.has(o.variable))) {
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
