/**
 * The esbuild options of authdeck's bundles, shared by the build (build/bundles.ts), the bench and
 * the tests, which build the deck the same way. The rewrites of dependencies live in build/patches/.
 */
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {type BuildOptions, build as esbuild, type Plugin} from 'esbuild';
import {commandTablePlugin} from './command-table.js';
import {commandPatches, deckPatches, type PatchChoice} from './patches/index.js';
import {banner, plugins} from './patches/patch.js';

const all: PatchChoice = (patches) => patches;

/**
 * A digest of the code that checks the metadata file (its compiled schema, its invariants, the
 * reader that runs them) and lays out its text: a file stamped as checked by a build with another
 * digest is checked again, and a text stamped as written by one is not sliced (source/vault/check-stamp.ts).
 */
const vaultCheckDigest = createHash('sha256')
	.update(
		[
			'vault-validator.js',
			'invariants.ts',
			'metadata.ts',
			'vault-text.ts',
			'vault-layout.ts',
			'spliced-text.ts',
			'check-stamp.ts',
		]
			.map((file) => readFileSync(new URL(`../source/vault/${file}`, import.meta.url)))
			.join('\0'),
	)
	.digest('hex')
	.slice(0, 20);

/**
 * The commands a script or a prompt runs most, each with a bundle of its own
 * (dist/command-NAME.cjs, source/cli/command-entry.ts), a little over half of dist/cli.cjs: the
 * registry and the other commands' code are not read, nor their code cache deserialised, at every
 * start.
 */
export const ownBundles = ['status', 'switch', 'token', 'env', 'whoami'] as const;

/** What every bundle shares. */
export const shared: BuildOptions = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	// keytar is an optional native module; oidc-provider only serves the demo and is a dev dependency.
	external: ['keytar', 'react-devtools-core', 'oidc-provider'],
	define: {
		'process.env.NODE_ENV': '"production"',
		VAULT_CHECK_DIGEST: JSON.stringify(vaultCheckDigest),
	},
	legalComments: 'none',
	logLevel: 'warning',
};

/**
 * CommonJS, where `import.meta.url` is the file's URL: made when first read, since the first
 * pathToFileURL of a process costs ~0.4 ms and most starts never read it.
 */
const commonJs: BuildOptions = {
	...shared,
	format: 'cjs',
	define: {...shared.define, 'import.meta.url': '__importMeta.url'},
};
const importMetaUrl =
	"const __importMeta = {get url() { return require('node:url').pathToFileURL(__filename).href; }};";

/** Where each bundle is, next to the one that loads it. */
const bundles = {DECK_BUNDLE: '"./deck.cjs"', CLI_BUNDLE: '"./cli.cjs"'};

/**
 * A module the bundle requires from a file of its own beside it (`./FILE`) instead of holding it:
 * `require`, not import(), since code run from V8's code cache has no loader for import().
 */
function apart(name: string, filter: RegExp, file: string, from?: RegExp): Plugin {
	return {
		name,
		setup(build) {
			build.onResolve({filter}, (args) =>
				from && !from.test(args.resolveDir) ? undefined : {path: name, namespace: name},
			);
			build.onLoad({filter: /.*/, namespace: name}, () => ({
				contents: `module.exports = require('./${file}');`,
				loader: 'js',
			}));
			build.onResolve({filter: new RegExp(`^\\./${file.replaceAll('.', '\\.')}$`)}, () => ({
				path: `./${file}`,
				external: true,
			}));
		},
	};
}

/**
 * The account picker of `switch` on a terminal is Ink and React: a bundle of its own (picker.cjs,
 * built as the deck is), which the commands' bundle requires only when the picker opens.
 */
const pickerApart = apart('picker-apart', /[\\/]account-picker\.js$/, 'picker.cjs');

/**
 * undici and fetch-socks (source/net/vendor.ts) are most of a bundle's size and only a request
 * needs them: net-vendor.cjs, required by the network layer on its first request.
 */
export const netApart = apart(
	'net-apart',
	/^\.\/vendor\.js$/,
	'net-vendor.cjs',
	/[\\/]source[\\/]net$/,
);

/**
 * The metadata file's schema compiled ahead of time (source/vault/vault-validator.js) is ~160 KB,
 * over a third of a command's bundle, and runs only when a file's check stamp misses
 * (source/vault/check-stamp.ts) and on a write. As a module of the bundle, esbuild hoists each of
 * its functions to the bundle's top level, so every start deserialised a placeholder for each from
 * the code cache, used or not. Here it is one function that makes it on first use: until then V8
 * holds nothing of it but that function, and a run that used it keeps its code in the cache.
 */
export const validatorInside: Plugin = {
	name: 'validator-inside',
	setup(build) {
		build.onResolve({filter: /(^|[\\/])vault-validator\.js$/}, (args) => ({
			path: path.join(args.resolveDir, args.path),
			namespace: 'validator-inside',
		}));
		build.onLoad({filter: /.*/, namespace: 'validator-inside'}, async (args) => {
			const made = await esbuild({
				entryPoints: [args.path],
				bundle: true,
				write: false,
				format: 'cjs',
				platform: 'node',
				target: 'node20',
				minifySyntax: true,
				minifyWhitespace: true,
				logLevel: 'warning',
			});
			const code = made.outputFiles[0]?.text ?? '';
			return {
				contents: [
					'let real;',
					'function make() {',
					'\tconst module = {exports: {}};',
					`\t(function (exports, module) {\n${code}\n\t})(module.exports, module);`,
					'\treturn module.exports.default;',
					'}',
					'function validate(data) {',
					'\treal ??= make();',
					'\tconst valid = real(data);',
					'\tvalidate.errors = real.errors;',
					'\treturn valid;',
					'}',
					'export default validate;',
				].join('\n'),
				loader: 'js',
			};
		});
	},
};

/** `authdeck prompt` and `__complete` (source/cli/fast-path.ts): the launcher requires dist/fast-path.cjs. */
const fastPathApart = apart('fast-path-apart', /^\.\/cli\/fast-path\.js$/, 'fast-path.cjs');

/** The `authdeck` command (source/bin.ts): a small CommonJS file that opens the deck or hands over. */
export const launcherOptions: BuildOptions = {
	...commonJs,
	define: {...commonJs.define, ...bundles},
	banner: {js: importMetaUrl},
	plugins: [fastPathApart],
};

/** The shell hooks' bundle (dist/fast-path.cjs): the metadata reader, the prompt and the completion lookup. */
export const fastPathOptions: BuildOptions = {
	...commonJs,
	banner: {js: importMetaUrl},
	minifySyntax: true,
};

/** The network libraries' own bundle (dist/net-vendor.cjs), plain CommonJS. */
export const netVendorOptions: BuildOptions = {
	...commonJs,
	minifyWhitespace: true,
	minifySyntax: true,
};

/**
 * The commands' bundle (source/cli/bundle-entry.ts): one CommonJS file, run through the code cache
 * by source/cli/launch.ts. A command's file is imported only when that command runs; in one file,
 * esbuild turns each `import()` into a function that runs the module on first use. With `only`,
 * the bundle of that one command (source/cli/command-entry.ts).
 */
export function cliOptions(choose: PatchChoice = all, only?: string): BuildOptions {
	const patches = choose(commandPatches);
	return {
		...commonJs,
		banner: {js: banner(importMetaUrl, patches)},
		plugins: [
			...plugins(patches),
			commandTablePlugin(only),
			pickerApart,
			netApart,
			validatorInside,
		],
		minifyWhitespace: true,
		minifySyntax: true,
	};
}

/** The deck's bundle: one CommonJS file, to be run through source/lib/code-cache.ts. */
export function deckOptions(choose: PatchChoice = all): BuildOptions {
	const patches = choose(deckPatches);
	return {
		...commonJs,
		banner: {js: banner(importMetaUrl, patches)},
		plugins: [...plugins(patches), netApart],
		// Less to read and hash at each start; names are kept so stack traces stay readable.
		minifyWhitespace: true,
		minifySyntax: true,
	};
}

/** ES modules split into chunks: dist/cli.js (the command line's entry, run alone) and the demo. */
export function commandOptions(choose: PatchChoice = all): BuildOptions {
	const patches = choose(commandPatches);
	return {
		...shared,
		format: 'esm',
		splitting: true,
		chunkNames: 'chunks/[name]-[hash]',
		// Bundled CommonJS modules call require(); give them one.
		banner: {
			js: banner(
				"import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
				patches,
			),
		},
		define: {...shared.define, ...bundles},
		plugins: plugins(patches),
	};
}
