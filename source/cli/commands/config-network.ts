import path from 'node:path';
import {UserError} from '../../lib/errors.js';
import {sanitize} from '../../lib/sanitize.js';
import {checkProxyUrl, maskProxy} from '../../net/proxy.js';
import {insecureWarning} from '../../net/route.js';
import {readCaFile} from '../../net/tls.js';
import type {Context} from '../../store/context.js';

/** The settings of the network layer, by their command-line names. */
export const networkKeys = {
	proxy: 'proxy',
	'ca-file': 'caFile',
	'insecure-skip-verify': 'insecureSkipVerify',
} as const;

export type NetworkSetting = (typeof networkKeys)[keyof typeof networkKeys];

export const isNetworkSetting = (setting: string): setting is NetworkSetting =>
	Object.values(networkKeys).includes(setting as NetworkSetting);

/** A setting as `config get` prints it: a proxy with its credentials masked. */
export function shownNetworkSetting(setting: NetworkSetting, value: unknown): unknown {
	return setting === 'proxy' && typeof value === 'string' ? maskProxy(value) : value;
}

/**
 * `config set proxy|ca-file|insecure-skip-verify VALUE`, each checked before it is saved: a proxy
 * URL of a scheme authdeck speaks, a ca-file that holds PEM certificates (stored as an absolute
 * path), true or false. An empty value clears the setting. Returns lines to print.
 */
export async function setNetworkSetting(
	context: Context,
	setting: NetworkSetting,
	value: string,
): Promise<string[]> {
	const clear = value === '';
	switch (setting) {
		case 'proxy': {
			const proxy = clear ? undefined : checkProxyUrl(value);
			await context.store.dispatch({type: 'settings-changed', settings: {proxy}});
			return proxy ? [`every request now goes through ${maskProxy(proxy)}`] : [];
		}

		case 'caFile': {
			const file = clear ? undefined : path.resolve(context.cwd, value);
			const count = file ? readCaFile(file).length : 0;
			await context.store.dispatch({type: 'settings-changed', settings: {caFile: file}});
			return file
				? [
						`${count} certificate${count === 1 ? '' : 's'} from ${sanitize(file, 200)} trusted besides Node's roots`,
					]
				: [];
		}

		case 'insecureSkipVerify': {
			if (value !== 'true' && value !== 'false') {
				throw new UserError('insecure-skip-verify takes true or false');
			}

			const on = value === 'true';
			await context.store.dispatch({
				type: 'settings-changed',
				settings: {insecureSkipVerify: on ? true : undefined},
			});
			return on ? [insecureWarning.replace(/^warning: /, '')] : [];
		}
	}
}
