/** `authdeck credential verify`: whether a received delivery was signed with the credential. */
import type {Command} from 'commander';
import {UserError} from '../../lib/errors.js';
import {sanitize} from '../../lib/sanitize.js';
import {verifyWith} from '../../services/credential-use.js';
import {action, print} from '../output.js';
import {
	ownerOption,
	parseHeaders,
	pickCredential,
	readBody,
	readHeaderFile,
} from './credential-input.js';

type VerifyOptions = {
	body: string;
	header?: string[];
	headers?: string;
	tolerance: string;
	account?: string;
};

/** Registers `credential verify` on the credential group. */
export function registerCredentialVerify(credential: Command): void {
	credential
		.command('verify')
		.description('Check a received webhook: exit 0 and "valid", or exit 1 and why not')
		.argument('<credential>', 'its id, or its name')
		.requiredOption('--body <file|->', 'the raw body as received; - reads stdin')
		.option('--header <line...>', "a received header, 'Name: value'")
		.option('--headers <file>', 'received headers, one a line (curl -D output will do)')
		.option('--tolerance <seconds>', 'how old (or new) a timestamp may be', '300')
		.addOption(ownerOption())
		.action(
			action(async (context, query: string, options: VerifyOptions) => {
				const tolerance = Number(options.tolerance);
				if (!/^\d{1,9}$/.test(options.tolerance) || !Number.isSafeInteger(tolerance)) {
					throw new UserError('--tolerance takes whole seconds', {field: 'tolerance'});
				}

				const found = pickCredential(context, query, options.account);
				const lines = [
					...(options.headers ? await readHeaderFile(options.headers) : []),
					...(options.header ?? []),
				];
				const verdict = await verifyWith(context, found, {
					body: await readBody(options.body),
					headers: parseHeaders(lines),
					toleranceSeconds: tolerance,
				});
				if (verdict.valid) {
					print('valid');
					return 0;
				}

				print(`invalid: ${sanitize(verdict.reason, 200)}`);
				return 1;
			}),
		);
}
