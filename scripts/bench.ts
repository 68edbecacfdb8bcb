/**
 * `npm run bench`: the deck's start-up and repaint times, measured on the built binary in a real
 * pseudo-terminal, against a bare `node -e ''` in the same run. Prints medians and p95.
 *
 * - first frame: from spawning `node dist/authdeck.cjs` to the first complete frame of the deck, cold (no
 *   compiled-code cache yet: the first run after an install or upgrade) and warm (every run after)
 * - the Ink floor: the same for the least Ink program (test/fixtures/ink-floor), built and run the way
 *   the deck is, to show how much of the first frame is Node, React, Ink and yoga themselves
 * - keypress to repaint: from writing a key to the end of the frame it causes (Ink wraps each frame
 *   in a synchronized update, so the end of a frame is the ESU sequence)
 * - switch to disk: from `enter` to the metadata file changing
 * - the patches: the first frame and a command's start as built, and built again into a temporary
 *   directory with only the patches the deck cannot be built without (build/patches/), taking turns;
 *   `npm run bench:patches` measures each patch alone
 * - first, the plain commands against `node -e ''`, `gh auth token` and `kubectl config use-context`,
 *   and a keychain read against `secret-tool lookup` (scripts/bench-commands.ts, bench-keychain.ts);
 *   `npm run bench -- --commands` runs only those
 * - `npm run bench -- --deck` runs only the Ink floor and the deck's rows (BENCH_SIZES=1000,10000 picks
 *   the vault sizes); the deck's first frames are also taken in turns with the floor's, for the ratio.
 *   The deck's table goes to scripts/bench-results.md (scripts/bench-results.ts) with the commands'
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {buildAll} from '../build/bundles.js';
import {deckOptions, launcherOptions} from '../build/options.js';
import {essentialOnly} from '../build/patches/index.js';
import {binary} from '../test/helpers/pty.js';
import {TempVault} from '../test/helpers/temp-vault.js';
import {commandTables} from './bench-commands.js';
import {type DeckRow, deckTable, writeResults} from './bench-results.js';
import {
	alternate,
	commandStart,
	deckFrame,
	firstFrames,
	gain,
	median,
	ms,
	quantile,
	repaints,
	start,
	timedRun,
} from './bench-runs.js';

// BENCH_SIZES=1000,10000 measures only those vault sizes.
const sizes = (process.env.BENCH_SIZES ?? '10,1000,10000').split(',').map(Number);

async function bareNode(runs: number, env = process.env): Promise<number[]> {
	const times: number[] = [];
	for (let run = 0; run < runs; run++) times.push(await timedRun(['-e', ''], env));
	return times;
}

async function subcommand(env: NodeJS.ProcessEnv, runs: number): Promise<number[]> {
	const times: number[] = [];
	for (let run = 0; run < runs; run++)
		times.push(await timedRun([binary, 'status', '--json'], env));
	return times;
}

type Session = {
	firstFrame: number;
	repaints: number[];
	switchToDisk?: number;
};

/** Opens the deck on a vault, measures the first frame, then `keys` key presses, then quits. */
async function session(env: NodeJS.ProcessEnv, configFile: string, keys: number): Promise<Session> {
	const deck = start(binary, env);
	const {child, frameDone} = deck;
	const firstFrame = await deck.firstFrame();

	// Let start-up work (the first render's effects, the watcher) settle before timing keys.
	await new Promise((resolve) => setTimeout(resolve, 300));
	const keyTimes = await repaints(deck, keys);

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

	await deck.quit();
	return {firstFrame, repaints: keyTimes, switchToDisk};
}

/** Builds the Ink floor as the deck is built: its app as one CommonJS file, and a CommonJS launcher. */
async function buildFloor(directory: string): Promise<string> {
	const fixture = fileURLToPath(new URL('../test/fixtures/ink-floor/', import.meta.url));
	await build({
		...deckOptions(),
		entryPoints: [path.join(fixture, 'app.tsx')],
		outfile: path.join(directory, 'app.cjs'),
	});
	await build({
		...launcherOptions,
		entryPoints: [path.join(fixture, 'launch.ts')],
		outfile: path.join(directory, 'launch.cjs'),
	});
	return path.join(directory, 'launch.cjs');
}

/** The deck's first frame and a command's start with the patches and without them, in turns. */
async function withAndWithoutPatches(): Promise<void> {
	const vault = await TempVault.create('file');
	try {
		await vault.writeManyAccounts(1000);
		const bare = path.join(vault.base, 'unpatched');
		await buildAll(bare, essentialOnly);
		const binaries = [binary, path.join(bare, 'authdeck.cjs')];
		console.log('\n1,000 accounts, warm        patched  unpatched       gain');
		for (const [label, measure] of [
			['deck first frame', deckFrame],
			['status --json', commandStart],
		] as const) {
			const [patched = [], unpatched = []] = await alternate(binaries, vault.env, 10, measure);
			const cells = [median(patched), median(unpatched)].map((time) => ms(time).padStart(11));
			console.log(
				`${label.padEnd(24)}${cells.join('')}${ms(gain(patched, unpatched)).padStart(11)}`,
			);
		}
	} finally {
		await vault.cleanup();
	}
}

/** Cold first frame (the first run), then the median of the warm ones. */
function frameCells(cold: number, warm: readonly number[], baseline: number): string[] {
	return [
		ms(cold).padStart(10),
		ms(median(warm)).padStart(10),
		`+${ms(median(warm) - baseline)}`.padStart(11),
	];
}

/**
 * The plain commands against node, gh and kubectl, then the keychain read against secret-tool on a
 * real Secret Service (scripts/bench-keychain.ts, inside scripts/with-keyring.sh). Both go to
 * scripts/bench-results.md, from which `npm run readme` writes the readme's figures.
 */
async function commandsAndKeychain(): Promise<void> {
	console.log('\nplain commands, from spawn to exit:\n');
	const tables = await commandTables(Number(process.env.BENCH_RUNS ?? 15));
	const scripts = path.dirname(fileURLToPath(import.meta.url));
	const keychainFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-bench-')), 'k.md');
	console.log('keychain read, on a real Secret Service:\n');
	spawnSync(
		'bash',
		[
			path.join(scripts, 'with-keyring.sh'),
			process.execPath,
			'--import',
			'tsx',
			path.join(scripts, 'bench-keychain.ts'),
			keychainFile,
		],
		{stdio: 'inherit'},
	);
	const keychain = fs.existsSync(keychainFile)
		? fs.readFileSync(keychainFile, 'utf8')
		: 'Keychain: not measured (the keyring script did not run).\n';
	fs.rmSync(path.dirname(keychainFile), {recursive: true, force: true});
	writeResults('commands', `${tables}\n${keychain}`);
}

async function main() {
	if (!fs.existsSync(binary)) {
		throw new Error(`${binary} is missing: run npm run build first`);
	}

	console.log(`authdeck bench · node ${process.version} · ${process.platform} ${process.arch}\n`);
	const baseline = median(await bareNode(10));
	console.log(`bare node -e ''                  median ${ms(baseline)}`);
	// Node 20 reads every certificate of NODE_EXTRA_CA_CERTS at start-up, before any of authdeck runs:
	// say what that costs here, since every figure below (the baseline's too) includes it.
	if (process.env.NODE_EXTRA_CA_CERTS) {
		const {NODE_EXTRA_CA_CERTS: _, ...without} = process.env;
		const plain = median(await bareNode(10, without));
		console.log(
			`  without NODE_EXTRA_CA_CERTS    median ${ms(plain)} (this environment sets it; Node 20 loads it at every start)`,
		);
	}

	// `npm run bench -- --deck`: only the deck's rows (the Ink floor, then the deck at each size).
	const deckOnly = process.argv.includes('--deck');
	if (!deckOnly) await commandsAndKeychain();
	// `npm run bench -- --commands`: only the plain commands and the keychain read.
	if (process.argv.includes('--commands')) return;

	const floorVault = await TempVault.create('file');
	// Kept for the floor's turns beside the deck's at each size; removed at the end, or at exit.
	process.once('exit', () => fs.rmSync(floorVault.base, {recursive: true, force: true}));
	const launcher = await buildFloor(floorVault.base);
	const [floorCold = Number.NaN, ...floorWarm] = await firstFrames(launcher, floorVault.env, 12);
	const floor: DeckRow = {label: 'Ink floor (no vault)', cold: floorCold, warm: median(floorWarm)};
	console.log(`\n${' '.repeat(20)}first frame: cold       warm   warm over node`);
	console.log(['ink floor (no vault)', ...frameCells(floorCold, floorWarm, baseline)].join(''));

	const rows: string[] = [];
	const deckRows: DeckRow[] = [];
	for (const size of sizes) {
		const vault = await TempVault.create('file');
		try {
			await vault.writeManyAccounts(size);
			const config = vault.configFile;
			if (size === sizes[0]) {
				const status = median(await subcommand(vault.env, 10));
				console.log(
					`authdeck status --json (${size} accounts): median ${ms(status)} (+${ms(status - baseline)} over bare node)`,
				);
			}

			// The vault's cache directory starts empty: the first session is a cold start.
			const runs = size >= 10_000 ? 3 : 5;
			const sessions: Session[] = [];
			for (let run = 0; run < runs; run++) {
				sessions.push(await session(vault.env, config, 30));
			}

			// More first frames than sessions: start, draw, quit. The machine's noise is large.
			const opens = await firstFrames(binary, vault.env, size >= 10_000 ? 4 : 12);
			const [cold, ...warm] = [...sessions.map((s) => s.firstFrame), ...opens];
			// The ratio to the Ink floor from first frames taken in turns, the floor's and the deck's,
			// so that the machine's drift falls on both alike.
			const [floorTurns = [], deckTurns = []] = await alternate(
				[launcher, binary],
				vault.env,
				size >= 10_000 ? 6 : 10,
				deckFrame,
			);
			const repaints = sessions.flatMap((s) => s.repaints);
			const switches = sessions.map((s) => s.switchToDisk ?? Number.NaN);
			deckRows.push({
				label: `deck, ${size.toLocaleString('en-US')} accounts`,
				cold: cold ?? Number.NaN,
				warm: median(warm),
				overFloor: median(deckTurns) / median(floorTurns),
				repaint: median(repaints),
				p95: quantile(repaints, 0.95),
				switchToDisk: median(switches),
			});
			rows.push(
				[
					`deck, ${size} accounts`.padEnd(20),
					...frameCells(cold ?? Number.NaN, warm, baseline),
					ms(median(repaints)).padStart(10),
					ms(quantile(repaints, 0.95)).padStart(9),
					ms(median(switches)).padStart(11),
					`${(median(deckTurns) / median(floorTurns)).toFixed(2)}x`.padStart(9),
				].join(''),
			);
		} finally {
			await vault.cleanup();
		}
	}

	await floorVault.cleanup();

	console.log(
		`\n${' '.repeat(20)}first frame: cold       warm   warm over node   repaint      p95  switch→disk  ×floor`,
	);
	for (const row of rows) console.log(row);
	writeResults('deck', deckTable(baseline, floor, deckRows));
	if (!deckOnly) await withAndWithoutPatches();
	console.log(
		'\ntargets (issue 11): repaint p95 within 16 ms at 1,000 and 10,000 accounts; first frame within 1.15x the Ink floor at 1,000 and 1.6x at 10,000; a switch on disk within 10 ms at 1,000 and 20 ms at 10,000',
	);
}

await main();
