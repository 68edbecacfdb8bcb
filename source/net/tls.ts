import {X509Certificate} from 'node:crypto';
import fs from 'node:fs';
import tls from 'node:tls';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** A CA bundle larger than this is not a bundle (Debian's whole store is ~220 KB). */
const maximumBundleBytes = 4 * 1024 * 1024;

/**
 * The certificates of a PEM file, each parsed, for `config set ca-file` and every request that uses
 * it: a file that is missing, too large, or holds no valid certificate is refused with one line.
 */
export function readCaFile(file: string): string[] {
	const shown = sanitize(file, 200);
	let text: string;
	try {
		const stat = fs.statSync(file);
		if (!stat.isFile()) {
			throw new UserError(`ca-file ${shown} is not a regular file`);
		}

		if (stat.size > maximumBundleBytes) {
			throw new UserError(`ca-file ${shown} is larger than 4 MB: not a CA bundle`);
		}

		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if (error instanceof UserError) throw error;
		throw new UserError(
			`cannot read ca-file ${shown}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
		);
	}

	const blocks = text.match(pemBlock) ?? [];
	if (blocks.length === 0) {
		throw new UserError(`ca-file ${shown} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
	}

	for (const block of blocks) {
		try {
			new X509Certificate(block);
		} catch {
			throw new UserError(`ca-file ${shown} holds a PEM block that is not a valid certificate`);
		}
	}

	return blocks;
}

/** The TLS options of a request: Node's roots plus the ca-file's, and whether to verify at all. */
export type TlsChoice = {
	/** Absent: Node's defaults (its roots and NODE_EXTRA_CA_CERTS). */
	readonly ca?: string[];
	readonly rejectUnauthorized: boolean;
};

export function tlsChoice(
	caFile: string | undefined,
	insecure: boolean,
	env: NodeJS.ProcessEnv,
): TlsChoice {
	if (!caFile) {
		return {rejectUnauthorized: !insecure};
	}

	// Giving `ca` replaces Node's roots and NODE_EXTRA_CA_CERTS, so both are added back: the file
	// adds to what Node trusts. An unreadable NODE_EXTRA_CA_CERTS is Node's warning, not ours.
	const extra = env.NODE_EXTRA_CA_CERTS;
	let extras: string[] = [];
	try {
		extras = extra ? readCaFile(extra) : [];
	} catch {
		extras = [];
	}

	return {
		ca: [...tls.rootCertificates, ...extras, ...readCaFile(caFile)],
		rejectUnauthorized: !insecure,
	};
}
