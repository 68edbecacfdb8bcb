/**
 * yoga-layout, started synchronously.
 *
 * Changes: yoga-layout awaits the compilation of its WebAssembly at its top level, which a CommonJS
 * file cannot do. The deck gets a yoga that compiles the same bytes synchronously (Emscripten's
 * `instantiateWasm` hook), which also keeps Emscripten from reaching for fetch() and loading Node's
 * HTTP client (undici) just to decode a data: URL.
 * Gain: essential, not measured on and off: without it the deck cannot be one CommonJS file, and
 * that file is what lets a second start skip compiling Ink and React (source/lib/code-cache.ts).
 * Couples to: yoga-layout's dist layout (src/wrapAssembly.js, src/generated/YGEnums.js,
 * binaries/yoga-wasm-base64-esm.js holding the module as one base64 data: URL).
 */
import path from 'node:path';
import {type Patch, rewritten, root} from './patch.js';

const yogaDist = path.join(root, 'node_modules', 'yoga-layout', 'dist');
const wasmPattern = /"data:application\/octet-stream;base64,([A-Za-z\d+/=]+)"/;

const synchronousEntry = `
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
`;

/** See the file's comment. */
export const yogaLayoutSynchronous: Patch = {
	name: 'yoga-layout-synchronous',
	packages: {'yoga-layout': '3.2.1'},
	essential: true,
	setup(build) {
		build.onResolve({filter: /^yoga-layout$/}, () => ({path: 'yoga-layout', namespace: 'yoga'}));
		build.onLoad({filter: /.*/, namespace: 'yoga'}, () => ({
			resolveDir: path.join(yogaDist, 'src'),
			loader: 'js',
			contents: synchronousEntry,
		}));
		build.onLoad({filter: /yoga-wasm-base64-esm\.js$/}, (args) => {
			const text = rewritten(yogaLayoutSynchronous, args.path, []);
			const found = text.match(wasmPattern);
			if (!found) throw new Error(`no WebAssembly data URL in ${args.path}`);
			return {
				loader: 'js',
				contents: `${text.replace(found[0], '""')}\nexport const wasm = "${found[1]}";\n`,
			};
		});
	},
};
