/**
 * What `authdeck __complete` offers from the vault (cli/complete/): each kind of value and the
 * metadata it is made from, and whether a write changed any of it.
 */
import {allProviders} from '../auth/providers.js';
import {emptyVault, type Vault} from '../domain.js';
import {sanitize} from '../lib/sanitize.js';
import {shells} from '../lib/shell.js';
import {profileNames} from '../store/profiles.js';

/**
 * What a value is, for completion: one of the vault's lists (completed live from the metadata),
 * files, or nothing to offer. Fixed choices are listed in `choices` instead.
 */
export type ValueKind =
	| 'accounts'
	| 'orgs'
	| 'profiles'
	| 'providers'
	| 'credentials'
	| 'shells'
	| 'files'
	| 'none';

/** The lookup cache's name for completion's answers (vault/peek-cache.ts): `<cache>/complete.json`. */
export const completionAnswers = 'complete';

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

/**
 * What each kind's candidates are made from: the items of a list, each item's candidates apart
 * from the others' and in the list's order; the vault as a whole; or nothing in it.
 */
const madeFrom: Readonly<Record<ValueKind, 'accounts' | 'credentials' | 'whole' | 'nothing'>> = {
	accounts: 'accounts',
	orgs: 'accounts',
	credentials: 'credentials',
	profiles: 'whole',
	providers: 'whole',
	shells: 'nothing',
	files: 'nothing',
	none: 'nothing',
};

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether every kind's candidates in `after` are those in `before`, as after a switch, which
 * changes no name. An item the write did not replace is not looked at (the reducers make a new
 * object only for an item they change); a replaced one is compared by the candidates it makes.
 */
export function sameCandidates(before: Vault, after: Vault): boolean {
	return (Object.keys(madeFrom) as ValueKind[]).every((kind) => {
		const from = madeFrom[kind];
		if (from === 'nothing') return true;
		if (from === 'whole') return sameJson(sources[kind](before), sources[kind](after));
		const was: readonly unknown[] = before[from];
		const is: readonly unknown[] = after[from];
		if (was === is) return true;
		const alone = (item: unknown) => sources[kind]({...emptyVault, [from]: [item]} as Vault);
		return (
			was.length === is.length &&
			was.every((item, index) => item === is[index] || sameJson(alone(item), alone(is[index])))
		);
	});
}
