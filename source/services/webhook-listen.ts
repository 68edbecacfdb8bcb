/**
 * `credential listen`: a receiver on 127.0.0.1 that checks every request against a credential,
 * says in one line per request whether it is valid and why not, and forwards the valid ones.
 */
import {timingSafeEqual} from 'node:crypto';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Credential, CredentialSecret} from '../domain.js';
import {UserError} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import type {Context} from '../store/context.js';
import {readSecretEntry} from '../vault/read-secret.js';
import {credentialKey} from '../vault/secrets.js';
import type {Verdict} from '../webhooks/verify.js';
import {liveSecrets, verifyWith} from './credential-use.js';
import {post} from './webhook-send.js';

/** A request body larger than this is refused (413) without being read. */
const maximumBody = 10 * 1024 * 1024;

export type ListenOptions = {
	readonly port: number;
	readonly toleranceSeconds: number;
	readonly forwardTo?: string;
	/** One line per request, and the listening line. */
	readonly report: (line: string) => void;
};

export type Listener = {readonly url: string; close(): Promise<void>};

function same(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

async function verifyBearer(
	context: Context,
	credential: Credential,
	headers: Record<string, string>,
): Promise<Verdict> {
	if (credential.settings.type !== 'bearer') {
		throw new UserError('not a bearer credential');
	}

	const {headerName, bearerPrefix} = credential.settings;
	const given = headers[headerName.toLowerCase()];
	if (given === undefined) {
		return {valid: false, reason: `no ${headerName} header`};
	}

	const secret = await readSecretEntry<CredentialSecret>(
		context,
		credentialKey(credential.id),
		`the stored secret of credential ${credential.id} is damaged; rotate it`,
	);
	const token = bearerPrefix ? given.replace(/^Bearer\s+/i, '') : given;
	const live = secret ? liveSecrets(secret) : [];
	return live.some((value) => same(token, value))
		? {valid: true}
		: {valid: false, reason: 'token mismatch'};
}

/** Event id and type as senders put them: in the JSON body, or GitHub's headers. */
function eventOf(body: Buffer, headers: Record<string, string>): string {
	let parsed: Record<string, unknown> = {};
	try {
		const value = JSON.parse(body.toString('utf8')) as unknown;
		parsed = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
	} catch {
		// Not JSON: only headers can name the event.
	}

	const nested = (parsed.event ?? {}) as Record<string, unknown>;
	const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
	const id =
		text(parsed.id) ??
		text(parsed.event_id) ??
		headers['webhook-id'] ??
		headers['x-github-delivery'] ??
		'-';
	const type = text(parsed.type) ?? headers['x-github-event'] ?? text(nested.type) ?? '-';
	return `${sanitize(id, 80)} ${sanitize(type, 80)}`;
}

function readBody(request: http.IncomingMessage): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maximumBody) {
				request.destroy();
				resolve(undefined);
				return;
			}

			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

/** Headers with lower-case names; a repeated one's values joined by a space (several signatures). */
function headersOf(request: http.IncomingMessage): Record<string, string> {
	return Object.fromEntries(
		Object.entries(request.headersDistinct).map(([name, values]) => [
			name,
			(values ?? []).join(' '),
		]),
	);
}

const hopByHop = new Set([
	'host',
	'connection',
	'content-length',
	'transfer-encoding',
	'keep-alive',
]);

/** Starts the receiver; it runs until `close()`. */
export async function listen(
	context: Context,
	credential: Credential,
	options: ListenOptions,
): Promise<Listener> {
	const {type} = credential.settings;
	if (type === 'oauth2') {
		throw new UserError(
			'listen checks bearer and hmac credentials; an oauth2 token is checked by the server that issued it',
		);
	}

	const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
		const where = `${request.method ?? '?'} ${sanitize(request.url ?? '/', 80)}`;
		const body = await readBody(request);
		if (body === undefined) {
			options.report(`${where}  refused: body larger than 10 MiB`);
			response.writeHead(413).end();
			return;
		}

		const headers = headersOf(request);
		const verdict =
			type === 'bearer'
				? await verifyBearer(context, credential, headers)
				: await verifyWith(context, credential, {
						body,
						headers,
						toleranceSeconds: options.toleranceSeconds,
					});
		const event = eventOf(body, headers);
		if (!verdict.valid) {
			options.report(`${where}  invalid: ${sanitize(verdict.reason, 120)}  ${event}`);
			response.writeHead(401, {'content-type': 'text/plain'}).end(`invalid: ${verdict.reason}\n`);
			return;
		}

		if (!options.forwardTo) {
			options.report(`${where}  valid  ${event}`);
			response.writeHead(200, {'content-type': 'application/json'}).end('{"received":true}\n');
			return;
		}

		const forwarded = Object.fromEntries(
			Object.entries(headers).filter(([name]) => !hopByHop.has(name)),
		);
		try {
			const answer = await post(context, options.forwardTo, forwarded, body);
			options.report(`${where}  valid  ${event}  -> ${answer.status} in ${answer.ms} ms`);
			response.writeHead(answer.status, {'content-type': 'text/plain'}).end(answer.start);
		} catch (error) {
			options.report(
				`${where}  valid  ${event}  -> not forwarded: ${sanitize((error as Error).message, 160)}`,
			);
			response.writeHead(502, {'content-type': 'text/plain'}).end('not forwarded\n');
		}
	};

	const server = http.createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			options.report(
				`${request.method ?? '?'} refused: ${sanitize((error as Error).message, 160)}`,
			);
			if (!response.headersSent) {
				response.writeHead(500).end();
			}
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) =>
			reject(
				new UserError(
					error.code === 'EADDRINUSE'
						? `port ${options.port} on 127.0.0.1 is in use; pick another with --port`
						: `cannot listen on 127.0.0.1:${options.port}: ${error.code ?? error.message}`,
				),
			),
		);
		server.listen({host: '127.0.0.1', port: options.port}, () => resolve());
	});
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
