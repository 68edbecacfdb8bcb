/**
 * Helpers for tests that use the real Secret Service brought up by
 * scripts/with-keyring.sh (which `npm test` / run-tests.sh always use).
 *
 *   import {keyringSkipReason} from './keyring.js';
 *   test('stores in the keychain', {skip: keyringSkipReason()}, async () => { ... });
 *
 * Never call keytar's findCredentials: it segfaults on a locked keyring. Use
 * secretToolSearch() to see what is stored instead.
 */
import {execFileSync, spawnSync} from 'node:child_process';

/** True when with-keyring.sh started an unlocked gnome-keyring for this process. */
export const keyringAvailable: boolean = process.env.AUTHDECK_TEST_KEYRING === '1';

/** Same rule as run-tests.sh: CI counts as set unless empty, "0" or "false". */
function inCi(): boolean {
	const ci = process.env.CI;
	return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/**
 * undefined when the real keyring is available; otherwise why it is not, for
 * `{skip: keyringSkipReason()}`. Under CI a missing keyring throws instead, so
 * a keychain test can never be skipped silently there.
 */
export function keyringSkipReason(): string | undefined {
	if (keyringAvailable) return undefined;
	const reason =
		process.env.AUTHDECK_TEST_KEYRING_MISSING ??
		'AUTHDECK_TEST_KEYRING is not set (run tests via `npm test` or scripts/with-keyring.sh)';
	if (inCi()) {
		throw new Error(
			`CI is set but no real Secret Service is available (${reason}); keychain tests must run under CI, not skip`,
		);
	}
	return `no real keyring: ${reason}`;
}

const SECRET_TOOL_TIMEOUT_MS = 10_000;

/**
 * `secret-tool search --all service <service>`, stdout and stderr merged in
 * order (secret-tool prints label/secret/dates on stdout and the
 * `attribute.account = ...` lines on stderr), so each item's block is whole:
 *
 *   [/1]
 *   label = authdeck/<account>
 *   secret = <secret>
 *   ...
 *   attribute.account = <account>
 *   attribute.service = authdeck
 *
 * Returns '' when nothing matches.
 */
export function secretToolSearch(service = 'authdeck'): string {
	// One shared fd for both streams keeps the two halves of each item together.
	return execFileSync(
		'sh',
		['-c', 'exec secret-tool "$@" 2>&1', 'sh', 'search', '--all', 'service', service],
		{encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: SECRET_TOOL_TIMEOUT_MS},
	);
}

/**
 * `secret-tool lookup k1 v1 k2 v2 ...`: the secret exactly as stored (no
 * newline is added when stdout is not a terminal), or undefined when no item
 * matches. keytar stores items with the attributes `service` and `account`.
 */
export function secretToolLookup(attrs: Record<string, string>): string | undefined {
	const args = Object.entries(attrs).flat();
	if (args.length === 0) throw new Error('secretToolLookup needs at least one attribute');
	const result = spawnSync('secret-tool', ['lookup', ...args], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: SECRET_TOOL_TIMEOUT_MS,
	});
	if (result.error) throw result.error;
	if (result.status === 0) return result.stdout;
	if (result.status === 1 && result.stdout === '' && result.stderr.trim() === '') return undefined;
	throw new Error(
		`secret-tool lookup ${args.join(' ')} failed (status ${result.status}, signal ${result.signal}): ${result.stderr.trim()}`,
	);
}
