/**
 * How the bench (scripts/bench.ts, scripts/bench-patches.ts) runs things and sums them up: a
 * program's first frame in a real pseudo-terminal, a command's start, medians.
 */
import {spawn} from 'node:child_process';
import {performance} from 'node:perf_hooks';
import pty from 'node-pty';
import {terminalEnv} from '../test/helpers/pty.js';

const endFrame = '\u001B[?2026l';

/** The median of `values`. */
export const median = (values: readonly number[]) => quantile(values, 0.5);

/** The `q` quantile of `values` (the nearest one below). */
export function quantile(values: readonly number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** `value` milliseconds, to a tenth. */
export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** The time from spawning `node ...args` to its exit. */
export async function timedRun(args: readonly string[], env = process.env): Promise<number> {
	const start = performance.now();
	await new Promise<void>((resolve) => {
		spawn(process.execPath, args, {stdio: 'ignore', env}).on('exit', () => resolve());
	});
	return performance.now() - start;
}

/** Starts `program` in a 100x30 pseudo-terminal; resolves each frame as it ends. */
export function start(program: string, env: NodeJS.ProcessEnv) {
	let frames = 0;
	let waiter: (() => void) | undefined;
	const started = performance.now();
	const child = pty.spawn(process.execPath, [program], {
		name: 'xterm-256color',
		cols: 100,
		rows: 30,
		env: terminalEnv(env),
	});
	let firstFrame = 0;
	child.onData((data) => {
		if (data.includes(endFrame)) {
			frames++;
			if (frames === 1) firstFrame = performance.now() - started;
			const resolve = waiter;
			waiter = undefined;
			resolve?.();
		}
	});
	const frameDone = () =>
		new Promise<void>((resolve) => {
			waiter = resolve;
		});
	return {
		child,
		frameDone,
		/** Resolves with the time to the first frame. */
		async firstFrame() {
			if (frames === 0) await frameDone();
			return firstFrame;
		},
		async quit() {
			child.write('q');
			await new Promise<void>((resolve) => child.onExit(() => resolve()));
		},
	};
}

/** The first frame of `program` (the deck or the Ink floor), `runs` times on one cache. */
export async function firstFrames(
	program: string,
	env: NodeJS.ProcessEnv,
	runs: number,
): Promise<number[]> {
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		const started = start(program, env);
		times.push(await started.firstFrame());
		await started.quit();
	}

	return times;
}

/** From key press to the end of the frame it causes, `keys` times, `j` and `k` in turn. */
export async function repaints(deck: ReturnType<typeof start>, keys: number): Promise<number[]> {
	const times: number[] = [];
	for (let key = 0; key < keys; key++) {
		const done = deck.frameDone();
		const pressed = performance.now();
		deck.child.write(key % 2 === 0 ? 'j' : 'k');
		await done;
		times.push(performance.now() - pressed);
		// Space the keys past Ink's frame throttle, as a person typing would.
		await new Promise((resolve) => setTimeout(resolve, 40));
	}

	return times;
}

/** A measure of one build of authdeck: its `authdeck.cjs` on a vault's env, in milliseconds. */
export type Measure = (binary: string, env: NodeJS.ProcessEnv) => Promise<number>;

/** The deck's first frame. */
export const deckFrame: Measure = async (binary, env) =>
	(await firstFrames(binary, env, 1))[0] ?? 0;

/** `authdeck status --json`, from spawn to exit. */
export const commandStart: Measure = (binary, env) => timedRun([binary, 'status', '--json'], env);

/** The median repaint of 20 key presses, once the first frame has settled. */
export const repaint: Measure = async (binary, env) => {
	const deck = start(binary, env);
	await deck.firstFrame();
	await new Promise((resolve) => setTimeout(resolve, 300));
	const times = await repaints(deck, 20);
	await deck.quit();
	return median(times);
};

/**
 * `measure` of each of `binaries`, `runs` times, taking turns so that the machine's drift falls on
 * all alike; a first run each, which fills the compiled-code cache, is not counted. Returns the times
 * of each binary, run by run.
 */
export async function alternate(
	binaries: readonly string[],
	env: NodeJS.ProcessEnv,
	runs: number,
	measure: Measure,
): Promise<number[][]> {
	for (const binary of binaries) await measure(binary, env);
	const times = binaries.map((): number[] => []);
	for (let run = 0; run < runs; run++) {
		for (const [index, binary] of binaries.entries())
			times[index]?.push(await measure(binary, env));
	}

	return times;
}

/** How much longer `off` took than `on`, run by run: the median of the paired differences. */
export function gain(on: readonly number[], off: readonly number[]): number {
	return median(off.map((time, run) => time - (on[run] ?? Number.NaN)));
}

/**
 * How much longer `off` took than `on` at their fastest: on a shared, busy machine the fastest run
 * is the one the others disturbed least, so this is the steadier of the two figures.
 */
export function fastestGain(on: readonly number[], off: readonly number[]): number {
	return Math.min(...off) - Math.min(...on);
}
