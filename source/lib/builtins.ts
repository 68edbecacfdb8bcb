/**
 * A module of Node's own, loaded on first use. Loading some of them is a few milliseconds of a
 * command's start (they pull in node:stream, net, dgram), and most commands never call them.
 * Through process.getBuiltinModule (Node 20.16): a createRequire would load node:module first,
 * ~0.2 ms of every prompt.
 */
function lazily<Module>(name: string): () => Module {
	let loaded: Module | undefined;
	return () => {
		loaded ??= process.getBuiltinModule(name) as Module;
		return loaded;
	};
}

/** Only pass and the keychain's helper start a child. */
export const nodeChildProcess = lazily<typeof import('node:child_process')>('node:child_process');

/** A command that only reads the vault (status, token on unencrypted file storage) hashes nothing. */
export const nodeCrypto = lazily<typeof import('node:crypto')>('node:crypto');

/** Checking a code cache (CRC-32); it loads node:stream, which `authdeck prompt` never needs. */
export const nodeZlib = lazily<typeof import('node:zlib')>('node:zlib');

/** Only for a home directory without `$HOME` (homeDirectory), the host name, the user's id. */
export const nodeOs = lazily<typeof import('node:os')>('node:os');

/** Only a question asked on a terminal reads a line. */
export const nodeReadline = lazily<typeof import('node:readline')>('node:readline');

/**
 * The home directory: `$HOME`, which os.homedir() reads first too, else the one it finds. node:os
 * is loaded only then: it is not part of Node's start, and loading it was ~0.3 ms of every prompt.
 */
export const homeDirectory = (env: NodeJS.ProcessEnv = process.env): string =>
	env.HOME || nodeOs().homedir();
