/**
 * A real terminal for the deck: the built binary in a pseudo-terminal (node-pty), its output parsed
 * by a headless xterm so tests read the screen as text, press keys by name and wait for frames.
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import xterm from '@xterm/headless';
import pty from 'node-pty';
import {keys} from './key-codes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The `authdeck` command as installed (package.json `bin`). */
export const binary = path.join(root, 'dist', 'authdeck.cjs');

export {keys} from './key-codes.js';

/** Ink draws nothing when it thinks it runs in CI (`is-in-ci`): remove every such variable. */
export function terminalEnv(env: NodeJS.ProcessEnv): Record<string, string> {
	const clean: Record<string, string> = {};
	for (const [name, value] of Object.entries(env)) {
		if (
			value === undefined ||
			name === 'CI' ||
			name.startsWith('CI_') ||
			name === 'CONTINUOUS_INTEGRATION'
		) {
			continue;
		}

		clean[name] = value;
	}

	return {...clean, TERM: 'xterm-256color', COLORTERM: 'truecolor'};
}

export type DeckOptions = {
	readonly env: NodeJS.ProcessEnv;
	readonly args?: readonly string[];
	readonly columns?: number;
	readonly rows?: number;
	/** How long a wait may take before it fails; generous for a loaded machine. @default 15000 */
	readonly timeout?: number;
};

export type Exit = {readonly exitCode: number; readonly signal?: number};

export type Deck = {
	/** Presses keys by name (`down`, `enter`, `ctrl+c`) or as the characters they type (`q`). */
	press(...names: string[]): void;
	/** Types text as a paste would. */
	type(text: string): void;
	/** The screen as text, one line per row, trailing spaces trimmed. */
	screenText(): string;
	/** Waits for the screen to show `text` (checked after every frame), then returns the screen. */
	waitForText(text: string | RegExp, timeout?: number): Promise<string>;
	/** Waits until the screen no longer shows `text`. */
	waitForNoText(text: string | RegExp, timeout?: number): Promise<string>;
	/** Resolves as soon as the program has written `text`, raw, before any frame is drawn whole. */
	waitForOutput(text: string, timeout?: number): Promise<void>;
	/** Resolves at the next output from the program, parsed into the screen. */
	nextFrame(timeout?: number): Promise<void>;
	/** Calls `listener` with the screen after every whole frame from now on; returns how to stop. */
	onFrame(listener: (screen: string) => void): () => void;
	resize(columns: number, rows: number): void;
	/** Everything the program wrote, raw, to check escape sequences. */
	raw(): string;
	/** Titles the program set (OSC 0/2), as the terminal saw them. */
	readonly titles: string[];
	readonly exited: Promise<Exit>;
	/** The exit, or a failure naming the screen when the program is still running after `timeout`. */
	waitForExit(timeout?: number): Promise<Exit>;
	kill(signal?: string): void;
	/** The headless terminal, for colours (screenshots). */
	readonly terminal: xterm.Terminal;
};

const beginFrame = '\u001B[?2026h';
const endFrame = '\u001B[?2026l';

const matches = (screen: string, text: string | RegExp) =>
	typeof text === 'string' ? screen.includes(text) : text.test(screen);

/** Starts `node dist/authdeck.cjs` in a pseudo-terminal of the given size (100x30 by default). */
export function spawnDeck(options: DeckOptions): Deck {
	const columns = options.columns ?? 100;
	const rows = options.rows ?? 30;
	const timeoutDefault = options.timeout ?? 15_000;
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	const titles: string[] = [];
	terminal.onTitleChange((title) => titles.push(title));
	const child = pty.spawn(process.execPath, [binary, ...(options.args ?? [])], {
		name: 'xterm-256color',
		cols: columns,
		rows,
		cwd: root,
		env: terminalEnv(options.env),
	});

	let output = '';
	let lastData = Date.now();
	// Ink wraps each frame in a synchronized update (BSU ... ESU): the screen is read between frames only.
	let inFrame = false;
	// Writes the terminal has not parsed yet: the screen is whole only when none is and no frame is open.
	let pending = 0;
	const listeners = new Set<() => void>();
	const rawListeners = new Set<() => void>();
	child.onData((data) => {
		output += data;
		lastData = Date.now();
		for (const listener of [...rawListeners]) {
			listener();
		}

		const begin = data.lastIndexOf(beginFrame);
		const end = data.lastIndexOf(endFrame);
		if (begin !== -1 || end !== -1) {
			inFrame = begin > end;
		}

		const complete = !inFrame;
		pending++;
		terminal.write(data, () => {
			pending--;
			if (complete) {
				for (const listener of [...listeners]) {
					listener();
				}
			}
		});
	});
	const exited = new Promise<Exit>((resolve) => {
		child.onExit(({exitCode, signal}) => {
			// node-pty reports the exit before the last bytes are read: wait until the output is quiet.
			const settle = () => {
				if (Date.now() - lastData < 150) {
					setTimeout(settle, 50);
					return;
				}

				terminal.write('', () => resolve({exitCode, signal}));
			};

			settle();
		});
	});

	const screenText = () => {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < terminal.rows; y++) {
			lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		}

		return lines.join('\n');
	};

	const waitFor = (test: () => boolean, what: string, timeout = timeoutDefault) =>
		new Promise<string>((resolve, reject) => {
			if (test()) {
				resolve(screenText());
				return;
			}

			const check = () => {
				if (test()) {
					cleanup();
					resolve(screenText());
				}
			};

			const timer = setTimeout(() => {
				cleanup();
				reject(
					new Error(
						`timed out after ${timeout} ms waiting for ${what}; the screen:\n${screenText()}`,
					),
				);
			}, timeout);
			// Also looked at while the program is quiet: a chunk that ends one frame and opens the next
			// calls no listener, and the screen it leaves may be the last one.
			const poll = setInterval(() => {
				if (pending === 0 && !inFrame) check();
			}, 100);
			const cleanup = () => {
				clearTimeout(timer);
				clearInterval(poll);
				listeners.delete(check);
			};

			listeners.add(check);
		});

	return {
		press(...names) {
			for (const name of names) {
				child.write(keys[name] ?? name);
			}
		},
		type(text) {
			child.write(text);
		},
		screenText,
		onFrame(listener) {
			const each = () => listener(screenText());
			listeners.add(each);
			return () => listeners.delete(each);
		},
		waitForText: (text, timeout) =>
			waitFor(() => matches(screenText(), text), JSON.stringify(String(text)), timeout),
		waitForNoText: (text, timeout) =>
			waitFor(() => !matches(screenText(), text), `no ${JSON.stringify(String(text))}`, timeout),
		waitForOutput: (text, timeout = timeoutDefault) =>
			new Promise<void>((resolve, reject) => {
				const check = () => {
					if (!output.includes(text)) return false;
					clearTimeout(timer);
					rawListeners.delete(check);
					resolve();
					return true;
				};
				const timer = setTimeout(() => {
					rawListeners.delete(check);
					reject(new Error(`timed out waiting for ${JSON.stringify(text)} in the output`));
				}, timeout);
				if (!check()) rawListeners.add(check);
			}),
		nextFrame: (timeout = timeoutDefault) =>
			new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => {
					listeners.delete(done);
					reject(new Error('timed out waiting for the next frame'));
				}, timeout);
				const done = () => {
					clearTimeout(timer);
					listeners.delete(done);
					resolve();
				};

				listeners.add(done);
			}),
		resize(newColumns, newRows) {
			terminal.resize(newColumns, newRows);
			child.resize(newColumns, newRows);
		},
		waitForExit: (timeout = timeoutDefault) =>
			new Promise<Exit>((resolve, reject) => {
				const timer = setTimeout(
					() =>
						reject(new Error(`still running after ${timeout} ms; the screen:\n${screenText()}`)),
					timeout,
				);
				exited.then((exit) => {
					clearTimeout(timer);
					resolve(exit);
				});
			}),
		raw: () => output,
		titles,
		exited,
		kill(signal) {
			child.kill(signal);
		},
		terminal,
	};
}
