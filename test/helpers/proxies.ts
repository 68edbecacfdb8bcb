/**
 * Real proxies for the network layer's tests, from Debian (.ci/run installs them): tinyproxy (HTTP
 * CONNECT, optionally with basic authentication) and microsocks (SOCKS5, optionally with a user and
 * password). Each runs in the foreground on 127.0.0.1 and counts what it carried from its own log,
 * so a test proves a request went through it rather than around it.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';

export type RunningProxy = {
	/** `http://127.0.0.1:PORT` or `socks5://127.0.0.1:PORT`, without credentials. */
	readonly url: string;
	readonly port: number;
	/** The proxy's log so far. */
	log(): string;
	/** Tunnels (tinyproxy's CONNECT requests, microsocks' "connected to" lines) to `port`, or to any port. */
	tunnels(port?: number): number;
	stop(): Promise<void>;
};

export type ProxyAuth = {readonly user: string; readonly password: string};

/** A port free on 127.0.0.1 now (tinyproxy cannot be given port 0). */
export async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

async function listening(port: number, child: ChildProcess, what: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(`${what} exited with ${child.exitCode} before it listened on ${port}`);
		}

		const open = await new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		await sleep(50);
	}

	throw new Error(`${what} did not listen on ${port} within 10 s`);
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
	return async () => {
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}

		fs.rmSync(dir, {recursive: true, force: true});
	};
}

/** tinyproxy on a free port, logging at Info (one CONNECT line per tunnel); with `auth`, BasicAuth. */
export async function startTinyproxy(auth?: ProxyAuth): Promise<RunningProxy> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-tinyproxy-'));
	const logFile = path.join(dir, 'tinyproxy.log');
	for (let attempt = 0; ; attempt++) {
		const port = await freePort();
		const config = [
			`Port ${port}`,
			'Listen 127.0.0.1',
			'Timeout 30',
			`LogFile "${logFile}"`,
			'LogLevel Info',
			'MaxClients 50',
			'Allow 127.0.0.1',
			// No ConnectPort line: CONNECT is allowed to every port (the test servers' random ones).
			...(auth ? [`BasicAuth ${auth.user} ${auth.password}`] : []),
		].join('\n');
		fs.writeFileSync(path.join(dir, 'tinyproxy.conf'), `${config}\n`);
		const child = spawn('tinyproxy', ['-d', '-c', path.join(dir, 'tinyproxy.conf')], {
			stdio: 'ignore',
		});
		try {
			await listening(port, child, 'tinyproxy');
		} catch (error) {
			child.kill('SIGKILL');
			// Someone took the port between freePort and tinyproxy's bind: try another.
			if (attempt < 3) continue;
			throw error;
		}

		const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
		return {
			url: `http://127.0.0.1:${port}`,
			port,
			log,
			tunnels: (target) =>
				log()
					.split('\n')
					.filter((line) => / CONNECT \S+:(\d+) HTTP/.test(line))
					.filter((line) => target === undefined || line.includes(`:${target} HTTP`)).length,
			stop: stopper(child, dir),
		};
	}
}

/** microsocks on a free port; its stderr says "connected to HOST:PORT" once per tunnel. */
export async function startMicrosocks(auth?: ProxyAuth): Promise<RunningProxy> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-microsocks-'));
	for (let attempt = 0; ; attempt++) {
		const port = await freePort();
		const child = spawn(
			'microsocks',
			[
				'-i',
				'127.0.0.1',
				'-p',
				String(port),
				...(auth ? ['-u', auth.user, '-P', auth.password] : []),
			],
			{stdio: ['ignore', 'ignore', 'pipe']},
		);
		let output = '';
		child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
			output += chunk;
		});
		try {
			await listening(port, child, 'microsocks');
		} catch (error) {
			child.kill('SIGKILL');
			if (attempt < 3) continue;
			throw error;
		}

		return {
			url: `socks5://127.0.0.1:${port}`,
			port,
			log: () => output,
			tunnels: (target) =>
				output
					.split('\n')
					.filter((line) => / connected to \S+:\d+/.test(line))
					.filter((line) => target === undefined || line.endsWith(`:${target}`)).length,
			stop: stopper(child, dir),
		};
	}
}

/** A URL with a user and password put in (for proxies started with `auth`). */
export function withCredentials(url: string, auth: ProxyAuth): string {
	const parsed = new URL(url);
	parsed.username = auth.user;
	parsed.password = auth.password;
	return parsed.href.replace(/\/$/, '');
}
