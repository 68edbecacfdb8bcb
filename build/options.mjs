// The esbuild options of authdeck's bundles, shared by the build (build/build.mjs) and the
// benchmark, which builds a bare Ink program the same way to compare against.
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath, pathToFileURL} from 'node:url';

// conf imports ajv (half a megabyte) to compile a schema at run time, and semver for migrations.
// authdeck passes conf neither a schema nor migrations: it checks the metadata with a validator
// compiled ahead of time (source/vault/vault-validator.js). The bundles get stubs that fail loudly
// if anything ever reaches for them. conf also loads node:assert at start-up for one deepEqual of
// the file against itself plus defaults; authdeck has no defaults, so that comparison (which walks
// the whole vault on every start) always passes, and is skipped.
const unusedModules = {
	ajv: [
		"const unused = () => { throw new Error('ajv is not bundled: conf is used without a schema'); };",
		'export default unused;',
		'export const Ajv2020 = unused;',
	],
	semver: [
		'export default new Proxy({}, {',
		"\tget: (_, name) => () => { throw new Error('semver is not bundled: conf is used without migrations (semver.' + String(name) + ')'); },",
		'});',
	],
};

export const leanConf = {
	name: 'lean-conf',
	setup(build) {
		build.onResolve({filter: /^(ajv|ajv-formats|semver)(\/|$)/}, (args) => ({
			path: args.path.startsWith('semver') ? 'semver' : 'ajv',
			namespace: 'unused',
		}));
		build.onLoad({filter: /.*/, namespace: 'unused'}, (args) => ({
			contents: unusedModules[args.path].join('\n'),
			loader: 'js',
		}));
		build.onLoad({filter: /[\\/]conf[\\/]dist[\\/]source[\\/]index\.js$/}, (args) => {
			const contents = rewritten(args.path, [
				[
					"import assert from 'node:assert';",
					"import {createRequire} from 'node:module';\nconst assert = {deepEqual: (...values) => createRequire(import.meta.url)('node:assert').deepEqual(...values)};",
				],
				[
					'        const storeWithDefaults = Object.assign(createPlainObject(), options.defaults ?? {}, fileStore);\n        this._validate(storeWithDefaults);\n        try {',
					'        const storeWithDefaults = Object.assign(createPlainObject(), options.defaults ?? {}, fileStore);\n        this._validate(storeWithDefaults);\n        if (options.defaults) try {',
				],
			]);
			return {loader: 'js', contents};
		});
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

/** The symbols of `symbolBlocks` for which `keep` holds, as the inside of a character class. */
function symbolClass(keep) {
	const ranges = [];
	for (const [first, last] of symbolBlocks) {
		for (let code = first; code <= last; code++) {
			const kept = keep(String.fromCodePoint(code));
			const open = ranges.at(-1);
			if (kept && open?.[1] === code - 1) open[1] = code;
			else if (kept) ranges.push([code, code]);
		}
	}

	const hex = (code) => `\\u${code.toString(16).padStart(4, '0')}`;
	return ranges
		.map(([first, last]) => (first === last ? hex(first) : `${hex(first)}-${hex(last)}`))
		.join('');
}

/** The symbols that string-width (the module at `file`) measures as one column on their own and in pairs. */
async function narrowSymbols(file) {
	const {default: stringWidth} = await import(pathToFileURL(file).href);
	return symbolClass(
		(c) =>
			!joins.test(c) &&
			stringWidth(c) === 1 &&
			stringWidth(`${c}${c}`) === 2 &&
			stringWidth(`a${c}b`) === 3,
	);
}

// The first Intl.Segmenter of a process loads ICU's break rules: about 15 ms here, on every start,
// for a first frame of plain text and box drawing that never needs them. In the deck's bundle:
// - string-width, slice-ansi and ansi-tokenize share one grapheme segmenter, made on first use
//   (`new Intl.Segmenter()` splits into graphemes whatever the locale);
// - ansi-tokenize, which Ink runs on every line of every frame, splits text made only of ASCII,
//   escapes and symbols that stand alone by code unit, which gives the same clusters. Which symbols
//   stand alone is decided here, at build time, by Intl.Segmenter itself.
const graphemesModule = `
let segmenter;
export const graphemes = {segment: (text) => (segmenter ??= new Intl.Segmenter()).segment(text)};
`;

const importGraphemes = "import {graphemes} from 'authdeck:graphemes';";

/** Symbols that are a grapheme cluster of their own beside ASCII, an escape, and themselves. */
function singleSymbols() {
	const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	const alone = (text) => [...segmenter.segment(text)].length === text.length;
	return symbolClass(
		(c) => !joins.test(c) && alone(`a${c}b`) && alone(`${c}${c}`) && alone(`\u001B${c}[`),
	);
}

const quickSegments = {
	name: 'quick-segments',
	setup(build) {
		build.onResolve({filter: /^authdeck:graphemes$/}, () => ({
			path: 'graphemes',
			namespace: 'graphemes',
		}));
		build.onLoad({filter: /.*/, namespace: 'graphemes'}, () => ({
			contents: graphemesModule,
			loader: 'js',
		}));
		build.onLoad({filter: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/}, (args) => ({
			loader: 'js',
			contents: `${importGraphemes}\n${rewritten(args.path, [
				[
					"const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
					'const GRAPHEME_SEGMENTER = graphemes;',
				],
			])}`,
		}));
		let symbols;
		build.onLoad(
			{filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/},
			(args) => {
				symbols ??= singleSymbols();
				const segmenter = [
					`const singleUnits = /^[\\u001B\\u0020-\\u007E${symbols}]*$/;`,
					'function* codeUnits(text) {',
					'\tfor (let index = 0; index < text.length; index++) yield {segment: text[index], index};',
					'}',
					'const segmenter = {segment: (text) => (singleUnits.test(text) ? codeUnits(text) : graphemes.segment(text))};',
				].join('\n');
				return {
					loader: 'js',
					contents: `${importGraphemes}\n${rewritten(args.path, [
						[
							'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
							segmenter,
						],
					])}`,
				};
			},
		);
	},
};

const quickStringWidth = {
	name: 'quick-string-width',
	setup(build) {
		let symbols;
		build.onLoad({filter: /[\\/]string-width[\\/]index\.js$/}, async (args) => {
			symbols ??= await narrowSymbols(args.path);
			const contents = rewritten(args.path, [
				['const segmenter = new Intl.Segmenter();', 'const segmenter = graphemes;'],
				[
					'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
					"let rgiEmoji;\nconst rgiEmojiRegex = {test: (text) => (rgiEmoji ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(text)};",
				],
				[
					'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
					`if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && /^[\\u0020-\\u007E${symbols}]*$/.test(string))) {`,
				],
			]);
			return {loader: 'js', contents: `${importGraphemes}\n${contents}`};
		});
	},
};

// Ink turns every row of every frame back into text (ansi-tokenize's styledCharsToString), working
// out the escape codes between each pair of neighbouring characters with three Sets and a filter:
// a full 100x30 screen is 3,000 such diffs, half the first frame's output time. Neighbours with the
// same styles need no codes at all (diffAnsiCodes returns nothing for them), and most are.
const sameStyles = `
function sameStyles(from, to) {
	if (from === to) return true;
	if (from.length !== to.length) return false;
	for (let index = 0; index < from.length; index++) {
		if (from[index].code !== to[index].code || from[index].endCode !== to[index].endCode) return false;
	}
	return true;
}
`;

const quickStyledChars = {
	name: 'quick-styled-chars',
	setup(build) {
		build.onLoad(
			{filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/},
			(args) => {
				const contents = rewritten(args.path, [
					[
						'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
						"ret += sameStyles(chars[i - 1].styles, char.styles) ? '' : ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));",
					],
					[
						'ret += ansiCodesToString(diffAnsiCodes(char.styles, []));',
						"ret += char.styles.length === 0 ? '' : ansiCodesToString(diffAnsiCodes(char.styles, []));",
					],
				]);
				return {loader: 'js', contents: `${contents}\n${sameStyles}`};
			},
		);
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

// What every start loads and only a rare path needs:
// - signal-exit 3 (Ink, proper-lockfile) loads node:assert for one check of its argument: loaded
//   when that check runs instead;
// - proper-lockfile loads graceful-fs, which patches the process's fs module at load to retry
//   opens after EMFILE. authdeck holds a handful of files open, never near the limit: the bundles
//   give proper-lockfile Node's own fs (its `fs` option exists for exactly that), unpatched.
const lazyAssert =
	"const assert = {equal: (...values) => require('node:assert').equal(...values)};";

export const lessAtStart = {
	name: 'less-at-start',
	setup(build) {
		build.onLoad({filter: /[\\/]signal-exit[\\/]index\.js$/}, (args) => ({
			loader: 'js',
			contents: rewritten(args.path, [["  var assert = require('assert')", `  ${lazyAssert}`]]),
		}));
		build.onResolve({filter: /^graceful-fs$/}, () => ({path: 'graceful-fs', namespace: 'node-fs'}));
		build.onLoad({filter: /.*/, namespace: 'node-fs'}, () => ({
			loader: 'js',
			contents: "module.exports = require('node:fs');",
		}));
	},
};

// A CommonJS bundle gives every ES module that imports a CommonJS one (React, or a built-in such as
// node:fs) its own copy of that module's exports: esbuild's __toESM defines a getter for each
// property. The deck had 71 copies of React, 26 of node:process, 105 in all: about 10 ms of every
// start. The deck's bundle makes one per module and shares it, as ES modules share one namespace.
const sharedNamespace = [
	'const __namespaces = new WeakMap(), __namespace = (module) => {',
	"\tif (module === null || (typeof module !== 'object' && typeof module !== 'function')) return __toESM(module, 1);",
	'\tlet namespace = __namespaces.get(module);',
	'\tif (!namespace) __namespaces.set(module, (namespace = __toESM(module, 1)));',
	'\treturn namespace;',
	'};',
].join('\n');

const oneNamespacePerModule = {
	name: 'one-namespace-per-module',
	setup(build) {
		build.onEnd((result) => {
			const file = build.initialOptions.outfile;
			if (result.errors.length > 0 || !file) return;
			const text = readFileSync(file, 'utf8').replace(
				/__toESM\((require\("[^"]+"\)|require_\w+\(\)), ?1\)/g,
				(_, module) => `__namespace(${module})`,
			);
			// A call this missed means esbuild writes them differently now: fail rather than go slow.
			const missed = text.match(/__toESM\(require[^)]*\)[^)]*\)/);
			if (missed || !text.includes(sharedNamespace)) {
				throw new Error(`${file}: ${missed?.[0] ?? 'no __namespace'} is not shared`);
			}

			writeFileSync(file, text);
		});
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

/** CommonJS, where `import.meta.url` is the file's URL. */
const commonJs = {
	...shared,
	format: 'cjs',
	define: {...shared.define, 'import.meta.url': '__importMetaUrl'},
};
const importMetaUrl = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/** The `authdeck` command (source/bin.ts): a small CommonJS file that opens the deck or hands over. */
export const launcherOptions = {
	...commonJs,
	define: {...commonJs.define, DECK_BUNDLE: '"./deck.cjs"'},
	banner: {js: importMetaUrl},
};

/** The deck's bundle: one CommonJS file, to be run through source/lib/code-cache.ts. */
export const deckOptions = {
	...commonJs,
	banner: {js: `${importMetaUrl}\n${sharedNamespace}`},
	plugins: [
		leanConf,
		lessAtStart,
		synchronousYoga,
		inkWithoutDevtools,
		inkFrameCaches,
		quickStringWidth,
		quickSegments,
		quickStyledChars,
		oneStringWidth,
		oneNamespacePerModule,
	],
	// Less to read and hash at each start; names are kept so stack traces stay readable.
	minifyWhitespace: true,
	minifySyntax: true,
};
