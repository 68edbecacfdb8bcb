// Named imports: the shell's fast path (dist/fast-path.cjs) has no shared namespaces, and for a
// default import esbuild copies the whole module there, getter by getter (~0.3 ms each).
import {writeSync} from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Where stderr's lines go instead while a full-screen program owns the terminal (the deck). */
let diverted: ((text: string) => void) | undefined;

/**
 * Sends what would be written to stderr to `write` instead (the deck's status line), until the
 * returned function is called: a warning written over a full-screen program would scribble on it.
 */
export function divertStderr(write: (text: string) => void): () => void {
	diverted = write;
	return () => {
		if (diverted === write) diverted = undefined;
	};
}

/**
 * Writes to stdout (1) or stderr (2) straight through the descriptor, whole, before it returns:
 * the command exits right after, and nothing it printed may be lost.
 *
 * - Not through `process.stdout`: creating it loads node:stream and net or tty, a few milliseconds of
 *   every command; and a stream's write to a non-blocking pipe (one a parent program set so) is
 *   queued once the pipe is full, then dropped by the exit: `status --json` stopped at 64 KiB.
 * - A full non-blocking pipe (EAGAIN) is waited on, a millisecond at a time, as a blocking write
 *   would wait (sonic-boom, pino's writer, does the same).
 * - A reader that has gone (EPIPE, as after `| head -1`) gets nothing more, quietly.
 * - Any other failure on stdout (a full disk) throws, so the command fails saying so; on stderr
 *   there is nowhere left to say it.
 */
export function writeOut(text: string | Uint8Array, fd: 1 | 2 = 1): void {
	if (fd === 2 && diverted) {
		diverted(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
		return;
	}

	const bytes = typeof text === 'string' ? Buffer.from(text) : text;
	let written = 0;
	while (written < bytes.length) {
		try {
			written += writeSync(fd, bytes, written);
		} catch (error) {
			const {code} = error as NodeJS.ErrnoException;
			if (code === 'EAGAIN') {
				Atomics.wait(pause, 0, 0, 1);
			} else if (code === 'EPIPE' || fd === 2) {
				return;
			} else {
				throw new Error(`could not write the output (${(error as Error).message})`);
			}
		}
	}
}
