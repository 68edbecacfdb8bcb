import {allProviders} from '../../auth/providers.js';
import type {Vault} from '../../domain.js';
import {sanitize} from '../../lib/sanitize.js';
import {shells} from '../../lib/shell.js';
import {profileNames} from '../../store/profiles.js';
import type {ValueKind} from './spec.js';

/** A completion candidate: the word, and what fish and zsh show beside it. */
export type Candidate = {readonly value: string; readonly description?: string};

type Source = (vault: Vault) => readonly Candidate[];

/**
 * Where each kind of value comes from: the vault as the metadata file holds it (read by peekVault:
 * no keychain, no network). A new list to complete is one more line here.
 */
export const sources: Readonly<Record<ValueKind, Source>> = {
	accounts: (vault) => [
		...vault.accounts.map((account) => ({
			value: account.alias,
			description: `${account.providerId}${account.email ? ` ${account.email}` : ''}`,
		})),
		...vault.accounts
			.filter((account) => account.email)
			.map((account) => ({value: account.email ?? '', description: account.alias})),
	],
	orgs: (vault) =>
		vault.accounts.flatMap((account) =>
			account.organizations.flatMap((org) => [
				{value: org.id, description: `${org.name} (${account.alias})`},
				{value: org.name, description: `${org.id} (${account.alias})`},
			]),
		),
	profiles: (vault) => profileNames(vault).map((value) => ({value})),
	providers: (vault) =>
		allProviders(vault).map((provider) => ({value: provider.id, description: provider.name})),
	credentials: (vault) =>
		vault.credentials.flatMap((credential) => [
			{value: credential.name, description: credential.id},
			{value: credential.id, description: credential.name},
		]),
	shells: () => shells.map((value) => ({value})),
	files: () => [],
	none: () => [],
};

/**
 * One kind's candidates starting with `prefix`, each once, made inert: a name from an identity
 * provider cannot put a control character on the command line, and one holding a line break or a
 * tab would break the line-per-candidate protocol.
 */
export function valuesOf(kind: ValueKind, vault: Vault | undefined, prefix: string): Candidate[] {
	if (!vault) return [];
	const seen = new Set<string>();
	const found: Candidate[] = [];
	for (const candidate of sources[kind](vault)) {
		const value = sanitize(candidate.value, 200);
		if (value === '' || value !== candidate.value || seen.has(value)) continue;
		if (!value.startsWith(prefix)) continue;
		seen.add(value);
		found.push({value, description: sanitize(candidate.description ?? '', 80)});
	}

	return found;
}
