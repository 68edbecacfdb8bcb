// build/patches/ansi-tokenize-code-units.ts: the deck's tokenizer splits as the original does.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import * as tokenizer from '@alcalzone/ansi-tokenize';
import {bundled, styledLines, symbolSamples} from './text-samples.js';

test("the deck's ansi-tokenize splits every string as the original does", async () => {
	const quick = await bundled();
	const samples = [...symbolSamples(), ...styledLines(2000), '', '\u001B[31m', 'plain ascii'];
	const differences = samples.filter(
		(sample) =>
			JSON.stringify(quick.tokenize(sample)) !== JSON.stringify(tokenizer.tokenize(sample)),
	);
	assert.deepEqual(differences.slice(0, 10), [], `${differences.length} strings split differently`);
});
