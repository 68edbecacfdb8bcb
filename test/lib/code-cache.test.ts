import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';

// Each load runs in a new process: within one process V8 keeps compiled scripts in memory and would
// answer from there, so only a fresh process shows what the cache file does.
const loader = fileURLToPath(new URL('../../source/lib/code-cache.ts', import.meta.url));
const script = `
import {loadWithCodeCache} from ${JSON.stringify(loader)};
const [file, directory] = process.argv.slice(-2);
const loaded = loadWithCodeCache(file, directory);
loaded.save();
console.log(JSON.stringify({cache: loaded.cache, answer: loaded.exports.answer(), file: loaded.cacheFile}));
`;

type Run = {readonly cache: string; readonly answer: string; readonly file: string};

function load(file: string, directory: string): Run {
	const output = execFileSync(
		process.execPath,
		['--import', 'tsx', '--input-type=module', '-e', script, '--', file, directory],
		{encoding: 'utf8'},
	);
	return JSON.parse(output) as Run;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-code-cache-'));
after(() => fs.rmSync(root, {recursive: true, force: true}));

let count = 0;
/** A CommonJS module whose `answer()` returns `word`, and a cache directory of its own. */
function fixture(word: string): {file: string; directory: string} {
	const base = path.join(root, String(count++));
	fs.mkdirSync(base);
	const file = path.join(base, 'module.cjs');
	fs.writeFileSync(
		file,
		`exports.answer = function answer() { return ${JSON.stringify(word)}; };\n`,
	);
	return {file, directory: path.join(base, 'cache')};
}

describe('loadWithCodeCache', () => {
	test('the first run writes a private cache; the next run uses it', () => {
		const {file, directory} = fixture('first');
		const first = load(file, directory);
		assert.deepEqual([first.cache, first.answer], ['missing', 'first']);
		assert.equal(fs.statSync(directory).mode & 0o777, 0o700);
		assert.equal(fs.statSync(first.file).mode & 0o777, 0o600);

		const written = fs.statSync(first.file).mtimeMs;
		const second = load(file, directory);
		assert.deepEqual([second.cache, second.answer], ['used', 'first']);
		assert.equal(fs.statSync(second.file).mtimeMs, written, 'a used cache is not rewritten');
	});

	test('a file written inside the module wrapper (the bundles) runs as the same module, cached', () => {
		const {file, directory} = fixture('wrapped');
		const text = fs.readFileSync(file, 'utf8');
		fs.writeFileSync(
			file,
			`(function (exports, require, module, __filename, __dirname) {\n${text}\n})\n`,
		);
		assert.deepEqual(Object.values(load(file, directory)).slice(0, 2), ['missing', 'wrapped']);
		assert.deepEqual(Object.values(load(file, directory)).slice(0, 2), ['used', 'wrapped']);
		// One that only starts like it is wrapped once more: it runs, and still exports.
		fs.writeFileSync(
			file,
			`(function (exports, require, module, __filename, __dirname) {})();\n${text}`,
		);
		assert.equal(load(file, directory).answer, 'wrapped');
	});

	test('a rebuilt file of the same length never runs the old code', () => {
		// V8 itself checks only the source's length, so this is the case the hash in the name is for.
		const {file, directory} = fixture('alpha');
		const before = load(file, directory);
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('alpha', 'omega'));
		fs.writeFileSync(`${before.file}.4242.tmp`, 'left by a killed writer');

		const after = load(file, directory);
		assert.deepEqual([after.cache, after.answer], ['missing', 'omega']);
		assert.notEqual(after.file, before.file);
		const [cache, mark, ...rest] = fs.readdirSync(directory).sort();
		assert.equal(cache, path.basename(after.file));
		assert.match(
			mark ?? '',
			/^.+\.v8cache\.checked-\d+-\d+-\d+-\d+$/,
			'its mark of a checked file',
		);
		assert.deepEqual(rest, [], 'the old cache, its mark and the temporary file are gone');
	});

	test('a damaged cache is not given to V8, and is replaced', () => {
		const {file, directory} = fixture('damaged');
		const {file: cacheFile} = load(file, directory);
		const bytes = fs.readFileSync(cacheFile);
		const at = bytes.length - 10;
		bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
		fs.writeFileSync(cacheFile, bytes);

		const damaged = load(file, directory);
		assert.deepEqual([damaged.cache, damaged.answer], ['untrusted', 'damaged']);
		assert.equal(load(file, directory).cache, 'used');
	});

	test('a cache is checked once: after that, its mark stands for it until the file changes', () => {
		const {file, directory} = fixture('marked');
		const {file: cacheFile} = load(file, directory);
		const marks = () => fs.readdirSync(directory).filter((entry) => entry.includes('.checked-'));
		assert.equal(marks().length, 1, 'written with its mark');
		assert.equal(load(file, directory).cache, 'used');

		// Rewritten with the same bytes: a new ctime, so checked again, found right and marked anew.
		const before = marks();
		fs.writeFileSync(cacheFile, fs.readFileSync(cacheFile));
		assert.equal(load(file, directory).cache, 'used');
		assert.equal(marks().length, 1);
		assert.notDeepEqual(marks(), before, 'the old mark went with the file it stood for');

		// A mark of another file's look is no mark: damage after the check is still found.
		const bytes = fs.readFileSync(cacheFile);
		bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10);
		fs.writeFileSync(cacheFile, bytes);
		assert.equal(load(file, directory).cache, 'untrusted');
	});

	test('a cache file others can write is ignored', () => {
		const {file, directory} = fixture('shared');
		const {file: cacheFile} = load(file, directory);
		fs.chmodSync(cacheFile, 0o666);
		assert.equal(load(file, directory).cache, 'untrusted');
		assert.equal(fs.statSync(cacheFile).mode & 0o777, 0o600, 'rewritten private');
	});

	test('a cache directory that cannot be written only costs time', () => {
		const {file} = fixture('read-only');
		const blocked = path.join(root, 'not-a-directory');
		fs.writeFileSync(blocked, '');
		const run = load(file, path.join(blocked, 'cache'));
		assert.deepEqual([run.cache, run.answer], ['missing', 'read-only']);
	});
});
