import {createRequire} from 'node:module';

let loaded: typeof import('node:child_process') | undefined;

/**
 * node:child_process, loaded on first use. With net, dgram and the streams it pulls in, loading it
 * is a few milliseconds of a command's start, and only pass and the keychain's helper start a child.
 */
export function nodeChildProcess(): typeof import('node:child_process') {
	loaded ??= createRequire(import.meta.url)(
		'node:child_process',
	) as typeof import('node:child_process');
	return loaded;
}
