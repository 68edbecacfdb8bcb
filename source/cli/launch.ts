/**
 * Starts the command line: from `authdeck` with a command (source/bin.ts), or from dist/cli.js. The
 * build runs the commands' bundle (dist/cli.cjs, one CommonJS file), or the command's own bundle
 * where it has one (dist/command-NAME.cjs), through V8's code cache, one cache per command, so a
 * command skips compiling what it runs; from source (tests, `tsx`) it imports the module.
 */
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {type Loaded, loadWithCodeCache} from '../lib/code-cache.js';
import {sanitize} from '../lib/sanitize.js';

/** Set by the build (build/options.ts) to the commands' bundle's name, next to this file. */
declare const CLI_BUNDLE: string | undefined;
/** Set by the build to that bundle's SHA-256, so that it is not hashed at each start. */
declare const CLI_BUNDLE_DIGEST: string | undefined;
/**
 * Set by the build: the bundles of one command each (dist/command-NAME.cjs), by every name and
 * alias of that command, as [file, SHA-256], in JSON (an object there would be a module of its own
 * that esbuild initialises in every other).
 */
declare const CLI_OWN_BUNDLES: string | undefined;

type Bundle = typeof import('./bundle-entry.js');

/** A name that can be part of a cache file's name; anything else keeps no cache. */
const cacheable = /^[a-z][a-z0-9-]{0,39}$/;

export async function startCommandLine(
	argv: readonly string[],
	openDeck: () => Promise<void>,
): Promise<void> {
	if (typeof CLI_BUNDLE === 'undefined') {
		const {runCommandLine} = await import('./bundle-entry.js');
		return runCommandLine(argv, openDeck);
	}

	// Beside this file: by its directory where it is CommonJS (dist/authdeck.cjs), which spares the
	// URL functions' first call (~0.5 ms); by its URL where it is an ES module (dist/cli.js).
	const beside = (bundle: string) =>
		typeof __dirname === 'string'
			? join(__dirname, bundle)
			: fileURLToPath(new URL(bundle, import.meta.url));
	const name = argv[2] ?? '';
	const label = cacheable.test(name) ? name : undefined;
	const load = (bundle: string, digest: string | undefined) =>
		loadWithCodeCache(beside(bundle), undefined, {label: label ?? 'none', digest});
	// The command's own bundle where it has one (by its exact name: `status`, not `--json status`);
	// a build without that file still runs every command from cli.cjs.
	const bundles: Record<string, readonly [string, string]> =
		typeof CLI_OWN_BUNDLES === 'string' ? JSON.parse(CLI_OWN_BUNDLES) : {};
	const own = Object.hasOwn(bundles, name) ? bundles[name] : undefined;
	const ownOrNone = (): Loaded | undefined => {
		if (!own) return undefined;
		try {
			return load(own[0], own[1]);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			throw error;
		}
	};
	let loaded: Loaded;
	try {
		loaded =
			ownOrNone() ??
			load(CLI_BUNDLE, typeof CLI_BUNDLE_DIGEST === 'string' ? CLI_BUNDLE_DIGEST : undefined);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		process.stderr.write(`authdeck: cannot start the command line: ${sanitize(reason, 300)}\n`);
		process.exitCode = 1;
		return;
	}

	const bundle = loaded.exports as Bundle;
	// A cache per command of the registry, written by a run that worked; a mistyped command keeps none.
	if (label !== undefined && bundle.commandNames.includes(label)) {
		process.once('exit', (code) => {
			if (code === 0) loaded.save();
		});
	}

	return bundle.runCommandLine(argv, openDeck);
}
