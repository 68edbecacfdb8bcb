/**
 * keytar in a child process of its own. keytar's calls run on one of libuv's threads, blocked in
 * libsecret until D-Bus gives up (25 s, twice over for a lookup), and every way a Node process ends
 * with an exit code — `process.exit`, `process.reallyExit`, the end of the event loop — joins those
 * threads first (libuv's `uv_library_shutdown`): measured, a stopped keyring daemon held a command for
 * 50 s after it had printed its error, whatever exit it chose. Only a signal ended it sooner, and then
 * with status 137. In a child, a call that does not answer is ended by killing the child, and authdeck
 * ends at once with its own exit code; the deck's thread pool (which its file reads share) stays free.
 *
 * Requests and answers are JSON lines on the child's stdin and stdout: secrets never pass through argv
 * or the environment. The child runs only the three calls authdeck needs (never `findCredentials`,
 * which crashes on a locked Linux keyring).
 */
import {type ChildProcess, spawn} from 'node:child_process';
import readline from 'node:readline';

/** The keytar calls authdeck makes. */
export type Keytar = {
	getPassword(service: string, account: string): Promise<string | null>;
	setPassword(service: string, account: string, password: string): Promise<void>;
	deletePassword(service: string, account: string): Promise<boolean>;
};

/** keytar behind a child process, plus a way to end a call that never answers. */
export type BrokeredKeytar = Keytar & {
	/** Starts the child if needed and waits until keytar has loaded in it; rejects with why not. */
	ready(): Promise<void>;
	/** Kills the child (its calls fail); the next call starts a fresh one. */
	abandon(): void;
};

// The child's program: CommonJS, run with `node -e`, keytar's resolved path as its one argument.
const childSource = `'use strict';
const send = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
let keytar;
try {
	keytar = require(process.argv[1]);
} catch (error) {
	send({ready: false, reason: String((error && error.message) || error).split('\\n')[0]});
	process.exit(0);
}
send({ready: true});
const allowed = new Set(['getPassword', 'setPassword', 'deletePassword']);
const lines = require('node:readline').createInterface({input: process.stdin});
lines.on('line', (line) => {
	let request;
	try { request = JSON.parse(line); } catch { return; }
	if (!allowed.has(request.op)) { send({id: request.id, error: 'unknown call'}); return; }
	keytar[request.op](...request.args).then(
		(value) => send({id: request.id, value: value === undefined ? null : value}),
		(error) => send({id: request.id, error: String((error && error.message) || error).split('\\n')[0]}),
	);
});
lines.on('close', () => process.exit(0));
`;

type Pending = {resolve: (value: unknown) => void; reject: (error: Error) => void};

type Child = {
	readonly process: ChildProcess;
	/** Resolves once keytar loaded in the child; rejects with why it did not. */
	readonly ready: Promise<void>;
	readonly pending: Map<number, Pending>;
};

/** Where keytar is installed, or why it is not: resolved here, loaded only in the child. */
export function resolveKeytar(): {path: string} | {reason: string} {
	try {
		// node:module only here: loaded with the module, it was ~0.3 ms of every command's start.
		const {createRequire} = process.getBuiltinModule('node:module') as typeof import('node:module');
		return {path: createRequire(import.meta.url).resolve('keytar')};
	} catch (error) {
		return {reason: (error as Error).message.split('\n')[0] ?? 'not found'};
	}
}

function startChild(keytarPath: string, loadTimeout: number): Child {
	const child = spawn(process.execPath, ['-e', childSource, keytarPath], {
		stdio: ['pipe', 'pipe', 'ignore'],
		// No --import or --require of the parent's (tsx under test): the child needs none.
		env: {...process.env, NODE_OPTIONS: ''},
		windowsHide: true,
	});
	const pending = new Map<number, Pending>();
	let settle: {resolve: () => void; reject: (error: Error) => void} | undefined;
	const ready = new Promise<void>((resolve, reject) => {
		settle = {resolve, reject};
	});
	// A start that never says ready (a machine too loaded to start Node) is a failure too.
	const timer = setTimeout(() => {
		settle?.reject(new Error(`keytar did not start within ${loadTimeout / 1000} s`));
		child.kill('SIGKILL');
	}, loadTimeout);
	timer.unref();

	const fail = (error: Error) => {
		clearTimeout(timer);
		settle?.reject(error);
		settle = undefined;
		for (const call of pending.values()) call.reject(error);
		pending.clear();
	};

	readline.createInterface({input: child.stdout as NodeJS.ReadableStream}).on('line', (line) => {
		let message: {ready?: boolean; reason?: string; id?: number; value?: unknown; error?: string};
		try {
			message = JSON.parse(line);
		} catch {
			return;
		}

		if (message.ready !== undefined) {
			clearTimeout(timer);
			if (message.ready) settle?.resolve();
			else settle?.reject(new Error(message.reason ?? 'keytar failed to load'));
			settle = undefined;
			return;
		}

		const call = pending.get(message.id ?? -1);
		pending.delete(message.id ?? -1);
		if (message.error === undefined) call?.resolve(message.value);
		else call?.reject(new Error(message.error));
	});
	child.on('error', (error) => fail(error));
	child.on('exit', () => fail(new Error('the keychain helper process ended')));
	child.stdin?.on('error', () => undefined);
	return {process: child, ready, pending};
}

/**
 * An idle child must never keep authdeck alive, and a call waited for must: the child and its output
 * pipe hold the event loop only while a call is under way.
 */
function holdWhileBusy(child: ChildProcess, busy: boolean): void {
	const handles = [child, child.stdout] as unknown as Array<{ref?(): void; unref?(): void} | null>;
	for (const handle of handles) {
		if (busy) handle?.ref?.();
		else handle?.unref?.();
	}
}

/** keytar at `keytarPath`, run in a child process started on the first call and after an abandon. */
export function brokeredKeytar(keytarPath: string, loadTimeout = 10_000): BrokeredKeytar {
	let child: Child | undefined;
	let next = 0;
	let busy = 0;

	const ensure = () => {
		if (!child || child.process.exitCode !== null || child.process.signalCode !== null) {
			child = startChild(keytarPath, loadTimeout);
			holdWhileBusy(child.process, busy > 0);
		}

		return child;
	};

	/** Runs `work` with the child holding the event loop, released once no call is left waiting. */
	const held = async <T>(work: (current: Child) => Promise<T>): Promise<T> => {
		const current = ensure();
		if (busy++ === 0) holdWhileBusy(current.process, true);
		try {
			return await work(current);
		} finally {
			if (--busy === 0 && child) holdWhileBusy(child.process, false);
		}
	};

	const call = (op: keyof Keytar, args: string[]) =>
		held(async (current) => {
			await current.ready;
			const id = next++;
			return new Promise<unknown>((resolve, reject) => {
				current.pending.set(id, {resolve, reject});
				current.process.stdin?.write(`${JSON.stringify({id, op, args})}\n`);
			});
		});

	return {
		ready: () => held((current) => current.ready),
		async getPassword(service, account) {
			return (await call('getPassword', [service, account])) as string | null;
		},
		async setPassword(service, account, password) {
			await call('setPassword', [service, account, password]);
		},
		async deletePassword(service, account) {
			return (await call('deletePassword', [service, account])) as boolean;
		},
		abandon() {
			child?.process.kill('SIGKILL');
			child = undefined;
		},
	};
}
