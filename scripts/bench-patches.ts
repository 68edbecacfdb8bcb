/**
 * `npm run bench:patches`: what each patch of build/patches/ gains, measured on this machine now.
 * For each patch, two builds of authdeck into a temporary directory: with every patch, and without
 * this one (and without those that require it, in both). Then, taking turns, the deck's first frame
 * on 1,000 accounts, a command's start for the patches the commands get, and a repaint for Ink's
 * caches. A gain under 3 ms is not worth a patch to maintain (issue 10). BENCH_RUNS sets the runs
 * (10), BENCH_PATCHES (names, comma-separated) measures only those patches.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {buildAll} from '../build/bundles.js';
import {commandPatches, deckPatches, type PatchChoice, without} from '../build/patches/index.js';
import type {Patch} from '../build/patches/patch.js';
import {TempVault} from '../test/helpers/temp-vault.js';
import {
	alternate,
	commandStart,
	deckFrame,
	fastestGain,
	gain,
	type Measure,
	ms,
	repaint,
} from './bench-runs.js';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const only = process.env.BENCH_PATCHES?.split(',');
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-patches-'));
const builds = new Map<string, string>();

/** The patches that require `patch`, directly or through another. */
function dependents(patch: Patch): string[] {
	const dropped = without([patch.name])(deckPatches);
	return deckPatches
		.filter((other) => other !== patch && !dropped.includes(other))
		.map((other) => other.name);
}

/** authdeck built with the patches `names` leaves out; built once per set. */
async function built(names: readonly string[]): Promise<string> {
	const key = [...names].sort().join(',') || 'all';
	let binary = builds.get(key);
	if (!binary) {
		const outdir = path.join(directory, String(builds.size));
		const choose: PatchChoice = without(names);
		await buildAll(outdir, choose);
		binary = path.join(outdir, 'authdeck.cjs');
		builds.set(key, binary);
	}

	return binary;
}

/** What `patch` is measured by. */
function measures(patch: Patch): [string, Measure][] {
	const chosen: [string, Measure][] = [['first frame', deckFrame]];
	if (commandPatches.includes(patch)) chosen.push(['status --json', commandStart]);
	if (patch.name === 'ink-frame-caches') chosen.push(['repaint', repaint]);
	return chosen;
}

const vault = await TempVault.create('file');
try {
	await vault.writeManyAccounts(1000);
	console.log(`patch gains · node ${process.version} · ${runs} runs each, 1,000 accounts\n`);
	for (const patch of deckPatches) {
		if (only && !only.includes(patch.name)) continue;
		if (patch.essential) {
			console.log(`${patch.name.padEnd(30)} essential: the deck cannot be built without it`);
			continue;
		}

		const others = dependents(patch);
		const on = await built(others);
		const off = await built([patch.name, ...others]);
		const cells: string[] = [];
		for (const [label, measure] of measures(patch)) {
			const [withIt = [], withoutIt = []] = await alternate([on, off], vault.env, runs, measure);
			cells.push(
				`${label} ${ms(fastestGain(withIt, withoutIt))} (median of pairs ${ms(gain(withIt, withoutIt))})`,
			);
		}

		const context = others.length > 0 ? ` (both without ${others.join(', ')})` : '';
		console.log(`${patch.name.padEnd(30)} ${cells.join(', ')}${context}`);
	}
} finally {
	await vault.cleanup();
	fs.rmSync(directory, {recursive: true, force: true});
}
