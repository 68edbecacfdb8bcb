/** `authdeck credential send` and `credential listen`: test a webhook end to end, both sides. */
import type {Command} from 'commander';
import {UserError} from '../../lib/errors.js';
import {sanitize} from '../../lib/sanitize.js';
import {listen} from '../../services/webhook-listen.js';
import {sampleEvent, sendWith} from '../../services/webhook-send.js';
import {action, print} from '../output.js';
import {ownerOption, pickCredential, readBody} from './credential-input.js';

type SendOptions = {url: string; body?: string; event?: string; account?: string};

/** Registers `credential send` on the credential group. */
export function registerCredentialSend(credential: Command): void {
	credential
		.command('send')
		.description(
			'POST a sample or given event with the credential applied; prints the status, latency and the start of the answer',
		)
		.argument('<credential>', 'its id, or its name')
		.requiredOption('--url <url>', 'where to send it (https://, or http:// on loopback)')
		.option('--body <file|->', 'the body to send; - reads stdin')
		.option('--event <type>', 'send a sample event of this type', 'authdeck.test')
		.addOption(ownerOption())
		.action(
			action(async (context, query: string, options: SendOptions) => {
				const found = pickCredential(context, query, options.account);
				const body =
					options.body === undefined
						? sampleEvent(options.event ?? 'authdeck.test')
						: await readBody(options.body);
				const answer = await sendWith(context, found, options.url, body);
				const text = answer.start.trim();
				const start = text === '' ? '' : `\n${sanitize(text, 200)}`;
				print(
					`HTTP ${answer.status} ${sanitize(answer.statusText, 60)} in ${answer.ms} ms${start}`.trim(),
				);
				return answer.status >= 200 && answer.status < 300 ? 0 : 1;
			}),
		);
}

type ListenOptions = {port: string; forwardTo?: string; tolerance: string; account?: string};

/** Registers `credential listen` on the credential group. */
export function registerCredentialListen(credential: Command): void {
	credential
		.command('listen')
		.description(
			'Receive webhooks on 127.0.0.1, check each against the credential, print a line per request; Ctrl+C stops',
		)
		.argument('<credential>', 'its id, or its name')
		.option('--port <port>', 'the port on 127.0.0.1 (0 picks a free one)', '0')
		.option('--forward-to <url>', 'forward valid requests here, headers and body as received')
		.option('--tolerance <seconds>', 'how old (or new) a timestamp may be', '300')
		.addOption(ownerOption())
		.action(
			action(async (context, query: string, options: ListenOptions) => {
				const port = Number(options.port);
				if (!/^\d{1,5}$/.test(options.port) || port > 65_535) {
					throw new UserError('--port takes a number from 0 to 65535', {field: 'port'});
				}

				const tolerance = Number(options.tolerance);
				if (!/^\d{1,9}$/.test(options.tolerance)) {
					throw new UserError('--tolerance takes whole seconds', {field: 'tolerance'});
				}

				const found = pickCredential(context, query, options.account);
				const listener = await listen(context, found, {
					port,
					toleranceSeconds: tolerance,
					forwardTo: options.forwardTo,
					report: (line) => print(`${new Date().toISOString().slice(11, 19)}  ${line}`),
				});
				const forward = options.forwardTo
					? `, forwarding valid ones to ${sanitize(options.forwardTo, 200)}`
					: '';
				print(
					`Listening on ${listener.url} for ${sanitize(found.name, 80)}${forward}; Ctrl+C stops`,
				);
				await new Promise<void>((resolve) => {
					const stop = () => {
						process.off('SIGINT', stop);
						process.off('SIGTERM', stop);
						resolve();
					};
					process.on('SIGINT', stop);
					process.on('SIGTERM', stop);
				});
				await listener.close();
				print('Stopped');
			}),
		);
}
