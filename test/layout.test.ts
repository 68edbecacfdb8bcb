// The shape of source/, read from the code: imports only point down the layers, nothing imports in a
// circle (type-only imports included), and no hand-written file grows past ~300 lines. The layers
// are the readme's "How the code is laid out".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const source = fileURLToPath(new URL('../source/', import.meta.url));

/** Lower layers first; a file may import its own folder and any folder of a lower layer. */
const layers: ReadonlyArray<readonly string[]> = [
	['domain'],
	['lib'],
	// The one network layer sits below everything that talks to a server (auth, providers, webhooks).
	['net'],
	['vault', 'auth', 'providers', 'webhooks'],
	['store'],
	['services'],
	['cli', 'deck'],
	['demo'],
	['bin'],
];

/**
 * The two entries that put the front ends together: `authdeck` itself, and the command line's entry,
 * which opens the deck when no command is given. They load the deck's launcher, never its screens.
 */
const entries: ReadonlyMap<string, readonly string[]> = new Map([
	['cli/main.ts', ['deck/launch.ts']],
]);

const maximumLines = 300;

function sourceFiles(dir = source): string[] {
	return fs.readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(file);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
	});
}

const relative = (file: string) => path.relative(source, file).split(path.sep).join('/');

/** The folder a file belongs to: its first directory, or its own name for a top-level file. */
function area(file: string): string {
	const [top, ...rest] = relative(file).split('/');
	return rest.length === 0 ? (top ?? '').replace(/\.tsx?$/, '') : (top ?? '');
}

function layerOf(file: string): number {
	const index = layers.findIndex((layer) => layer.includes(area(file)));
	assert.notEqual(index, -1, `${relative(file)} is in no layer: add its folder to the layers`);
	return index;
}

/** Every relative import of a file, static, dynamic and type-only, resolved to a source file. */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const found: string[] = [];
	for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
		const base = path.resolve(path.dirname(file), match[1] ?? '').replace(/\.js$/, '');
		const target = [`${base}.ts`, `${base}.tsx`].find((candidate) => fs.existsSync(candidate));
		if (target) found.push(target);
	}

	return found;
}

const files = sourceFiles();
const graph = new Map(files.map((file) => [file, importsOf(file)]));

test('imports point down the layers: front ends use the core, the core never a front end', () => {
	const wrong: string[] = [];
	for (const [file, targets] of graph) {
		for (const target of targets) {
			const sameFolder = area(file) === area(target);
			const down = layerOf(target) < layerOf(file);
			const allowed = entries.get(relative(file))?.includes(relative(target));
			if (!sameFolder && !down && !allowed) {
				wrong.push(`${relative(file)} -> ${relative(target)}`);
			}
		}
	}

	assert.deepEqual(wrong, []);
});

test('no import cycle, type-only imports included', () => {
	const cycles: string[] = [];
	const state = new Map<string, 'open' | 'done'>();
	const trail: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		trail.push(file);
		for (const target of graph.get(file) ?? []) {
			if (state.get(target) === 'open') {
				cycles.push(trail.slice(trail.indexOf(target)).concat(target).map(relative).join(' -> '));
			} else if (!state.has(target)) {
				visit(target);
			}
		}

		trail.pop();
		state.set(file, 'done');
	};

	for (const file of files) {
		if (!state.has(file)) visit(file);
	}

	assert.deepEqual(cycles, []);
});

test(`no hand-written source file passes ${maximumLines} lines`, () => {
	const long = files
		.map((file) => ({
			file: relative(file),
			lines: fs.readFileSync(file, 'utf8').split('\n').length,
		}))
		.filter(({lines}) => lines > maximumLines)
		.map(({file, lines}) => `${file}: ${lines}`);
	assert.deepEqual(long, []);
});
