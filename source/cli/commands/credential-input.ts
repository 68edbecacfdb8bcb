/** What the credential subcommands that use a credential read: which one, a body, headers. */
import fs from 'node:fs';
import {Option} from 'commander';
import type {Account, Credential} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {sanitize} from '../../lib/sanitize.js';
import {findCredential} from '../../services/credentials.js';
import type {Context} from '../../store/context.js';
import {findOrganization} from '../../store/find-organization.js';
import {resolveAccount} from '../../store/resolve-account.js';
import {findAccount} from '../../store/selectors.js';

/** A webhook body larger than this is refused rather than read into memory. */
const maximumBody = 10 * 1024 * 1024;

/**
 * `--account` as the credential commands read it: the account a credential belongs to. Its own help
 * text, unlike the shared option's: `credential remove` without it searches every account.
 */
export function ownerOption(): Option {
	return new Option(
		'--account <alias|email|id>',
		'the account it belongs to (default: the current one)',
	);
}

/** The credential a subcommand names, by id, or by name within `--account` when given. */
export function pickCredential(context: Context, query: string, account?: string): Credential {
	const {vault} = context.store.getState();
	const named = account
		? resolveAccount(vault, {
				flag: account,
				profile: context.flags.profile,
				env: context.env,
				cwd: context.cwd,
			}).account
		: undefined;
	// `--org` names one of the account's organizations, on every command that takes it: the named
	// account's, else that of the credential's account.
	const checkOrg = (owner: Account | undefined) => {
		if (context.flags.org !== undefined && owner) {
			findOrganization(owner, context.flags.org);
		}
	};

	checkOrg(named);
	const found = findCredential(vault, query, named?.id);
	checkOrg(named ? undefined : findAccount(vault, found.accountId));
	return found;
}

/** The raw body from a file, or from stdin for `-`; exactly the bytes, never re-encoded. */
export async function readBody(source: string): Promise<Buffer> {
	if (source === '-') {
		if (process.stdin.isTTY) {
			throw new UserError('pipe the body in on stdin, or give --body FILE');
		}

		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of process.stdin) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
			size += buffer.length;
			if (size > maximumBody) {
				throw new UserError('the body on stdin is larger than 10 MiB');
			}

			chunks.push(buffer);
		}

		return Buffer.concat(chunks);
	}

	try {
		const stat = await fs.promises.stat(source);
		if (!stat.isFile()) {
			throw new UserError(`${sanitize(source, 200)} is not a file`);
		}

		if (stat.size > maximumBody) {
			throw new UserError(`${sanitize(source, 200)} is larger than 10 MiB`);
		}

		return await fs.promises.readFile(source);
	} catch (error) {
		if (error instanceof UserError) {
			throw error;
		}

		throw new UserError(`cannot read the body from ${sanitize(source, 200)}`, {field: 'body'});
	}
}

/**
 * `Name: value` lines as a header map with lower-case names; a repeated header's values are joined
 * by a space, which every scheme's splitting reads as several signatures. A status line (`HTTP/1.1
 * 200`, from `curl -D`) and blank lines are skipped; a line without a colon is refused.
 */
export function parseHeaders(lines: readonly string[]): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of lines) {
		const text = line.replace(/\r$/, '');
		if (text.trim() === '' || /^HTTP\/\d/i.test(text)) {
			continue;
		}

		const colon = text.indexOf(':');
		const name = text.slice(0, colon).trim().toLowerCase();
		if (colon <= 0 || !/^[\w!#$%&'*+.^`|~-]+$/.test(name)) {
			throw new UserError(`not a header: "${sanitize(text, 80)}"; use 'Name: value'`, {
				field: 'header',
			});
		}

		const value = text.slice(colon + 1).trim();
		headers[name] = headers[name] === undefined ? value : `${headers[name]} ${value}`;
	}

	return headers;
}

/** Header lines from a file (`--headers FILE`). */
export async function readHeaderFile(file: string): Promise<string[]> {
	const text = await readBody(file);
	return text.toString('utf8').split('\n');
}
