import {type Account, isGuarded, type Settings} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';

/** What decides how a request travels: the environment and the network settings. */
export type NetworkOptions = {
	readonly env: NodeJS.ProcessEnv;
	/** The `proxy` setting: beats HTTPS_PROXY, HTTP_PROXY and ALL_PROXY. */
	readonly proxy?: string;
	/** The `ca-file` setting: a PEM bundle trusted besides Node's roots. */
	readonly caFile?: string;
	/** The `insecure-skip-verify` setting: no certificate check (development accounts only). */
	readonly insecureSkipVerify?: boolean;
	/**
	 * The account the request is for, when there is one (a new sign-in: its environment to be):
	 * insecure-skip-verify is refused for a guarded one before anything is sent.
	 */
	readonly account?: Pick<Account, 'alias' | 'environment' | 'protected'>;
};

/** The network options of a vault's settings. */
export function networkOptions(
	env: NodeJS.ProcessEnv,
	settings: Partial<Settings>,
	account?: NetworkOptions['account'],
): NetworkOptions {
	return {
		env,
		proxy: settings.proxy,
		caFile: settings.caFile,
		insecureSkipVerify: settings.insecureSkipVerify === true,
		account,
	};
}

/** The red line every command prints on stderr while certificates are not checked. */
export const insecureWarning =
	'warning: insecure-skip-verify is on: certificates are NOT checked (development only; authdeck config set insecure-skip-verify false)';

/**
 * Refuses a request with insecure-skip-verify on for a production or protected account: an attacker
 * on the path could read its tokens. Nothing is sent. A request for no account (discovery when a
 * provider is added) goes unchecked, as the setting says.
 */
export function checkVerification(network: NetworkOptions): void {
	const {account} = network;
	if (network.insecureSkipVerify && account && isGuarded(account)) {
		const what = account.protected ? 'protected' : sanitize(account.environment, 40);
		const who = account.alias ? `"${sanitize(account.alias, 64)}" (${what})` : `a ${what} account`;
		throw new UserError(
			`insecure-skip-verify is refused for ${who}: nothing was sent; turn it off (authdeck config set insecure-skip-verify false) or use a development account`,
		);
	}
}
