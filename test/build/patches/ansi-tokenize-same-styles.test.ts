// build/patches/ansi-tokenize-same-styles.ts: the deck's styledCharsToString writes as the original does.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import * as tokenizer from '@alcalzone/ansi-tokenize';
import {bundled, styledLines} from './text-samples.js';

test("the deck's styledCharsToString writes every line as the original does", async () => {
	const quick = await bundled();
	const lines = styledLines(5000);
	const differences = lines.filter((line) => {
		const chars = tokenizer.styledCharsFromTokens(tokenizer.tokenize(line));
		return quick.styledCharsToString(chars) !== tokenizer.styledCharsToString(chars);
	});
	assert.deepEqual(differences.slice(0, 10), [], `${differences.length} lines written differently`);
	// Equal styles in separate arrays, as Ink's output has them, and no styles at all.
	const bold = (): tokenizer.AnsiCode => ({type: 'ansi', code: '\u001B[1m', endCode: '\u001B[22m'});
	const chars: tokenizer.StyledChar[] = [
		{type: 'char', value: 'a', fullWidth: false, styles: [bold()]},
		{type: 'char', value: 'b', fullWidth: false, styles: [bold()]},
		{type: 'char', value: 'c', fullWidth: false, styles: []},
	];
	assert.equal(quick.styledCharsToString(chars), tokenizer.styledCharsToString(chars));
	assert.equal(quick.styledCharsToString(chars), '\u001B[1mab\u001B[22mc');
});
