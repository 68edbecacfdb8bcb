// build/patches/slice-ansi-lazy-segmenter.ts: the deck's slice-ansi cuts as the original does.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import originalSlice from 'slice-ansi';
import {bundled, characters, styledLines} from './text-samples.js';

test("the deck's slice-ansi cuts every string as the original does", async () => {
	const quick = await bundled();
	const samples = [...styledLines(1000), ...characters().map((c) => `ab${c}cd`)];
	const differences = samples.filter((sample) =>
		[0, 1, 2, 5].some(
			(from) => quick.sliceAnsi(sample, from, from + 3) !== originalSlice(sample, from, from + 3),
		),
	);
	assert.deepEqual(differences.slice(0, 10), [], `${differences.length} strings cut differently`);
});
