// build/patches/patch.ts: a patch fails the build when what it was written for moves, and every
// package a patch rewrites is pinned to the version the patch names.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {deckPatches} from '../../../build/patches/index.js';
import {plugins, rewritten} from '../../../build/patches/patch.js';
import {stringWidthQuick} from '../../../build/patches/string-width-quick.js';

type Manifest = {
	dependencies: Record<string, string>;
	devDependencies: Record<string, string>;
	overrides: Record<string, string>;
};

test('every patched package is pinned in package.json to the version its patch names', () => {
	const manifest = JSON.parse(
		fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
	) as Manifest;
	const pins = Object.entries({
		...manifest.overrides,
		...manifest.dependencies,
		...manifest.devDependencies,
	}).map(([name, version]) => [name.replace(/(.)@.*$/, '$1'), version]);
	for (const patch of deckPatches) {
		for (const [name, version] of Object.entries(patch.packages)) {
			assert.ok(
				pins.some(([pinned, at]) => pinned === name && at === version),
				`${patch.name}: ${name} is not pinned to ${version}`,
			);
		}
	}
});

test('a patch without the patches it requires fails the build', () => {
	assert.throws(
		() => plugins([stringWidthQuick]),
		/string-width-quick requires wrap-ansi-one-string-width/,
	);
});

test('a patch whose text moved, or whose package changed version, fails the build', () => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-patch-'));
	try {
		const file = path.join(directory, 'index.js');
		fs.writeFileSync(file, 'const segmenter = new Intl.Segmenter();\n');
		fs.writeFileSync(
			path.join(directory, 'package.json'),
			JSON.stringify({name: 'string-width', version: '8.3.0'}),
		);
		const rewrite = [['new Intl.Segmenter()', 'graphemes']] as const;
		assert.equal(rewritten(stringWidthQuick, file, rewrite), 'const segmenter = graphemes;\n');
		assert.throws(
			() => rewritten(stringWidthQuick, file, [['const rgiEmojiRegex', '']]),
			/no longer holds const rgiEmojiRegex/,
		);
		fs.writeFileSync(
			path.join(directory, 'package.json'),
			JSON.stringify({name: 'string-width', version: '7.2.0'}),
		);
		assert.throws(
			() => rewritten(stringWidthQuick, file, rewrite),
			/string-width-quick rewrites string-width 8.3.0, not 7.2.0/,
		);
	} finally {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});
