/**
 * Hooks that give every test of a suite a fresh resource and take it down after: a temporary vault,
 * the real identity provider. Each returns an accessor, valid once the hook has run.
 *
 *   const vault = useTempVault('file');
 *   const idp = useIdentityProvider();
 *   test('...', async () => { await vault().ok(['status']); idp().issuer; });
 */
import {after, afterEach, before, beforeEach} from 'node:test';
import {type IdentityProvider, startIdentityProvider} from './identity-provider.js';
import {type BackendName, TempVault, type TempVaultOptions} from './temp-vault.js';

export type HookOptions = {
	/** 'each': a fresh one for every test (beforeEach/afterEach); 'all': one for the suite. @default 'each' */
	readonly scope?: 'each' | 'all';
};

function accessor<T>(what: string, get: () => T | undefined): () => T {
	return () => {
		const value = get();
		if (value === undefined) {
			throw new Error(`${what} is used outside the tests of the suite that set it up`);
		}

		return value;
	};
}

/** A fresh temporary vault for each test (or, with scope 'all', for the suite), cleaned after. */
export function useTempVault(
	backend?: BackendName,
	options: TempVaultOptions & HookOptions = {},
): () => TempVault {
	let vault: TempVault | undefined;
	const [setUp, tearDown] = options.scope === 'all' ? [before, after] : [beforeEach, afterEach];
	// Synchronous, so a before hook of the file that uses the vault finds it: Node 20 does not wait
	// for one top-level before hook to finish before it starts the next.
	setUp(() => {
		vault = TempVault.createSync(backend, options);
	});
	tearDown(async () => {
		await vault?.cleanup();
		vault = undefined;
	});
	return accessor('useTempVault', () => vault);
}

/**
 * The real oidc-provider on 127.0.0.1, started before the suite and closed after it. Call it inside
 * a describe: at the top level Node 20 starts the file's next before hook before this one is done.
 */
export function useIdentityProvider(
	settings?: Parameters<typeof startIdentityProvider>[0],
): () => IdentityProvider {
	let idp: IdentityProvider | undefined;
	before(async () => {
		idp = await startIdentityProvider(settings);
	});
	after(async () => {
		await idp?.close();
		idp = undefined;
	});
	return accessor('useIdentityProvider', () => idp);
}
