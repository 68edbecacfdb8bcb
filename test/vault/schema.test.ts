import assert from 'node:assert/strict';
import fs from 'node:fs';
import {test} from 'node:test';
import {validatorPath, validatorSource} from '../../build/validator-codegen.js';
import validateVault from '../../source/vault/vault-validator.js';

test('the compiled validator is the schema as it is now (run `npm run codegen` after changing schema.ts)', () => {
	assert.equal(fs.readFileSync(validatorPath, 'utf8'), validatorSource());
});

test('the compiled validator accepts a vault and refuses a bad one', () => {
	const account = {
		id: 'abcdef123456',
		alias: 'prod',
		providerId: 'vapi',
		organizations: [],
		environment: 'production',
		method: 'api-key',
		scopes: [],
		refreshable: false,
		createdAt: '2026-01-01T00:00:00.000Z',
	};
	assert.equal(
		validateVault({version: 1, accounts: [account], credentials: [], providers: [], active: {}}),
		true,
	);
	assert.equal(validateVault({version: 1, accounts: [{...account, alias: '../x'}]}), false);
	assert.match(validateVault.errors?.[0]?.instancePath ?? '', /accounts\/0\/alias/);
	assert.equal(validateVault({accounts: 'not a list'}), false);
	assert.equal(validateVault({settings: {storage: 'cloud'}}), false);
});
