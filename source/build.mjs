// Bundles the CLI with esbuild: one file to load instead of hundreds of modules halves the start-up
// of Ink. Code splitting keeps the deck (Ink, React) in its own chunk, loaded only when the deck opens.
import {chmodSync, existsSync, rmSync} from 'node:fs';
import {build} from 'esbuild';

const entryPoints = ['source/cli.ts', 'source/demo.ts'].filter((file) => existsSync(file));

// conf imports ajv (half a megabyte) to compile a schema at run time; authdeck passes conf no schema
// and checks the metadata with a validator compiled ahead of time (source/vault/vault-validator.js),
// so the bundle gets a stub that fails loudly if anything ever reaches for it.
const noAjv = {
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

rmSync('dist', {recursive: true, force: true});
await build({
	entryPoints,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	splitting: true,
	outdir: 'dist',
	chunkNames: 'chunks/[name]-[hash]',
	// keytar is an optional native module; oidc-provider only serves the demo and is a dev dependency.
	external: ['keytar', 'react-devtools-core', 'oidc-provider'],
	// Bundled CommonJS modules call require(); give them one.
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
	define: {'process.env.NODE_ENV': '"production"'},
	legalComments: 'none',
	plugins: [noAjv],
	logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
