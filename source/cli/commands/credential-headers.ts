/** `authdeck credential headers`: the headers a request must carry, for `curl -H @-`. */
import type {Command} from 'commander';
import {headersFor} from '../../services/credential-use.js';
import {action, print} from '../output.js';
import {ownerOption, pickCredential, readBody} from './credential-input.js';

/** Registers `credential headers` on the credential group. */
export function registerCredentialHeaders(credential: Command): void {
	credential
		.command('headers')
		.description(
			'Print the headers a request must carry, one "Name: value" a line (for curl -H @-)',
		)
		.argument('<credential>', 'its id, or its name')
		.option('--body <file|->', 'hmac: the raw body the request sends; - reads stdin')
		.addOption(ownerOption())
		.action(
			action(async (context, query: string, options: {body?: string; account?: string}) => {
				const found = pickCredential(context, query, options.account);
				const body = options.body === undefined ? undefined : await readBody(options.body);
				const headers = await headersFor(context, found, body);
				print(
					Object.entries(headers)
						.map(([name, value]) => `${name}: ${value}`)
						.join('\n'),
				);
			}),
		);
}
