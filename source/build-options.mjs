// The esbuild options of authdeck's bundles, shared by the build (source/build.mjs) and the
// benchmark, which builds a bare Ink program the same way to compare against.
import {readFileSync} from 'node:fs';
import {fileURLToPath, pathToFileURL} from 'node:url';

// conf imports ajv (half a megabyte) to compile a schema at run time; authdeck passes conf no schema
// and checks the metadata with a validator compiled ahead of time (source/vault/vault-validator.js),
// so the bundle gets a stub that fails loudly if anything ever reaches for it.
export const noAjv = {
	name: 'no-ajv',
	setup(build) {
		build.onResolve({filter: /^ajv(-formats)?(\/|$)/}, (args) => ({
			path: args.path,
			namespace: 'no-ajv',
		}));
		build.onLoad({filter: /.*/, namespace: 'no-ajv'}, () => ({
			contents: [
				"const unused = () => { throw new Error('ajv is not bundled: conf is used without a schema'); };",
				'export default unused;',
				'export const Ajv2020 = unused;',
			].join('\n'),
			loader: 'js',
		}));
	},
};

// A CommonJS file cannot wait at its top level, and two modules of the deck do:
// - yoga-layout awaits the compilation of its WebAssembly. The deck gets a yoga that compiles the
//   same bytes synchronously (Emscripten's instantiateWasm hook), which also keeps Emscripten from
//   reaching for fetch() and loading Node's HTTP client (undici) just to decode a data: URL.
// - Ink's reconciler awaits React's devtools when DEV=true; the deck ships without devtools, and
//   DEV=true changes nothing.
// Each rewrite checks that it found what it replaces, so an upgrade that moves them fails the build.
const root = fileURLToPath(new URL('..', import.meta.url));
const yogaDist = `${root}node_modules/yoga-layout/dist`;
const wasmPattern = /"data:application\/octet-stream;base64,([A-Za-z\d+/=]+)"/;

/** The file's text with each `[from, to]` replaced once; fails the build when a `from` is missing. */
function rewritten(file, rewrites) {
	let text = readFileSync(file, 'utf8');
	for (const [from, to] of rewrites) {
		if (!text.includes(from)) throw new Error(`${file} no longer holds ${from}`);
		text = text.replace(from, () => to);
	}

	return text;
}

const synchronousYoga = {
	name: 'synchronous-yoga',
	setup(build) {
		build.onResolve({filter: /^yoga-layout$/}, () => ({path: 'yoga-layout', namespace: 'yoga'}));
		build.onLoad({filter: /.*/, namespace: 'yoga'}, () => ({
			resolveDir: `${yogaDist}/src`,
			loader: 'js',
			contents: `
import loadYoga, {wasm} from '../binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from './wrapAssembly.js';
export * from './generated/YGEnums.js';
const yoga = {
	instantiateWasm(imports, receive) {
		const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(wasm, 'base64')), imports);
		receive(instance);
		return instance.exports;
	},
};
loadYoga(yoga);
if (!yoga.calledRun) throw new Error('yoga-layout did not start synchronously');
export default wrapAssembly(yoga);
`,
		}));
		build.onLoad({filter: /yoga-wasm-base64-esm\.js$/}, (args) => {
			const text = readFileSync(args.path, 'utf8');
			const found = text.match(wasmPattern);
			if (!found) throw new Error(`no WebAssembly data URL in ${args.path}`);
			return {
				loader: 'js',
				contents: `${text.replace(found[0], '""')}\nexport const wasm = "${found[1]}";\n`,
			};
		});
	},
};

const inkWithoutDevtools = {
	name: 'ink-without-devtools',
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, (args) => {
			const contents = rewritten(args.path, [
				// DEV=true must not stop the deck: with nothing to connect to, it does nothing.
				["await import('./devtools.js');", '/* React devtools are not bundled with the deck */'],
				['? await loadPackageJson()', '? {name: undefined, version: undefined}'],
			]);
			return {loader: 'js', contents};
		});
	},
};

// Ink measures and tokenizes every line of every frame, with caches it throws away after each frame,
// though a key press changes a line or two: with 1,000 accounts that was most of a repaint. The
// deck's Ink keeps them from frame to frame (they hold only immutable values: widths and the styled
// characters of a line) and starts afresh when they grow large.
const inkFrameCaches = {
	name: 'ink-frame-caches',
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, (args) => {
			const before = 'export default class Output {';
			const shared = [
				'let frameCaches = new OutputCaches();',
				'function sharedCaches() {',
				'\tconst {styledChars, widths, blockWidths} = frameCaches;',
				'\tif (styledChars.size + widths.size + blockWidths.size > 20000) frameCaches = new OutputCaches();',
				'\treturn frameCaches;',
				'}',
				before,
			].join('\n');
			const contents = rewritten(args.path, [
				['caches = new OutputCaches();', 'caches = sharedCaches();'],
				[before, shared],
			]);
			return {loader: 'js', contents};
		});
	},
};

// string-width measures any non-ASCII text with Unicode segmentation and an RGI_Emoji regular
// expression that V8 takes ~90 ms to build and compile: on the first frame, for the box borders and
// the deck's glyphs (● ▸ … ✓). The deck's string-width builds that expression on first use, and
// answers strings made only of printable ASCII and of symbols that are one column wide on their own
// and never join a neighbour (no marks, joiners, selectors, wide emoji, Hangul) with their length. Which symbols
// qualify is decided here, at build time, by string-width itself.
const symbolBlocks = [
	[0xa1, 0xff],
	[0x2010, 0x2027],
	[0x2030, 0x205e],
	[0x20a0, 0x20c0],
	[0x2100, 0x214f],
	[0x2190, 0x23ff],
	[0x2460, 0x24ff],
	[0x2500, 0x27bf],
	[0x2900, 0x2bff],
];
// Marks, joiners, variation selectors and spaces combine with or separate their neighbours; an emoji
// that defaults to text (⚠) is one column until a selector follows, which is never in the set.
const joins = /[\p{M}\p{Cf}\p{Cc}\p{Z}]/u;

/** The symbols that string-width (the module at `file`) measures as one column on their own and in pairs. */
async function narrowSymbols(file) {
	const {default: stringWidth} = await import(pathToFileURL(file).href);
	const ranges = [];
	for (const [first, last] of symbolBlocks) {
		for (let code = first; code <= last; code++) {
			const c = String.fromCodePoint(code);
			const narrow =
				!joins.test(c) &&
				stringWidth(c) === 1 &&
				stringWidth(`${c}${c}`) === 2 &&
				stringWidth(`a${c}b`) === 3;
			const open = ranges.at(-1);
			if (narrow && open?.[1] === code - 1) open[1] = code;
			else if (narrow) ranges.push([code, code]);
		}
	}

	const hex = (code) => `\\u${code.toString(16).padStart(4, '0')}`;
	return ranges
		.map(([first, last]) => (first === last ? hex(first) : `${hex(first)}-${hex(last)}`))
		.join('');
}

const quickStringWidth = {
	name: 'quick-string-width',
	setup(build) {
		let symbols;
		build.onLoad({filter: /[\\/]string-width[\\/]index\.js$/}, async (args) => {
			symbols ??= await narrowSymbols(args.path);
			const contents = rewritten(args.path, [
				[
					'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
					"let rgiEmoji;\nconst rgiEmojiRegex = {test: (text) => (rgiEmoji ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(text)};",
				],
				[
					'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
					`if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && /^[\\u0020-\\u007E${symbols}]*$/.test(string))) {`,
				],
			]);
			return {loader: 'js', contents};
		});
	},
};

// wrap-ansi pins string-width 7, Ink uses 8: the same function, each building its own Unicode
// segmenter at start-up. The deck bundles one.
const oneStringWidth = {
	name: 'one-string-width',
	setup(build) {
		build.onResolve({filter: /^string-width$/}, (args) =>
			/[\\/]wrap-ansi[\\/]/.test(args.importer)
				? build.resolve('string-width', {kind: args.kind, resolveDir: root})
				: undefined,
		);
	},
};

export const shared = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	// keytar is an optional native module; oidc-provider only serves the demo and is a dev dependency.
	external: ['keytar', 'react-devtools-core', 'oidc-provider'],
	define: {'process.env.NODE_ENV': '"production"'},
	legalComments: 'none',
	logLevel: 'warning',
};

/** The deck's bundle: one CommonJS file, to be run through source/lib/code-cache.ts. */
export const deckOptions = {
	...shared,
	format: 'cjs',
	define: {...shared.define, 'import.meta.url': '__importMetaUrl'},
	banner: {js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;"},
	plugins: [
		noAjv,
		synchronousYoga,
		inkWithoutDevtools,
		inkFrameCaches,
		quickStringWidth,
		oneStringWidth,
	],
	// Less to read and hash at each start; names are kept so stack traces stay readable.
	minifyWhitespace: true,
	minifySyntax: true,
};
