/**
 * Reads one secret from the Secret Service (gnome-keyring, KWallet's bridge, KeePassXC) over the
 * D-Bus session bus itself, in this process: a socket, no child process and no native code. keytar
 * in its helper process (./keychain-broker.ts) costs a second Node start on every read (~100 ms of a
 * `token --show` that otherwise takes ~80); this is a few round trips on a local socket.
 *
 * Only the read: `SearchItems` with the attributes keytar's libsecret schema stores (service,
 * account, xdg:schema), then `GetSecret` of an unlocked match in a "plain" session (the bus is a
 * local socket of this user, as for libsecret's own default). Writes and deletes stay with keytar. A
 * socket call never blocks a thread, so the 3 s bound of ./keychain.ts ends it by closing the
 * socket. Anything this client does not understand (no session bus address, another transport, an
 * unexpected answer) is `unsupported`, and the caller asks keytar instead.
 */
import net from 'node:net';
import {nodeOs} from '../lib/builtins.js';
import {readBody, type Value, writeBody} from './dbus-wire.js';

/** What a read found: the secret, none stored, one stored in a locked collection, or no answer here. */
export type DirectRead =
	| {readonly kind: 'found'; readonly value: string}
	| {readonly kind: 'absent'}
	| {readonly kind: 'locked'}
	| {readonly kind: 'unsupported'; readonly reason: string};

/** The socket of the session bus, from DBUS_SESSION_BUS_ADDRESS (unix:path= or unix:abstract=). */
export function sessionBusSocket(env: NodeJS.ProcessEnv): string | undefined {
	const address = env.DBUS_SESSION_BUS_ADDRESS;
	if (!address) {
		const runtime = env.XDG_RUNTIME_DIR;
		return runtime ? `${runtime}/bus` : undefined;
	}

	for (const entry of address.split(';')) {
		if (!entry.startsWith('unix:')) continue;
		const options = new Map(
			entry
				.slice(5)
				.split(',')
				.map((pair) => pair.split('=', 2) as [string, string]),
		);
		const decode = (text: string) => decodeURIComponent(text);
		if (options.has('path')) return decode(options.get('path') as string);
		if (options.has('abstract')) return `\0${decode(options.get('abstract') as string)}`;
	}

	return undefined;
}

type Reply = {readonly error?: string; readonly body: Value[]};

type Call = {
	readonly path: string;
	readonly iface: string;
	readonly member: string;
	readonly destination: string;
	readonly signature?: string;
	readonly args?: readonly Value[];
};

/** One connection to the bus: EXTERNAL authentication, Hello, then calls answered by serial. */
class Bus {
	readonly #socket: net.Socket;
	#buffer = Buffer.alloc(0);
	#serial = 0;
	#authenticated?: {resolve: () => void; reject: (error: Error) => void};
	readonly #pending = new Map<number, (reply: Reply) => void>();
	#failure?: Error;

	constructor(socket: net.Socket) {
		this.#socket = socket;
		socket.on('data', (chunk: Buffer) => this.#receive(chunk));
		socket.on('error', (error) => this.#fail(error));
		socket.on('close', () => this.#fail(new Error('the session bus closed the connection')));
	}

	static async open(file: string): Promise<Bus> {
		const socket = net.createConnection({path: file});
		const bus = new Bus(socket);
		await new Promise<void>((resolve, reject) => {
			bus.#authenticated = {resolve, reject};
			socket.once('connect', () => {
				const uid = Buffer.from(String(nodeOs().userInfo().uid)).toString('hex');
				socket.write(`\0AUTH EXTERNAL ${uid}\r\n`);
			});
		});
		await bus.call({
			path: '/org/freedesktop/DBus',
			iface: 'org.freedesktop.DBus',
			member: 'Hello',
			destination: 'org.freedesktop.DBus',
		});
		return bus;
	}

	close(): void {
		this.#socket.destroy();
	}

	call(call: Call): Promise<Reply> {
		if (this.#failure) return Promise.reject(this.#failure);
		const serial = ++this.#serial;
		const body = writeBody(call.signature ?? '', call.args ?? []);
		const fields: Value[] = [
			[1, {signature: 'o', value: call.path}],
			[2, {signature: 's', value: call.iface}],
			[3, {signature: 's', value: call.member}],
			[6, {signature: 's', value: call.destination}],
		];
		if (call.signature) fields.push([8, {signature: 'g', value: call.signature}]);
		const header = writeBody('yyyyuua(yv)', [
			'l'.charCodeAt(0),
			1,
			0,
			1,
			body.length,
			serial,
			fields,
		]);
		const padded = Buffer.alloc(Math.ceil(header.length / 8) * 8);
		header.copy(padded);
		return new Promise((resolve) => {
			this.#pending.set(serial, resolve);
			this.#socket.write(Buffer.concat([padded, body]));
		});
	}

	#fail(error: Error): void {
		this.#failure ??= error;
		this.#authenticated?.reject(error);
		this.#authenticated = undefined;
		for (const resolve of this.#pending.values()) resolve({error: error.message, body: []});
		this.#pending.clear();
	}

	#receive(chunk: Buffer): void {
		this.#buffer = Buffer.concat([this.#buffer, chunk]);
		if (this.#authenticated) {
			const end = this.#buffer.indexOf('\r\n');
			if (end === -1) return;
			const line = this.#buffer.subarray(0, end).toString('latin1');
			this.#buffer = this.#buffer.subarray(end + 2);
			if (!line.startsWith('OK ')) {
				this.#fail(new Error(`the session bus refused authentication (${line.slice(0, 40)})`));
				return;
			}

			this.#socket.write('BEGIN\r\n');
			this.#authenticated.resolve();
			this.#authenticated = undefined;
		}

		while (this.#buffer.length >= 16) {
			if (this.#buffer[0] !== 0x6c) {
				this.#fail(new Error('the session bus answered in big-endian order'));
				return;
			}

			const bodyLength = this.#buffer.readUInt32LE(4);
			const fieldsLength = this.#buffer.readUInt32LE(12);
			const headerLength = Math.ceil((16 + fieldsLength) / 8) * 8;
			if (this.#buffer.length < headerLength + bodyLength) return;
			const message = this.#buffer.subarray(0, headerLength + bodyLength);
			this.#buffer = this.#buffer.subarray(headerLength + bodyLength);
			this.#dispatch(message, headerLength);
		}
	}

	#dispatch(message: Buffer, headerLength: number): void {
		const type = message[1];
		const [, , , , , , fields] = readBody('yyyyuua(yv)', message.subarray(0, headerLength));
		const field = new Map(
			(fields as Array<[number, {value: Value}]>).map(([code, variant]) => [code, variant.value]),
		);
		const replyTo = field.get(5) as number | undefined;
		if ((type !== 2 && type !== 3) || replyTo === undefined) return;
		const resolve = this.#pending.get(replyTo);
		if (!resolve) return;
		this.#pending.delete(replyTo);
		const signature = (field.get(8) as string | undefined) ?? '';
		const body = readBody(signature, message.subarray(headerLength));
		resolve(
			type === 3 ? {error: `${field.get(4) as string}: ${String(body[0] ?? '')}`, body} : {body},
		);
	}
}

const secrets = 'org.freedesktop.secrets';
const servicePath = '/org/freedesktop/secrets';

/** The secret keytar stored for `service` and `account`, read over the session bus. */
export async function readSecretDirect(
	service: string,
	account: string,
	env: NodeJS.ProcessEnv,
	opened: (bus: {close(): void}) => void = () => undefined,
): Promise<DirectRead> {
	const file = sessionBusSocket(env);
	if (!file || process.platform !== 'linux') {
		return {kind: 'unsupported', reason: 'no session bus address'};
	}

	let bus: Bus;
	try {
		bus = await Bus.open(file);
	} catch (error) {
		return {kind: 'unsupported', reason: (error as Error).message};
	}

	opened(bus);
	try {
		const ask = async (call: Omit<Call, 'destination'>) => {
			const reply = await bus.call({...call, destination: secrets});
			if (reply.error !== undefined) throw new Error(reply.error);
			return reply.body;
		};

		const [, session] = await ask({
			path: servicePath,
			iface: 'org.freedesktop.Secret.Service',
			member: 'OpenSession',
			signature: 'sv',
			args: ['plain', {signature: 's', value: ''}],
		});
		// keytar's libsecret schema: its name is stored with the two attributes, and looked up with them.
		const attributes: Array<[string, string]> = [
			['service', service],
			['account', account],
			['xdg:schema', 'org.freedesktop.Secret.Generic'],
		];
		const [unlocked, locked] = (await ask({
			path: servicePath,
			iface: 'org.freedesktop.Secret.Service',
			member: 'SearchItems',
			signature: 'a{ss}',
			args: [attributes],
		})) as [string[], string[]];
		const item = unlocked[0];
		if (item === undefined) return {kind: locked.length > 0 ? 'locked' : 'absent'};
		const [secret] = (await ask({
			path: item,
			iface: 'org.freedesktop.Secret.Item',
			member: 'GetSecret',
			signature: 'o',
			args: [session as string],
		})) as [[string, Buffer, Buffer, string]];
		return {kind: 'found', value: secret[2].toString('utf8')};
	} catch (error) {
		return {kind: 'unsupported', reason: (error as Error).message};
	} finally {
		bus.close();
	}
}
