/**
 * The text functions as the deck's bundle has them (build/patches/ rewrites them), built exactly as
 * the deck is, and the strings their tests compare with the originals: the symbols a patch answers
 * alone, each next to whatever can join or widen it (marks, joiners, variation selectors, emoji
 * modifiers, wide and ambiguous text, escape sequences), and styled text of every kind.
 */
import fs from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {after} from 'node:test';
import {fileURLToPath} from 'node:url';
import type * as tokenizer from '@alcalzone/ansi-tokenize';
import {build} from 'esbuild';
import type originalSlice from 'slice-ansi';
import type original from 'string-width';
import {deckOptions} from '../../../build/options.js';

type Text = typeof tokenizer & {sliceAnsi: typeof originalSlice; stringWidth: typeof original};

let text: Promise<Text> | undefined;

/** test/fixtures/text-entry.ts, bundled with the deck's patches (once per test file). */
export function bundled(): Promise<Text> {
	text ??= (async () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-text-'));
		after(() => fs.rmSync(directory, {recursive: true, force: true}));
		const outfile = path.join(directory, 'text.cjs');
		await build({
			...deckOptions(),
			entryPoints: [fileURLToPath(new URL('../../fixtures/text-entry.ts', import.meta.url))],
			outfile,
		});
		return createRequire(import.meta.url)(outfile) as Text;
	})();
	return text;
}

/** Every character of the blocks the rewrite considers, and of the ASCII range. */
export function characters(): string[] {
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
export const neighbours = [
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

/** Each symbol alone, doubled, between letters and escape sequences, and beside what joins. */
export function symbolSamples(): string[] {
	const samples: string[] = [];
	for (const c of characters()) {
		samples.push(c, `${c}${c}`, `a${c}b`, `\u001B[31m${c}\u001B[39m`, `${c}\u001B[1m${c}`);
		for (const next of neighbours) samples.push(`${c}${next}`, `${next}${c}`);
	}

	return samples;
}

/** A small, seeded random number generator: the same styled lines on every run. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

const codes = [
	'\u001B[0m',
	'\u001B[1m',
	'\u001B[2m',
	'\u001B[22m',
	'\u001B[3m',
	'\u001B[23m',
	'\u001B[4m',
	'\u001B[24m',
	'\u001B[7m',
	'\u001B[27m',
	'\u001B[31m',
	'\u001B[36m',
	'\u001B[90m',
	'\u001B[39m',
	'\u001B[43m',
	'\u001B[49m',
	'\u001B[38;5;208m',
	'\u001B[38;2;1;2;3m',
	'\u001B[48;2;9;9;9m',
	'\u001B[1;31m',
	'\u001B]8;;https://example.com\u0007',
	'\u001B]8;;\u0007',
];
const letters = ['a', ' ', '─', '│', '●', '▸', '…', '✓', '⚠', '漢', 'é', 'e\u0301', '👍🏽'];

/** Lines of text and escape codes as Ink's colours and links make them, at random. */
export function styledLines(count: number): string[] {
	const next = random(42);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
	const lines: string[] = [];
	for (let line = 0; line < count; line++) {
		let text = '';
		const length = 1 + Math.floor(next() * 40);
		for (let index = 0; index < length; index++) {
			text += next() < 0.3 ? pick(codes) : pick(letters);
		}

		lines.push(text);
	}

	return lines;
}
