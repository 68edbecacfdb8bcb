import assert from 'node:assert/strict';
import fs from 'node:fs';
import {test} from 'node:test';
import {readmePath, type Section, sectionOf, sections} from '../scripts/readme.js';

const readme = fs.readFileSync(readmePath, 'utf8');

for (const [name, expected] of Object.entries(sections()) as Array<[Section, string]>) {
	test(`the readme's ${name} section is what the program prints (run \`npm run readme\` to update it)`, () => {
		assert.equal(sectionOf(readme, name), expected);
	});
}

test('the readme gives a fresh clone one command to run the deck and one to test it', () => {
	assert.match(readme, /npm ci && npm run demo/);
	assert.match(readme, /bash \.ci\/run/);
	assert.match(readme, /npm test/);
	assert.match(readme, /### Where are my secrets stored\?/);
});
