// build/patches/string-width-quick.ts: the deck's string-width agrees with the original.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import original from 'string-width';
import {bundled, characters, neighbours} from './text-samples.js';

test("the deck's string-width agrees with string-width on every symbol, alone and beside what joins", async () => {
	const quick = (await bundled()).stringWidth;
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
