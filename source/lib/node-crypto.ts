import {createRequire} from 'node:module';

let loaded: typeof import('node:crypto') | undefined;

/**
 * node:crypto, loaded on first use. Loading it costs a few milliseconds of a command's start, and a
 * command that only reads the vault (status, token on unencrypted file storage) needs none of it.
 */
export function nodeCrypto(): typeof import('node:crypto') {
	loaded ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
	return loaded;
}
