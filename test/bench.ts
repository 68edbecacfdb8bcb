/**
 * `npm run bench`: the deck's start-up and repaint times, measured on the built binary in a real
 * pseudo-terminal, against a bare `node -e ''` in the same run. Prints medians and p95.
 *
 * - first frame: from spawning `node dist/cli.js` to the first complete frame of the deck
 * - keypress to repaint: from writing a key to the end of the frame it causes (Ink wraps each frame
 *   in a synchronized update, so the end of a frame is the ESU sequence)
 * - switch to disk: from `enter` to the metadata file changing
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import pty from 'node-pty';
import {tempVault, writeManyAccounts} from './helpers/deck-vault.js';
import {binary, terminalEnv} from './helpers/pty.js';

const endFrame = '\u001B[?2026l';
const sizes = [10, 1000, 10_000];

const median = (values: number[]) => quantile(values, 0.5);
function quantile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function bareNode(runs: number): Promise<number[]> {
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		await new Promise<void>((resolve) => {
			spawn(process.execPath, ['-e', ''], {stdio: 'ignore'}).on('exit', () => resolve());
		});
		times.push(performance.now() - start);
	}

	return times;
}

async function subcommand(env: NodeJS.ProcessEnv, runs: number): Promise<number[]> {
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		await new Promise<void>((resolve) => {
			spawn(process.execPath, [binary, 'status', '--json'], {stdio: 'ignore', env}).on('exit', () =>
				resolve(),
			);
		});
		times.push(performance.now() - start);
	}

	return times;
}

type Session = {
	firstFrame: number;
	repaints: number[];
	switchToDisk?: number;
};

/** Opens the deck on a vault, measures the first frame, then `keys` key presses, then quits. */
async function session(env: NodeJS.ProcessEnv, configFile: string, keys: number): Promise<Session> {
	let frames = 0;
	let waiter: (() => void) | undefined;
	const start = performance.now();
	const child = pty.spawn(process.execPath, [binary], {
		name: 'xterm-256color',
		cols: 100,
		rows: 30,
		env: terminalEnv(env),
	});
	const frameDone = () =>
		new Promise<void>((resolve) => {
			waiter = resolve;
		});
	let firstFrame = 0;
	child.onData((data) => {
		if (data.includes(endFrame)) {
			frames++;
			if (frames === 1) firstFrame = performance.now() - start;
			const resolve = waiter;
			waiter = undefined;
			resolve?.();
		}
	});
	if (frames === 0) await frameDone();

	// Let start-up work (the first render's effects, the watcher) settle before timing keys.
	await new Promise((resolve) => setTimeout(resolve, 300));
	const repaints: number[] = [];
	for (let key = 0; key < keys; key++) {
		const done = frameDone();
		const pressed = performance.now();
		child.write(key % 2 === 0 ? 'j' : 'k');
		await done;
		repaints.push(performance.now() - pressed);
		// Space the keys past Ink's frame throttle, as a person typing would.
		await new Promise((resolve) => setTimeout(resolve, 40));
	}

	// A switch: move to another account, then time enter until the metadata file changes.
	child.write('j');
	await frameDone();
	await new Promise((resolve) => setTimeout(resolve, 40));
	const before = fs.statSync(configFile).mtimeMs;
	const changed = new Promise<number>((resolve) => {
		const watcher = fs.watch(path.dirname(configFile), () => {
			if (fs.statSync(configFile).mtimeMs !== before) {
				watcher.close();
				resolve(performance.now());
			}
		});
	});
	const pressed = performance.now();
	child.write('\r');
	const switchToDisk = (await changed) - pressed;

	child.write('q');
	await new Promise<void>((resolve) => child.onExit(() => resolve()));
	return {firstFrame, repaints, switchToDisk};
}

async function main() {
	if (!fs.existsSync(binary)) {
		throw new Error(`${binary} is missing: run npm run build first`);
	}

	console.log(`authdeck bench · node ${process.version} · ${process.platform} ${process.arch}\n`);
	const baseline = await bareNode(10);
	console.log(
		`bare node -e ''                 median ${ms(median(baseline))}  p95 ${ms(quantile(baseline, 0.95))}`,
	);

	const rows: string[] = [];
	for (const size of sizes) {
		const vault = tempVault();
		try {
			writeManyAccounts(vault, size);
			const config = path.join(vault.dir, 'config.json');
			if (size === sizes[0]) {
				const status = await subcommand(vault.env, 10);
				console.log(
					`authdeck status --json (${size})   median ${ms(median(status))}  (+${ms(median(status) - median(baseline))} over bare node)`,
				);
			}

			const runs = size >= 10_000 ? 2 : 3;
			const sessions: Session[] = [];
			for (let run = 0; run < runs; run++) {
				sessions.push(await session(vault.env, config, 30));
			}

			const first = sessions.map((s) => s.firstFrame);
			const repaints = sessions.flatMap((s) => s.repaints);
			const switches = sessions.map((s) => s.switchToDisk ?? Number.NaN);
			rows.push(
				[
					String(size).padStart(6),
					ms(median(first)).padStart(10),
					`+${ms(median(first) - median(baseline))}`.padStart(11),
					ms(median(repaints)).padStart(9),
					ms(quantile(repaints, 0.95)).padStart(9),
					ms(median(switches)).padStart(9),
				].join('  '),
			);
		} finally {
			vault.remove();
		}
	}

	console.log('\naccounts  first frame  over node  repaint    p95      switch→disk');
	for (const row of rows) console.log(row);
	console.log(
		'\ntargets: first frame within 250 ms; a repaint within one 60 Hz frame (16 ms) at 1,000 accounts; a switch on disk within 10 ms',
	);
}

await main();
