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
	// The schema an enum's error quotes is made only then (lazySchemas in the codegen).
	assert.deepEqual((validateVault.errors?.[0] as {params?: unknown} | undefined)?.params, {
		allowedValues: ['keychain', 'file', 'pass'],
	});
});

test('the catalogue files are checked by their own compiled schemas, closed to extra fields', async () => {
	const {catalogValidatorPath, catalogValidatorSource} = await import(
		'../../build/validator-codegen.js'
	);
	assert.equal(fs.readFileSync(catalogValidatorPath, 'utf8'), catalogValidatorSource());
	const {validateAccount, validateCredential, validateProvider} = await import(
		'../../source/vault/catalog-validator.js'
	);
	assert.equal(validateProvider({id: 'acme', name: 'Acme', kind: 'api-key', envVars: ['K']}), true);
	assert.equal(
		validateProvider({id: 'acme', name: 'Acme', kind: 'oidc', envVars: []}),
		false,
		'an OpenID provider needs its issuer and client id',
	);
	assert.equal(validateAccount({alias: 'prod', provider: 'acme', apiKey: 'sk-1'}), false);
	assert.equal(
		validateAccount({alias: 'prod', provider: 'acme', secret: 'pass://acme-shared/prod/key'}),
		true,
	);
	assert.equal(validateAccount({alias: 'prod', provider: 'acme', secret: 'sk-live-123'}), false);
	const hmac = {
		type: 'hmac',
		algorithm: 'sha256',
		signatureHeader: 'X-Signature',
		payloadFormat: '{body}',
	};
	assert.equal(validateCredential({name: 'Hook', account: 'prod', settings: hmac}), true);
	assert.equal(
		validateCredential({name: 'Hook', account: 'prod', settings: {...hmac, key: 'x'}}),
		false,
	);
});

test('the metadata keeps what a pull validated, under the same closed schemas', () => {
	const catalogs = (accounts: unknown[]) => ({
		version: 1,
		catalogs: {
			list: [
				{
					name: 'acme',
					url: '/srv/acme.git',
					commit: 'a'.repeat(40),
					entries: {providers: [], accounts, credentials: []},
				},
			],
			passStores: {'acme-shared': '/srv/pass'},
		},
	});
	assert.equal(validateVault(catalogs([{alias: 'prod', provider: 'vapi'}])), true);
	assert.equal(validateVault(catalogs([{alias: 'prod', provider: 'vapi', apiKey: 'sk-1'}])), false);
	assert.match(
		validateVault.errors?.[0]?.instancePath ?? '',
		/catalogs\/list\/0\/entries\/accounts\/0/,
	);
});
