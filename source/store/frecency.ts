import type {Account} from '../domain.js';

const hour = 3_600_000;

/**
 * How often and how recently an account was switched to, as one number (the weights zoxide and
 * granted use): each use counts four times within the hour, twice within the day, half within the
 * week, a quarter after that. An account never switched to scores 0.
 */
export function frecency(account: Pick<Account, 'useCount' | 'lastUsedAt'>, now: number): number {
	const uses = account.useCount ?? (account.lastUsedAt ? 1 : 0);
	const last = account.lastUsedAt ? Date.parse(account.lastUsedAt) : Number.NaN;
	if (uses === 0 || Number.isNaN(last)) return 0;
	const age = now - last;
	const weight = age < hour ? 4 : age < 24 * hour ? 2 : age < 7 * 24 * hour ? 0.5 : 0.25;
	return uses * weight;
}

/** Accounts by frecency, highest first; ties by most recent use, then alias. */
export function byFrecency(accounts: readonly Account[], now = Date.now()): Account[] {
	const scored = accounts.map((account) => ({account, score: frecency(account, now)}));
	return scored
		.sort(
			(a, b) =>
				b.score - a.score ||
				(b.account.lastUsedAt ?? '').localeCompare(a.account.lastUsedAt ?? '') ||
				(a.account.alias < b.account.alias ? -1 : a.account.alias > b.account.alias ? 1 : 0),
		)
		.map(({account}) => account);
}
