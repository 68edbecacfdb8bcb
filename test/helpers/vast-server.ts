/**
 * A stand-in for Vast.ai's API (the real one cannot be reached from here), built from the requests
 * and answers its published OpenAPI files describe, on 127.0.0.1 with a random port:
 *
 *   GET    /api/v0/users/current/     the user: id, email, balance, ssh_key, sid, and api_key
 *   GET    /api/v0/auth/apikeys/      {apikeys: [{id, user_id, key, rights, team_id, team_name}]}
 *   POST   /api/v0/auth/apikeys/      {name, permissions, key_params} -> {id, key, permissions}
 *   GET    /api/v0/auth/apikeys/{id}/ the key itself, as a JSON string
 *   DELETE /api/v0/auth/apikeys/{id}/ {success: true}
 *
 * Every request needs `Authorization: Bearer <a live key>` whose rights hold the endpoint's permission
 * category (docs.vast.ai/api-reference/permissions: `user_read` views the account and its API keys,
 * `user_write` creates and deletes them), else 403; errors are `{success: false, error, msg}` with
 * 401, 403, 404 or 429. A key made without rights has every category, as a console key does. `inject` makes one endpoint fail the next times it is called. It lives
 * in test/ and never ships.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type Endpoint = 'whoami' | 'list' | 'create' | 'show' | 'delete';

export type StoredKey = {
	id: number;
	user_id: number;
	key: string;
	name: string;
	rights: unknown;
	team_id: number | null;
	team_name: string | null;
};

export type Injection = {
	readonly status: number;
	readonly body?: unknown;
	readonly headers?: Record<string, string>;
	/** How many calls fail. @default 1 */
	times?: number;
	/** Only calls made with a key for which this is true. */
	readonly when?: (key: string) => boolean;
};

export type Seen = {
	readonly method: string;
	readonly path: string;
	readonly endpoint?: Endpoint;
	readonly key: string;
};

export type VastServer = {
	/** The base URL as the vastai CLI's --url takes it: the API is under /api/v0. */
	readonly url: string;
	readonly keys: Map<number, StoredKey>;
	readonly requests: Seen[];
	/** A new live key of user 1 (the test's user). */
	addKey(name?: string, rights?: unknown): StoredKey;
	isLive(key: string): boolean;
	inject(endpoint: Endpoint, injection: Injection): void;
	close(): Promise<void>;
};

const user = {
	id: 4242,
	email: 'gpu@company.com',
	balance: 12.5,
	ssh_key: 'ssh-ed25519 AAAAC3Nza test',
	sid: 'sid-77',
};

const newKey = () => crypto.randomBytes(32).toString('hex');

/** The category each endpoint needs, from Vast.ai's permissions reference. */
const needs: Record<Endpoint, string> = {
	whoami: 'user_read',
	list: 'user_read',
	show: 'user_read',
	create: 'user_write',
	delete: 'user_write',
};

/** Every category, the rights of a key made in the console. */
export const fullRights = {
	api: Object.fromEntries(
		[
			'instance_read',
			'instance_write',
			'user_read',
			'user_write',
			'billing_read',
			'billing_write',
			'machine_read',
			'machine_write',
			'misc',
			'team_read',
			'team_write',
		].map((category) => [category, {}]),
	),
};

const grants = (rights: unknown, category: string) => {
	const api = (rights as {api?: unknown} | null)?.api;
	return typeof api === 'object' && api !== null && category in api;
};

function routeOf(method: string, path: string): {endpoint?: Endpoint; id?: number} {
	if (method === 'GET' && path === '/api/v0/users/current/') return {endpoint: 'whoami'};
	if (path === '/api/v0/auth/apikeys/') {
		return {endpoint: method === 'GET' ? 'list' : method === 'POST' ? 'create' : undefined};
	}

	const match = /^\/api\/v0\/auth\/apikeys\/(\d+)\/$/.exec(path);
	if (match && (method === 'GET' || method === 'DELETE')) {
		return {endpoint: method === 'GET' ? 'show' : 'delete', id: Number(match[1])};
	}

	return {};
}

export async function startVastServer(): Promise<VastServer> {
	const keys = new Map<number, StoredKey>();
	const requests: Seen[] = [];
	const injections = new Map<Endpoint, Injection[]>();
	let nextId = 100;

	const addKey = (name = 'default', rights: unknown = fullRights) => {
		const stored: StoredKey = {
			id: nextId++,
			user_id: user.id,
			key: newKey(),
			name,
			rights,
			team_id: null,
			team_name: null,
		};
		keys.set(stored.id, stored);
		return stored;
	};

	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
				response.writeHead(status, {'content-type': 'application/json', ...headers});
				response.end(JSON.stringify(body));
			};
			const error = (status: number, code: string, msg: string) =>
				send(status, {success: false, error: code, msg});
			const path = new URL(request.url ?? '/', 'http://x').pathname;
			const method = request.method ?? 'GET';
			const auth = request.headers.authorization ?? '';
			const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
			const {endpoint, id} = routeOf(method, path);
			requests.push({method, path, endpoint, key});
			if (!endpoint) return error(404, 'not_found', `no route ${method} ${path}`);

			const pending = injections
				.get(endpoint)
				?.find((i) => (i.times ?? 1) > 0 && (!i.when || i.when(key)));
			if (pending) {
				pending.times = (pending.times ?? 1) - 1;
				return send(
					pending.status,
					pending.body ?? {success: false, error: 'injected', msg: `injected ${pending.status}`},
					pending.headers,
				);
			}

			const owner = [...keys.values()].find((stored) => stored.key === key);
			if (!owner) return error(401, 'auth_error', 'Invalid user key');
			if (!grants(owner.rights, needs[endpoint])) {
				return error(403, 'forbidden', 'API key does not have permission for this request');
			}

			switch (endpoint) {
				case 'whoami':
					return send(200, {...user, api_key: key});
				case 'list':
					return send(200, {
						apikeys: [...keys.values()].map(({id, user_id, key, rights, team_id, team_name}) => ({
							id,
							user_id,
							key,
							rights,
							team_id,
							team_name,
						})),
					});
				case 'create': {
					let body: {name?: unknown; permissions?: unknown; key_params?: unknown};
					try {
						body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
					} catch {
						return error(400, 'bad_request', 'body is not JSON');
					}

					if (
						typeof body.name !== 'string' ||
						!('permissions' in body) ||
						!('key_params' in body)
					) {
						return error(400, 'bad_request', 'name, permissions and key_params are required');
					}

					const created = addKey(body.name, body.permissions ?? owner.rights);
					return send(200, {id: created.id, key: created.key, permissions: created.rights});
				}

				case 'show': {
					const found = keys.get(id ?? -1);
					return found ? send(200, found.key) : error(404, 'not_found', `no key ${id}`);
				}

				case 'delete': {
					if (!keys.delete(id ?? -1)) return error(404, 'not_found', `no key ${id}`);
					return send(200, {success: true});
				}
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		keys,
		requests,
		addKey,
		isLive: (key) => [...keys.values()].some((stored) => stored.key === key),
		inject(endpoint, injection) {
			injections.set(endpoint, [...(injections.get(endpoint) ?? []), injection]);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
