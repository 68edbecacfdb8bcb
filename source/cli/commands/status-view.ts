import type {Account, StorageKind, Vault} from '../../domain.js';
import {needsRotation} from '../../lib/duration.js';
import type {ProfileResolution, Resolution} from '../../store/resolve-account.js';
import {activeOrganization, isActive} from '../../store/selectors.js';
import type {CatalogRowView} from './status-catalog.js';

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

/** An API key at least 90 days old at `now`. */
const rotationDue = (account: Account, now: number) =>
	account.method === 'api-key' && needsRotation(account.keyCreatedAt, now);

export function accountView(vault: Vault, account: Account, now = Date.now()): AccountView {
	const org = activeOrganization(account);
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
		rotationDue: rotationDue(account, now),
		lastUsedAt: account.lastUsedAt ?? null,
		active: isActive(vault, account),
		current: vault.current === account.id,
	};
}

/** What the human `status` shows of an account other than the active one, on its line. */
export type AccountLine = Pick<
	AccountView,
	'alias' | 'email' | 'organization' | 'environment' | 'baseUrl' | 'needsSignIn' | 'rotationDue'
>;

/**
 * The fields of accountView that a line of `status` shows, and only those (the organization is the
 * account's own object, not a copy). At 1,000 accounts a whole view per line, with a copy of each
 * account's organizations, was ~3 ms of `status`; the `--json` output still has whole views.
 */
export function accountLine(_vault: Vault, account: Account, now: number): AccountLine {
	return {
		alias: account.alias,
		email: account.email ?? null,
		organization: activeOrganization(account) ?? null,
		environment: account.environment,
		baseUrl: account.baseUrl ?? null,
		needsSignIn: account.needsSignIn ?? false,
		rotationDue: rotationDue(account, now),
	};
}

/** `status`'s data; `Other` is what it holds of each account but the active one per provider. */
export type StatusData<Other extends AccountLine = AccountView> = {
	storage: StorageKind;
	/** The profile whose choices are shown, and why it is the one. */
	profile: {name: string; source: ProfileResolution['source']; reason: string};
	current: {alias: string; provider: string; source: Resolution['source']; reason: string} | null;
	/** Why no account is chosen, e.g. an `AUTHDECK_ACCOUNT` or `.authdeck` naming no account. */
	currentError: string | null;
	providers: Array<{
		id: string;
		name: string;
		/** The provider's own base URL: an account's other one is shown. */
		defaultBaseUrl: string | null;
		active: AccountView | null;
		others: Other[];
	}>;
	/** Provider variables already set in this shell: other tools see them, not authdeck's choice. */
	overrides: Array<{variable: string; provider: string}>;
	/** Providers with `sync-files` on: their key is also written, in plaintext, to this file. */
	syncFiles: Array<{provider: string; file: string}>;
	/** Account templates of the team catalogues that no local account matches. */
	notSignedIn: CatalogRowView[];
	total: number;
};
