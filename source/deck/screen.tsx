import {render} from 'ink';
import {messageOf} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import {divertStderr} from '../lib/write-out.js';
import type {Context} from '../store/context.js';
import {StoreContext} from '../store/use-store.js';
import {App} from './app.js';
import {followVault} from './follow-vault.js';

// Bracketed paste (?2004) on while the deck is open: a paste arrives marked, so a text input takes
// it as text and its line break as one Enter (keys/use-keys.ts). Off again on every way out, or the
// shell would get the markers around its next paste.
const enterScreen = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l\u001B[?2004h';
const leaveScreen = '\u001B[?2004l\u001B[?25h\u001B[?1049l';
const clearScreen = '\u001B[2J\u001B[H';

/**
 * Opens the deck on the alternate screen and resolves with the exit code once it closes. The
 * terminal is restored on every way out: `q`, Ctrl+C, SIGTERM/SIGHUP, and an uncaught error.
 */
export async function runDeck(context: Context): Promise<number> {
	const {stdin, stdout, stderr} = process;
	const {store} = context;
	const stopWatching = followVault(context);

	let restored = false;
	const restore = () => {
		if (!restored) {
			restored = true;
			stdout.write(leaveScreen);
			if (stdin.isTTY) stdin.setRawMode(false);
		}
	};

	// Warnings written to stderr (a key file that could not be synced, a repaired file mode) would
	// scribble over the deck: while it is open they go to the status line instead.
	const writeStderr = stderr.write;
	const toStatusLine = (chunk: unknown, ...rest: unknown[]) => {
		const text = String(chunk).trim().split('\n')[0] ?? '';
		if (text) {
			store
				.dispatch({
					type: 'notice-shown',
					notice: {level: 'warning', text: text.replace(/^warning: /, '')},
				})
				.catch(() => undefined);
		}

		const done = rest.find((argument) => typeof argument === 'function') as
			| (() => void)
			| undefined;
		done?.();
		return true;
	};
	stderr.write = toStatusLine as typeof stderr.write;
	// What authdeck itself writes to stderr goes straight to the descriptor (lib/write-out.ts).
	const undivert = divertStderr(toStatusLine);
	const restoreStderr = () => {
		stderr.write = writeStderr;
		undivert();
	};

	// Before Ink's own handler: wipe what the old size left behind, then Ink draws the new frame.
	const onResize = () => stdout.write(clearScreen);
	stdout.on('resize', onResize);
	// Raw before the first frame: Ink turns it on only in an effect after that frame is drawn, and a
	// key typed in between met a cooked terminal, which echoed it and turned its Enter into a line
	// feed that Ink reads as no key at all (`j` then Enter moved the cursor and switched nothing).
	if (stdin.isTTY) stdin.setRawMode(true);
	stdout.write(enterScreen);
	process.on('exit', restore);

	const instance = render(
		<StoreContext.Provider value={store}>
			<App />
		</StoreContext.Provider>,
		{exitOnCtrlC: false, maxFps: 60, patchConsole: true},
	);

	let code = 0;
	const onSignal = (signal: NodeJS.Signals) => {
		code = signal === 'SIGTERM' ? 143 : 129;
		instance.unmount();
	};

	const onCrash = (error: unknown) => {
		instance.unmount();
		restore();
		restoreStderr();
		stderr.write(`authdeck: ${sanitize(messageOf(error), 1000)}\n`);
		process.exit(1);
	};

	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	try {
		await instance.waitUntilExit();
	} catch (error) {
		restore();
		restoreStderr();
		stderr.write(`authdeck: ${sanitize(messageOf(error), 1000)}\n`);
		code = 1;
	} finally {
		stopWatching();
		stdout.off('resize', onResize);
		process.off('SIGTERM', onSignal);
		process.off('SIGHUP', onSignal);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		restore();
		restoreStderr();
		process.off('exit', restore);
	}

	return code;
}
