import fs from 'node:fs';
import {defaultSettings, emptyVault, type Vault} from '../../domain.js';
import {sanitize} from '../../lib/sanitize.js';
import {type VaultPaths, vaultPaths} from '../../vault/paths.js';
import validateVault from '../../vault/vault-validator.js';
import {checkClock, checkNetwork} from './doctor-env.js';
import {checkFiles, checkLocks, isPlainOrAbsent} from './doctor-files.js';
import type {Finding} from './doctor-finding.js';
import {checkSecrets} from './doctor-secrets.js';

export type {Finding} from './doctor-finding.js';

/**
 * The metadata, read without side effects (no mode repair, no corrupt copy, never through a link
 * or a FIFO): doctor must run on exactly the vault that makes every other command fail.
 */
function readVault(paths: VaultPaths): {vault: Vault; finding?: Finding} {
	if (!fs.existsSync(paths.config) || !isPlainOrAbsent(paths.config)) {
		return {vault: emptyVault};
	}

	try {
		const stored = JSON.parse(fs.readFileSync(paths.config, 'utf8')) as Partial<Vault>;
		if (
			typeof stored !== 'object' ||
			stored === null ||
			Array.isArray(stored) ||
			!validateVault(stored)
		) {
			throw new Error('it does not match the expected format');
		}

		const vault = {...emptyVault, ...stored, settings: {...defaultSettings, ...stored.settings}};
		return {vault: vault as Vault};
	} catch (error) {
		const why = error instanceof SyntaxError ? 'it is not valid JSON' : (error as Error).message;
		return {
			vault: emptyVault,
			finding: {
				check: 'files',
				level: 'error',
				message: `${sanitize(paths.config, 300)} cannot be read: ${why}`,
				fix: `fix it by hand, or move it away (mv ${sanitize(paths.config, 300)} ${sanitize(paths.config, 300)}.bak) and sign in again`,
			},
		};
	}
}

/** Every check, in the order a user reads them. */
export async function runChecks(env: NodeJS.ProcessEnv = process.env): Promise<Finding[]> {
	const paths = vaultPaths(env);
	const files = checkFiles(paths);
	const {vault, finding} = readVault(paths);
	// Secrets are looked at only through files that are what they should be.
	const sane =
		!finding &&
		!files.some((f) => f.level === 'error') &&
		isPlainOrAbsent(paths.config) &&
		isPlainOrAbsent(paths.secrets);
	const secrets = await checkSecrets(vault, sane, paths, env);
	return [
		...files,
		...(finding ? [finding] : []),
		...checkLocks(paths),
		...secrets.findings,
		await checkClock(vault, sane ? secrets.store : undefined),
		...checkNetwork(vault, env),
	];
}

export type DoctorReport = {
	readonly findings: readonly Finding[];
	/** What `--fix` did, one line each. */
	readonly fixed: readonly string[];
};

/** Runs the checks; with `fix`, applies the safe repairs and checks again. */
export async function doctor(
	options: {fix?: boolean; env?: NodeJS.ProcessEnv} = {},
): Promise<DoctorReport> {
	const env = options.env ?? process.env;
	let findings = await runChecks(env);
	const fixed: string[] = [];
	if (options.fix) {
		const repairs = findings.filter((f) => f.repair);
		for (const finding of repairs) {
			try {
				fixed.push(...(await (finding.repair as () => Promise<string>)()).split('\n'));
			} catch (error) {
				fixed.push(`could not fix "${finding.message}": ${(error as Error).message}`);
			}
		}

		if (repairs.length > 0) {
			findings = await runChecks(env);
		}
	}

	return {findings, fixed};
}

/** Exit status: 0 when nothing is wrong. */
export function doctorExitCode(report: DoctorReport): number {
	return report.findings.some((f) => f.level !== 'ok') ? 1 : 0;
}

/** One line per finding: the level, the area, what was found and what to run. */
export function formatDoctor(report: DoctorReport): string {
	const lines = report.fixed.map((line) => `fixed  ${sanitize(line, 500)}`);
	for (const {level, check, message, fix} of report.findings) {
		lines.push(`${level.padEnd(5)}  ${check}: ${message}${fix ? `; fix: ${fix}` : ''}`);
	}

	return `${lines.join('\n')}\n`;
}

/** `--json`: the findings without their repair functions. */
export function doctorJson(report: DoctorReport) {
	return {
		ok: doctorExitCode(report) === 0,
		fixed: report.fixed,
		findings: report.findings.map(({check, level, message, fix}) => ({
			check,
			level,
			message,
			fix: fix ?? null,
		})),
	};
}
