/**
 * Bundles authdeck with esbuild, in three parts:
 * - authdeck.cjs (one small CommonJS file): the `authdeck` command. Alone, it opens the deck; with a
 *   command, it hands over to cli.js.
 * - cli.js (ES modules, split into chunks): the commands. A command never loads Ink or React.
 * - deck.cjs (one CommonJS file): the deck. CommonJS because Node 20 can cache compiled code only
 *   for scripts (source/lib/code-cache.ts); a second start then skips compiling Ink and React.
 */
import {chmodSync, existsSync, rmSync} from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';
import {commandOptions, deckOptions, launcherOptions} from './options.js';
import type {PatchChoice} from './patches/index.js';
import {root} from './patches/patch.js';

/** Builds the three parts into `outdir` (emptied first), with the patches `choose` keeps. */
export async function buildAll(outdir: string, choose?: PatchChoice): Promise<void> {
	const source = (file: string) => path.join(root, 'source', file);
	// Named entries: cli.js and demo.js, whatever folders their sources sit in.
	const entryPoints = Object.fromEntries(
		Object.entries({cli: source('cli/main.ts'), demo: source('demo/main.ts')}).filter(([, file]) =>
			existsSync(file),
		),
	);

	rmSync(outdir, {recursive: true, force: true});
	await build({
		...deckOptions(choose),
		entryPoints: [source('deck/main.ts')],
		outfile: path.join(outdir, 'deck.cjs'),
	});
	await build({
		...launcherOptions,
		entryPoints: [source('bin.ts')],
		outfile: path.join(outdir, 'authdeck.cjs'),
	});
	await build({...commandOptions(choose), entryPoints, outdir});
	chmodSync(path.join(outdir, 'authdeck.cjs'), 0o755);
	chmodSync(path.join(outdir, 'cli.js'), 0o755);
}
