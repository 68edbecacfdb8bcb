/**
 * What the shell already says: a provider's key, organization or base URL variable set in the
 * environment (the GPU cloud's CLI: the variable beats the file), and AUTHDECK_PROFILE. Nothing here
 * writes to the vault; `login --with-token --from-env NAME` is the only way such a key is stored.
 */

import {findProvider} from '../auth/providers.js';
import type {Account, Provider, Vault} from '../domain.js';
import {maskSecret} from '../lib/mask.js';
import {sanitize} from '../lib/sanitize.js';
import type {Context} from '../store/context.js';
import {profileBaseUrl, profileInUse, profileOrgId, profileView} from '../store/profiles.js';
import {resolveProfile} from '../store/resolve-account.js';
import {primarySecret, readAccountSecret} from '../vault/read-secret.js';

/** A provider's key variable set in the environment. */
export type EnvKey = {
	readonly variable: string;
	readonly provider: string;
	readonly value: string;
	readonly masked: string;
};

/** The first of the provider's key variables set (non-empty) in the environment. */
export function envKeyOf(
	vault: Pick<Vault, 'providers'>,
	env: NodeJS.ProcessEnv,
	providerId: string,
): EnvKey | undefined {
	const provider = findProvider(vault, providerId);
	const variable = provider?.envVars.find((name) => env[name]);
	const value = variable ? env[variable] : undefined;
	return variable && value
		? {variable, provider: providerId, value, masked: maskSecret(value)}
		: undefined;
}

/**
 * The alias of the stored account of that provider whose key the variable holds, if any. Only the
 * accounts whose masked hint matches are read from the secret store.
 */
export async function storedKeyMatch(context: Context, key: EnvKey): Promise<string | undefined> {
	const {vault} = context.store.getState();
	const candidates = vault.accounts.filter(
		(account) => account.providerId === key.provider && account.secretHint === key.masked,
	);
	for (const account of candidates) {
		const stored = primarySecret(await readAccountSecret(context, account.id));
		if (stored === key.value) {
			return account.alias;
		}
	}

	return undefined;
}

/** The line `status` and `token` print on stderr about a key from the environment. */
export async function envKeyLine(
	context: Context,
	key: EnvKey,
	account: Account | undefined,
): Promise<string> {
	const match = await storedKeyMatch(context, key);
	const from = `API key: from ${key.variable} in the environment (${key.masked})`;
	if (match !== undefined && match === account?.alias) {
		return `${from}, the same key as the stored account ${match}`;
	}

	const instead = account ? `, not the stored account ${account.alias}` : '';
	const same =
		match === undefined
			? 'no stored account has this key'
			: `it is the key of the stored account ${match}`;
	return `${from}${instead}; ${same}`;
}

/** The profile the command uses, as resolve-account says; the one in use if that fails. */
function profileOf(context: Context): string {
	const {vault} = context.store.getState();
	try {
		return resolveProfile(vault, {
			profile: context.flags.profile,
			env: context.env,
			cwd: context.cwd,
		}).name;
	} catch {
		return profileInUse(vault);
	}
}

/** Variables of one kind (organization or base URL) that the provider declares and the shell sets. */
function setVariables(env: NodeJS.ProcessEnv, names: readonly string[] | undefined) {
	return (names ?? []).filter((name) => env[name]);
}

/**
 * Lines about the organization and base URL variables set in the shell for the account's
 * provider, and about AUTHDECK_PROFILE, each saying what authdeck would have used.
 */
export function envSettingLines(context: Context, account: Account | undefined): string[] {
	const {vault} = context.store.getState();
	const {env} = context;
	const lines: string[] = [];
	const provider: Provider | undefined = account
		? findProvider(vault, account.providerId)
		: undefined;
	if (account && provider) {
		const view = profileView(vault, profileOf(context));
		for (const name of setVariables(env, provider.orgEnvVars)) {
			const own = profileOrgId(view, account);
			lines.push(
				`Organization: from ${name} in the environment (${sanitize(env[name], 100)})${own ? `, not ${account.alias}'s ${sanitize(own, 100)}` : ''}`,
			);
		}

		for (const name of setVariables(env, provider.baseUrlEnvVars)) {
			const own = profileBaseUrl(view, account, provider.baseUrl);
			lines.push(
				`Base URL: from ${name} in the environment (${sanitize(env[name], 200)})${own ? `, not ${sanitize(own, 200)}` : ''}`,
			);
		}
	}

	const profile = env.AUTHDECK_PROFILE;
	if (profile && profile !== profileInUse(vault)) {
		lines.push(
			`Profile: ${sanitize(profile, 80)} from AUTHDECK_PROFILE in the environment, not ${profileInUse(vault)}, the profile in use`,
		);
	}

	return lines;
}
