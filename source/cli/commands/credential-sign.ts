/** `authdeck credential sign`: the headers a sender of the credential's scheme would send. */
import type {Command} from 'commander';
import {toJson} from '../../lib/json.js';
import {signWith} from '../../services/credential-use.js';
import {action, print} from '../output.js';
import {ownerOption, pickCredential, readBody} from './credential-input.js';

type SignOptions = {
	body: string;
	timestamp?: string;
	id?: string;
	account?: string;
	json?: boolean;
};

/** Registers `credential sign` on the credential group. */
export function registerCredentialSign(credential: Command): void {
	credential
		.command('sign')
		.description("Sign a body with an hmac credential, the way its scheme's sender does")
		.argument('<credential>', 'its id, or its name')
		.requiredOption('--body <file|->', 'the raw body to sign; - reads stdin')
		.option('--timestamp <seconds>', 'the timestamp to sign (default: now)')
		.option('--id <id>', 'the message id, for schemes that sign one (default: random)')
		.addOption(ownerOption())
		.option('--json', 'print JSON: headers, signature, timestamp, id')
		.action(
			action(async (context, query: string, options: SignOptions) => {
				const found = pickCredential(context, query, options.account);
				const signed = await signWith(context, found, {
					body: await readBody(options.body),
					timestamp: options.timestamp,
					id: options.id,
				});
				print(
					options.json
						? toJson(signed)
						: Object.entries(signed.headers)
								.map(([name, value]) => `${name}: ${value}`)
								.join('\n'),
				);
			}),
		);
}
