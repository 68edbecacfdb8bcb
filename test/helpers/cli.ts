/**
 * The test harness in one import: the temporary vault (temp-vault.ts), the one way to run the built
 * binary (run-binary.ts), the hooks (hooks.ts), the fixtures (fixtures.ts), and the suites that run
 * once per backend.
 *
 *   const vault = await TempVault.create('file');
 *   const result = await vault.run(['status', '--json']);
 *   await vault.cleanup();
 *
 * `npm test` builds first; run `npm run build` before running a command test on its own. Each test
 * process runs its own copy of that build (see `builtCli`).
 */
import {afterEach, beforeEach, describe} from 'node:test';
import {plantedKey} from './fixtures.js';
import {keyringSkipReason} from './keyring.js';
import type {RunResult} from './run-binary.js';
import {type BackendName, TempVault} from './temp-vault.js';

export {entriesStartingWith, modeOf} from './files.js';
export {
	idFor,
	jwtLike,
	multibyte,
	multibyteKey,
	plantedKey,
	sampleLogins,
	secretFor,
} from './fixtures.js';
export {type HookOptions, useIdentityProvider, useTempVault} from './hooks.js';
export {
	builtCli,
	cliPath,
	describeRun,
	login,
	type ProcessOptions,
	type RunResult,
	requireBuild,
	root,
	run,
	runCli,
	stderrLines,
} from './run-binary.js';
export {
	type BackendName,
	type RunOptions,
	TempVault,
	type TempVaultOptions,
	type TestContext,
} from './temp-vault.js';
export {saveWorker, spawnWorker, type Worker, watch} from './worker.js';

export type BackendCase = {readonly name: BackendName; readonly skip: string | undefined};

/** Both backends; the keychain is skipped with a reason outside with-keyring (never under CI). */
export function backendCases(): BackendCase[] {
	return [
		{name: 'file', skip: undefined},
		{name: 'keychain', skip: keyringSkipReason()},
	];
}

/** Declares the same suite once per backend, each under `describe('<title> [<backend>]')`. */
export function describeBackends(title: string, suite: (backend: BackendName) => void): void {
	for (const {name, skip} of backendCases()) {
		describe(`${title} [${name} backend]`, {skip}, () => {
			suite(name);
		});
	}
}

export type Seeded = {
	readonly prod: {id: string; alias: string};
	readonly client: {id: string; alias: string};
	readonly prodKey: string;
	readonly clientKey: string;
};

/**
 * The accounts of the example: `prod` (john@company.com, Acme Corp) and `client-a`
 * (jane@agency.com, ClientCo, staging), both vapi. client-a is logged in last, so it is the active
 * vapi account and the current one, and prod is the previous one.
 */
export async function seedAccounts(vault: TempVault): Promise<Seeded> {
	const prodKey = `${plantedKey('sk-prod_')}efgh`;
	const clientKey = plantedKey('sk-client_');
	const prod = await vault.login(prodKey, [
		'--provider',
		'vapi',
		'--alias',
		'prod',
		'--email',
		'john@company.com',
		'--org-name',
		'Acme Corp',
		'--org-id',
		'org_abc123',
	]);
	const client = await vault.login(clientKey, [
		'--provider',
		'vapi',
		'--alias',
		'client-a',
		'--email',
		'jane@agency.com',
		'--org-name',
		'ClientCo',
		'--org-id',
		'org_xyz789',
		'--environment',
		'staging',
	]);
	return {prod, client, prodKey, clientKey};
}

/**
 * A fresh vault with the accounts of `seedAccounts` for every test of the calling suite, removed
 * after it: `use` gets each one before its test runs.
 *
 *   let vault: TempVault;
 *   let seeded: Seeded;
 *   useSeededVault(backend, (fresh) => {
 *     ({vault, seeded} = fresh);
 *   });
 */
export function useSeededVault(
	backend: BackendName,
	use: (fresh: {vault: TempVault; seeded: Seeded}) => void,
): void {
	let vault: TempVault | undefined;
	beforeEach(async () => {
		vault = await TempVault.create(backend);
		use({vault, seeded: await seedAccounts(vault)});
	});
	afterEach(async () => {
		await vault?.cleanup();
	});
}

/** Asserts a failed run: non-zero, nothing on stdout, exactly one line on stderr; returns that line. */
export function oneErrorLine(result: RunResult): string {
	if (result.code === 0 || result.code === null) {
		throw new Error(
			`expected a non-zero exit, got ${result.code ?? result.signal}: ${result.stdout}`,
		);
	}

	const lines = result.stderr.split('\n').filter((line) => line !== '');
	if (lines.length !== 1 || !lines[0]?.startsWith('authdeck: ') || result.stdout !== '') {
		throw new Error(
			`expected one "authdeck: ..." line on stderr and no stdout, got stderr ${JSON.stringify(result.stderr)} stdout ${JSON.stringify(result.stdout)}`,
		);
	}

	return lines[0];
}
