import fs from 'node:fs';
import type {AccountSecret, Vault} from '../../domain.js';
import {sanitize} from '../../lib/sanitize.js';
import {maskProxy} from '../../net/proxy.js';
import {readCaFile} from '../../net/tls.js';
import {accountKey, type SecretStore} from '../../vault/secrets.js';
import type {Finding} from './doctor-finding.js';

/** A token issued further ahead than this means this machine's clock is behind. */
const skewSeconds = 60;

/** The `iat` of a JWT's payload, read without checking it; the token itself is never printed. */
function issuedAt(token: string | undefined): number | undefined {
	const payload = token?.split('.')[1];
	if (!payload || token?.split('.').length !== 3) return undefined;
	try {
		const iat = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {iat?: unknown})
			.iat;
		return typeof iat === 'number' && Number.isFinite(iat) ? iat : undefined;
	} catch {
		return undefined;
	}
}

/** Compares now with the newest `iat` of the stored id and access tokens. */
export async function checkClock(
	vault: Vault,
	store: SecretStore | undefined,
	now = Date.now(),
): Promise<Finding> {
	let newest: number | undefined;
	for (const account of vault.accounts.filter((a) => a.method !== 'api-key')) {
		const raw = await store?.get(accountKey(account.id)).catch(() => undefined);
		let secret: AccountSecret | undefined;
		try {
			secret = raw === undefined ? undefined : (JSON.parse(raw) as AccountSecret);
		} catch {
			continue;
		}

		for (const iat of [issuedAt(secret?.idToken), issuedAt(secret?.accessToken)]) {
			if (iat !== undefined && (newest === undefined || iat > newest)) newest = iat;
		}
	}

	if (newest === undefined) {
		return {check: 'clock', level: 'ok', message: 'no signed-in token to compare the clock with'};
	}

	const ahead = Math.round(newest - now / 1000);
	if (ahead > skewSeconds) {
		return {
			check: 'clock',
			level: 'warn',
			message: `this machine's clock is about ${ahead} s behind: the newest token was issued in its future, so tokens look valid longer than they are`,
			fix: 'sync the clock: timedatectl set-ntp true (or your system settings)',
		};
	}

	return {
		check: 'clock',
		level: 'ok',
		message: `the newest token was issued ${Math.max(0, -ahead)} s ago by this machine's clock`,
	};
}

const proxyVariables = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY'];

/** What is set for proxies and certificate authorities, and whether authdeck uses it. */
export function checkNetwork(vault: Vault, env: NodeJS.ProcessEnv): Finding[] {
	const findings: Finding[] = [];
	const {proxy, caFile, insecureSkipVerify} = vault.settings;
	if (proxy) {
		findings.push({
			check: 'network',
			level: 'ok',
			message: `every request goes through ${maskProxy(proxy)} (the proxy setting, which beats HTTPS_PROXY, HTTP_PROXY and ALL_PROXY)`,
		});
	}

	for (const name of proxyVariables) {
		const value = env[name.toLowerCase()] ?? env[name];
		if (value) {
			const ignored = proxy && name !== 'NO_PROXY' ? ' (the proxy setting is used instead)' : '';
			findings.push({
				check: 'network',
				level: 'ok',
				message: `${name}=${name === 'NO_PROXY' ? sanitize(value, 200) : maskProxy(value)} is set${ignored}`,
			});
		}
	}

	if (caFile) {
		try {
			const count = readCaFile(caFile).length;
			findings.push({
				check: 'network',
				level: 'ok',
				message: `ca-file ${sanitize(caFile, 300)}: ${count} certificate${count === 1 ? '' : 's'} trusted besides Node's roots`,
			});
		} catch (error) {
			findings.push({
				check: 'network',
				level: 'error',
				message: (error as Error).message,
				fix: 'point it at your CA bundle (PEM): authdeck config set ca-file PATH, or clear it: authdeck config set ca-file ""',
			});
		}
	}

	if (insecureSkipVerify) {
		findings.push({
			check: 'network',
			level: 'warn',
			message:
				'insecure-skip-verify is on: certificates are not checked (refused for production and protected accounts)',
			fix: 'authdeck config set insecure-skip-verify false',
		});
	}

	const ca = env.NODE_EXTRA_CA_CERTS;
	if (ca) {
		let readable = false;
		try {
			readable = fs.statSync(ca).isFile();
			fs.accessSync(ca, fs.constants.R_OK);
		} catch {
			readable = false;
		}

		findings.push(
			readable
				? {
						check: 'network',
						level: 'ok',
						message: `NODE_EXTRA_CA_CERTS=${sanitize(ca, 300)}: Node trusts its certificates too`,
					}
				: {
						check: 'network',
						level: 'error',
						message: `NODE_EXTRA_CA_CERTS names ${sanitize(ca, 300)}, which is not a readable file: its certificates are not trusted`,
						fix: 'point it at your CA bundle (PEM), or unset it',
					},
		);
	}

	return findings.length > 0
		? findings
		: [{check: 'network', level: 'ok', message: 'no proxy or extra CA is set'}];
}
