// The deck's bundle rewrites string-width to answer plain text without Unicode segmentation
// (source/build-options.mjs). Built here exactly as the deck is, it must agree with the original
// string-width on every string: the symbols it answers alone, and each of them next to whatever can
// change a width (marks, joiners, variation selectors, emoji modifiers, wide and ambiguous text).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import original from 'string-width';
import {deckOptions} from '../source/build-options.mjs';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-string-width-'));
after(() => fs.rmSync(directory, {recursive: true, force: true}));

async function bundled(): Promise<typeof original> {
	const outfile = path.join(directory, 'string-width.cjs');
	await build({
		...deckOptions,
		entryPoints: [fileURLToPath(new URL('fixtures/string-width-entry.ts', import.meta.url))],
		outfile,
	});
	return (createRequire(import.meta.url)(outfile) as {stringWidth: typeof original}).stringWidth;
}

/** Every character of the blocks the rewrite considers, and of the ASCII range. */
function characters(): string[] {
	const blocks = [
		[0x20, 0x7e],
		[0xa0, 0xff],
		[0x2000, 0x2bff],
	] as const;
	const all: string[] = [];
	for (const [first, last] of blocks) {
		for (let code = first; code <= last; code++) all.push(String.fromCodePoint(code));
	}

	return all;
}

// What can join or widen a neighbour: combining marks, ZWJ, VS15/VS16, a skin tone, a keycap, CJK,
// an ambiguous-width letter, a tab, an escape sequence.
const neighbours = [
	'\u0301',
	'\u200D',
	'\uFE0E',
	'\uFE0F',
	'\u{1F3FD}',
	'\u20E3',
	'漢',
	'Ω',
	'\t',
	'\u001B[1m',
];

test("the deck's string-width agrees with string-width on every symbol, alone and beside what joins", async () => {
	const quick = await bundled();
	const samples: string[] = [];
	for (const c of characters()) {
		samples.push(c, `${c}${c}`, `a${c}b`, `[${c}] account`);
		for (const next of neighbours) samples.push(`${c}${next}`, `${next}${c}`);
	}

	samples.push(
		'╭─ 1 Accounts ─╮',
		' ⚠ NOT ENCRYPTED ',
		'▸ ✓ gpu · Acme GPU',
		'⚠️ warning',
		'👍🏽 ok',
		'',
	);
	const differences = samples.filter((sample) => quick(sample) !== original(sample));
	assert.deepEqual(
		differences.slice(0, 10),
		[],
		`${differences.length} strings measured differently`,
	);
	assert.equal(quick('⚠', {ambiguousIsNarrow: false}), original('⚠', {ambiguousIsNarrow: false}));
	assert.equal(
		quick('─', {ambiguousIsNarrow: false}),
		2,
		'ambiguous symbols still follow the option',
	);
});
