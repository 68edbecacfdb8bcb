import type {Account, Vault} from '../domain.js';
import {isGuarded} from '../domain.js';
import {sanitize} from '../lib/sanitize.js';
import {findOrganization} from '../store/find-organization.js';
import {profileOrgId} from '../store/profiles.js';
import {readProjectFile, resolveAccount, resolveProfile} from '../store/resolve-account.js';
import type {Written} from '../vault/metadata.js';
import {keepAnswer, peekCached} from '../vault/peek-cache.js';

/** The lookup cache's name for the prompt's answers (vault/peek-cache.ts): `<cache>/prompt.json`. */
export const promptAnswers = 'prompt';

/** What `authdeck prompt` prints when no `--format` is given. */
export const defaultPromptFormat = '{alias}@{provider}{?production: ⚠}';

/** What a prompt format can show of an account. */
type PromptAccount = Pick<
	Account,
	| 'alias'
	| 'providerId'
	| 'email'
	| 'name'
	| 'environment'
	| 'organizations'
	| 'activeOrgId'
	| 'protected'
	| 'needsSignIn'
>;

/** The placeholders a prompt format may hold, and what each reads from the account. */
const fields: Readonly<
	Record<string, (account: PromptAccount, orgId: string | undefined) => string | undefined>
> = {
	alias: (account) => account.alias,
	provider: (account) => account.providerId,
	email: (account) => account.email,
	name: (account) => account.name,
	environment: (account) => account.environment,
	env: (account) => account.environment,
	// The profile's organization for the account where it sets one, as env and orgs use it.
	org: (account, orgId) => account.organizations.find((org) => org.id === orgId)?.name ?? orgId,
};

/**
 * Whether a `{?condition:text}` shows its text: `production`, `guarded` (production or protected),
 * `protected`, `signin` (must sign in again), or any other word, which is compared with the
 * account's environment (`{?staging:[stg]}`).
 */
function holds(condition: string, account: PromptAccount): boolean {
	switch (condition) {
		case 'guarded':
			return isGuarded(account);
		case 'protected':
			return account.protected === true;
		case 'signin':
			return account.needsSignIn === true;
		default:
			return account.environment === condition;
	}
}

/**
 * A prompt format filled in for one account. `{field}` is replaced by the field (empty when unknown),
 * `{?condition:text}` by `text` when the condition holds; an unknown `{...}` is left as written, so a
 * typo shows in the prompt instead of vanishing. Every value is sanitised: an email or organisation
 * name from an identity provider cannot put escape sequences into a prompt.
 */
export function formatPrompt(
	format: string,
	account: PromptAccount,
	orgId: string | undefined = account.activeOrgId,
): string {
	// The format's own text too: a control character in it would reach the terminal with every
	// prompt. Colours belong to the shell's prompt syntax around `$(authdeck prompt)`.
	return sanitize(format, 500).replaceAll(
		/\{(\?)?([a-z]+)(?::([^}]*))?\}/g,
		(whole, conditional, name, text) => {
			if (conditional) {
				return holds(name, account) ? (text ?? '') : '';
			}

			const field = fields[name];
			return field ? sanitize(field(account, orgId) ?? '', 80) : whole;
		},
	);
}

/** What a prompt is asked for on its command line: the shared flags (cli/options.ts), unparsed. */
export type PromptChoice = {
	/** `--account` */
	readonly account?: string;
	/** `--org` */
	readonly org?: string;
	/** `--profile` */
	readonly profile?: string;
};

/** The account a prompt shows, with no more than a format can show, and the organization `{org}` names. */
type PromptTarget = {readonly account: PromptAccount; readonly orgId?: string};

/** The account and organization chosen for the prompt, or null when there is none to show. */
function promptTarget(
	vault: Vault | undefined,
	env: NodeJS.ProcessEnv,
	cwd: string,
	choice: PromptChoice,
): PromptTarget | null {
	if (!vault || vault.accounts.length === 0) return null;
	try {
		const {account} = resolveAccount(vault, {
			flag: choice.account,
			profile: choice.profile,
			env,
			cwd,
		});
		const orgId =
			choice.org === undefined
				? profileOrgId(resolveProfile(vault, {profile: choice.profile, env, cwd}).view, account)
				: findOrganization(account, choice.org).id;
		const {alias, providerId, email, name, environment, activeOrgId, needsSignIn} = account;
		return {
			account: {
				alias,
				providerId,
				email,
				name,
				environment,
				activeOrgId,
				organizations: account.organizations.filter((org) => org.id === orgId),
				protected: account.protected,
				needsSignIn,
			},
			orgId,
		};
	} catch {
		return null;
	}
}

/** All the choice depends on besides the metadata file: the same inputs, the same account. */
const promptInputs = (env: NodeJS.ProcessEnv, cwd: string, choice: PromptChoice) =>
	JSON.stringify([
		choice.account,
		choice.org,
		choice.profile,
		env.AUTHDECK_ACCOUNT,
		env.AUTHDECK_PROFILE,
		readProjectFile(cwd) ?? null,
	]);

/**
 * The account this shell would use, as `authdeck prompt` shows it, chosen as every command chooses
 * (store/resolve-account.ts): `--account`, then `AUTHDECK_ACCOUNT` (set by `authdeck use`), then a
 * `.authdeck` file, then the active account of the profile (`--profile`, `AUTHDECK_PROFILE`, ...).
 * `--org` names the organization `{org}` shows. Read from the metadata file alone, without a lock,
 * the keychain or the network, and answered from the cache while that file and everything else the
 * choice depends on are unchanged (vault/peek-cache.ts); undefined whenever there is nothing to show
 * or anything is wrong (an unknown account, profile or organization included), because a prompt
 * must never break the shell that draws it.
 */
export function promptLine(
	format: string,
	env: NodeJS.ProcessEnv,
	cwd: string,
	choice: PromptChoice = {},
): string | undefined {
	try {
		const target = peekCached(env, promptAnswers, promptInputs(env, cwd, choice), (vault) =>
			promptTarget(vault, env, cwd, choice),
		);
		return target ? formatPrompt(format, target.account, target.orgId) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * What keeps, for each metadata file written (`stat`), the answer a prompt without flags gives in
 * this environment and folder, which is where a shell draws its prompt after an `authdeck` command.
 */
export const promptAnswerKeeper =
	(env: NodeJS.ProcessEnv, cwd: string): Written =>
	(vault, stat) =>
		keepAnswer(
			env,
			promptAnswers,
			stat,
			promptInputs(env, cwd, {}),
			promptTarget(vault, env, cwd, {}),
		);
