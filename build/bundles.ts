/**
 * Bundles authdeck with esbuild, in these parts:
 * - authdeck.cjs (one small CommonJS file): the `authdeck` command. Alone, it opens the deck; with a
 *   command, it runs cli.cjs.
 * - cli.cjs (one CommonJS file): the commands. A command loads its own file, not the others'.
 * - command-NAME.cjs: each of the commands run most (options.ts `ownBundles`) alone, without the
 *   registry and the other commands; the launcher runs it for that command's names.
 * - picker.cjs: the account picker of `switch`, which needs Ink, built as the deck is.
 * - deck.cjs (one CommonJS file): the deck.
 *   Both CommonJS because Node 20 can cache compiled code only for scripts (source/lib/code-cache.ts);
 *   a second start then skips compiling them. Both are written inside the function Node wraps a
 *   module in (moduleWrapper): only that loader runs them, and it need not copy them to wrap them.
 * - cli.js (an ES module): the command line run alone, which runs cli.cjs as authdeck.cjs does.
 * - fast-path.cjs: `authdeck prompt`, which a shell runs before every line: the metadata file alone.
 * - net-vendor.cjs: undici and fetch-socks, which cli.cjs and deck.cjs require on their first request.
 */
import {createHash} from 'node:crypto';
import {chmodSync, existsSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {type BuildOptions, build} from 'esbuild';
import {moduleWrapper} from '../source/lib/code-cache.js';
import {commandEntries} from './command-table.js';
import {
	cliOptions,
	commandOptions,
	deckOptions,
	fastPathOptions,
	launcherOptions,
	netVendorOptions,
	ownBundles,
} from './options.js';
import type {PatchChoice} from './patches/index.js';
import {root} from './patches/patch.js';

/** `options` for a bundle run by loadWithCodeCache alone, written already wrapped as a module. */
const wrappedModule = (options: BuildOptions): BuildOptions => ({
	...options,
	banner: {js: `${moduleWrapper.open}\n${options.banner?.js ?? ''}`},
	// esbuild writes a line break before the footer and one after it.
	footer: {js: moduleWrapper.close.trim()},
});

/** Builds the parts into `outdir` (emptied first), with the patches `choose` keeps. */
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
		...wrappedModule(deckOptions(choose)),
		entryPoints: [source('deck/main.ts')],
		outfile: path.join(outdir, 'deck.cjs'),
	});
	await build({
		...deckOptions(choose),
		entryPoints: [source('cli/account-picker.tsx')],
		outfile: path.join(outdir, 'picker.cjs'),
	});
	await build({
		...netVendorOptions,
		entryPoints: [source('net/vendor.ts')],
		outfile: path.join(outdir, 'net-vendor.cjs'),
	});
	await build({
		...wrappedModule(cliOptions(choose)),
		entryPoints: [source('cli/bundle-entry.ts')],
		outfile: path.join(outdir, 'cli.cjs'),
	});
	const own = ownBundles.map((name) => ({name, file: `command-${name}.cjs`}));
	for (const {name, file} of own) {
		await build({
			...wrappedModule(cliOptions(choose, name)),
			entryPoints: [source('cli/command-entry.ts')],
			outfile: path.join(outdir, file),
		});
	}
	for (const bundle of ['deck.cjs', 'picker.cjs', 'cli.cjs', ...own.map(({file}) => file)]) {
		// Run from V8's code cache, an import() finds no loader ("A dynamic import callback was not
		// specified"): every module is in the bundle or required.
		const text = readFileSync(path.join(outdir, bundle), 'utf8');
		const found = /(?<![\w$.])import\(\s*["'`][^"'`]+/.exec(text);
		if (found) throw new Error(`${bundle} holds ${found[0]}: require it, or bundle it`);
	}

	// The loaders know the digest of what they load, so they need not hash it at each start.
	const sha256 = (file: string) =>
		createHash('sha256')
			.update(readFileSync(path.join(outdir, file)))
			.digest('hex');
	const digest = (file: string) => JSON.stringify(sha256(file));
	// Each own bundle by every name and alias of its command: [file, digest]. The command-table
	// plugin has already failed the build unless exactly one entry has that name.
	const {entries} = await commandEntries();
	const byName = Object.fromEntries(
		own.flatMap(({name, file}) =>
			entries
				.filter(({names}) => names.includes(name))
				.flatMap(({names}) => names.map((alias) => [alias, [`./${file}`, sha256(file)]])),
		),
	);
	const digests = {
		DECK_BUNDLE_DIGEST: digest('deck.cjs'),
		CLI_BUNDLE_DIGEST: digest('cli.cjs'),
		CLI_OWN_BUNDLES: JSON.stringify(JSON.stringify(byName)),
	};
	await build({
		...fastPathOptions,
		entryPoints: [source('cli/fast-path.ts')],
		outfile: path.join(outdir, 'fast-path.cjs'),
	});
	await build({
		...launcherOptions,
		define: {...launcherOptions.define, ...digests},
		entryPoints: [source('bin.ts')],
		outfile: path.join(outdir, 'authdeck.cjs'),
	});
	const esm = commandOptions(choose);
	await build({...esm, define: {...esm.define, ...digests}, entryPoints, outdir});
	chmodSync(path.join(outdir, 'authdeck.cjs'), 0o755);
	chmodSync(path.join(outdir, 'cli.js'), 0o755);
}
