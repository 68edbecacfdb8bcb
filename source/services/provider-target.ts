import {cappedFetch, requestOptions} from '../auth/http.js';
import {allProviders, findProvider} from '../auth/providers.js';
import type {Account, Provider, ProviderApi} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {maskSecret} from '../lib/mask.js';
import {checkUrl} from '../lib/validate.js';
import {type ApiTarget, apiRoot, type Fetcher} from '../providers/request.js';
import type {Context} from '../store/context.js';
import {findOrganization} from '../store/find-organization.js';
import {findProjectFile, resolveAccount, resolveProfile} from '../store/resolve-account.js';
import {findAccount} from '../store/selectors.js';
import {primarySecret, readAccountSecret} from '../vault/read-secret.js';
import {recordPermission} from './record-refusal.js';
import {recordUse} from './record-use.js';

/** A provider call's target and, when the key is a stored one, its account. */
export type ProviderTarget = ApiTarget & {readonly account?: Account};

export type TargetOptions = {
	/** `--account` */
	readonly account?: string;
	/** `--provider`, for a key from the environment or the provider's active account. */
	readonly provider?: string;
	/** `--base-url`: another API base URL for this run. */
	readonly baseUrl?: string;
};

type WithApi = Provider & {readonly api: ProviderApi};
const hasApi = (provider: Provider | undefined): provider is WithApi => provider?.api !== undefined;

/** The one fetch every provider call goes through: the network layer's, with the run's deadline. */
export function providerFetch(context: Context, account?: Account): Fetcher {
	return cappedFetch(requestOptions({...context, account}));
}

function apiOf(context: Context, provider: Provider | undefined, alias?: string): WithApi {
	if (hasApi(provider)) {
		return provider;
	}

	const known = allProviders(context.store.getState().vault)
		.filter(hasApi)
		.map((p) => p.id);
	throw new UserError(
		`${alias ? `"${alias}" is a ${provider?.name ?? 'unknown provider'} account: ` : ''}authdeck knows no API of ${provider?.name ?? 'that provider'} to ask (it knows ${known.join(', ')})`,
	);
}

/** The provider a run without a named account talks to: `--provider`, the profile's current account's, else the one preset with keys. */
function chosenProvider(context: Context, id: string | undefined, currentId?: string): WithApi {
	const {vault} = context.store.getState();
	if (id) {
		const provider = findProvider(vault, id);
		if (!provider) {
			throw new UserError(`unknown provider "${id}"`, {field: 'provider'});
		}

		return apiOf(context, provider);
	}

	const current = findProvider(vault, findAccount(vault, currentId)?.providerId ?? '');
	return hasApi(current) ? current : apiOf(context, allProviders(vault).find(hasApi));
}

/** A stored account's key for a provider call, with where it came from. */
export async function storedTarget(
	context: Context,
	account: Account,
	from: string,
	baseUrl?: string,
): Promise<ProviderTarget> {
	const provider = apiOf(
		context,
		findProvider(context.store.getState().vault, account.providerId),
		account.alias,
	);
	if (account.method !== 'api-key') {
		throw new UserError(
			`"${account.alias}" signs in with ${account.method}, not an API key; the key commands need an API-key account`,
		);
	}

	const key = primarySecret(await readAccountSecret(context, account.id));
	if (!key) {
		throw new UserError(
			`no key is stored for "${account.alias}"; store one with \`authdeck login --with-token --provider ${provider.id}\``,
		);
	}

	const variable = provider.envVars[0];
	const shell = variable ? context.env[variable] : undefined;
	if (shell && shell !== key) {
		// The provider's own CLI reads the variable first: say that it would send another key.
		context.warn(
			`note: ${variable} is set in this shell to another key (${maskSecret(shell)}); authdeck sent "${account.alias}"'s key, the ${provider.id} CLI would send that one`,
		);
	}

	const root = apiRoot(
		provider,
		account,
		baseUrl ? checkUrl(baseUrl, 'base URL', 'baseUrl') : undefined,
	);
	const send = providerFetch(context, account);
	let recorded = false;
	// A call to the provider hands the key out: recorded once per run, after the first request.
	const fetch: Fetcher = async (url, init) => {
		const response = await send(url, init);
		if (!recorded) {
			recorded = true;
			await recordUse(context, account);
		}

		return response;
	};
	return {
		provider,
		root,
		account,
		sent: {key, from},
		fetch,
		rights: account.scopes,
		onPermission: (report) => recordPermission(context, account, report),
	};
}

/**
 * The key a provider call sends, and where it came from: the account the one account resolution
 * picks (`--account` > `AUTHDECK_ACCOUNT` > a `.authdeck` pin > the active account of the provider
 * in the profile: `--profile`, `AUTHDECK_PROFILE`, `.authdeck`, else the one in use); without one,
 * the provider's own variable (`VAST_API_KEY`) from the environment. Every message names it.
 */
export async function providerTarget(
	context: Context,
	options: TargetOptions,
): Promise<ProviderTarget> {
	const {vault} = context.store.getState();
	const where = {profile: context.flags.profile, env: context.env, cwd: context.cwd};
	const named = Boolean(
		options.account || context.env.AUTHDECK_ACCOUNT || findProjectFile(context.cwd),
	);
	// Without a named account the profile decides: its active account of the provider, if any.
	const profile = named ? undefined : resolveProfile(vault, where).view;
	const provider = profile ? chosenProvider(context, options.provider, profile.current) : undefined;
	if (!provider || findAccount(vault, profile?.active[provider.id])) {
		const {account, reason} = resolveAccount(vault, {
			...where,
			flag: options.account,
			providerId: provider?.id,
		});
		// `--org` names one of this account's organizations, on every command that takes it.
		if (context.flags.org !== undefined) {
			findOrganization(account, context.flags.org);
		}

		return storedTarget(
			context,
			account,
			`the stored account "${account.alias}" (${reason})`,
			options.baseUrl,
		);
	}

	const variable = provider.envVars[0];
	const key = variable ? context.env[variable]?.trim() : undefined;
	if (key && context.flags.org !== undefined) {
		throw new UserError(
			`--org names an organization of a stored account, and this call would send ${variable} from the environment; name the account with --account`,
		);
	}

	if (!variable || !key) {
		throw new UserError(
			`no ${provider.id} account${profile?.inUse ? '' : ` in profile ${profile?.name}`} and no ${variable ?? 'key variable'} in the environment; add one with: printf %s "$KEY" | authdeck login --with-token --provider ${provider.id} --verify`,
		);
	}

	const root = apiRoot(
		provider,
		undefined,
		options.baseUrl ? checkUrl(options.baseUrl, 'base URL', 'baseUrl') : undefined,
	);
	return {
		provider,
		root,
		sent: {key, from: `${variable} from the environment`},
		fetch: providerFetch(context),
	};
}
