import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Catalog} from '../../source/domain/catalog.js';
import type {Account, Vault} from '../../source/domain.js';
import {emptyVault} from '../../source/domain.js';
import {catalogReducer} from '../../source/store/catalog-reducer.js';
import {findRow, notSignedInRows, pendingCredentials} from '../../source/store/catalog-rows.js';

const account = (alias: string, providerId: string, email?: string): Account => ({
	id: `id${alias.replaceAll(/[^a-z0-9]/g, '')}000000`,
	alias,
	providerId,
	...(email ? {email} : {}),
	organizations: [],
	environment: 'production',
	method: 'api-key',
	scopes: [],
	refreshable: false,
	createdAt: '2026-01-01T00:00:00.000Z',
});

const acme: Catalog = {
	name: 'acme',
	url: '/srv/acme.git',
	entries: {
		providers: [{id: 'acme-api', name: 'Acme', kind: 'api-key', envVars: ['ACME_KEY']}],
		accounts: [
			{alias: 'prod', provider: 'acme-api', email: 'ops@acme.com'},
			{alias: 'staging', provider: 'acme-api', environment: 'staging'},
			{alias: 'team', provider: 'acme-api', email: '*@acme.com'},
		],
		credentials: [
			{
				name: 'Webhook',
				account: 'prod',
				settings: {type: 'bearer', headerName: 'Authorization', bearerPrefix: true},
			},
		],
	},
};

const withCatalogs = (vault: Vault, ...list: Catalog[]): Vault =>
	list.reduce((v, catalog) => catalogReducer(v, {type: 'catalog-saved', catalog}), vault);

test('templates no local account matches are the rows not signed in yet', () => {
	const rows = notSignedInRows(withCatalogs(emptyVault, acme));
	assert.deepEqual(
		rows.map((row) => [row.display, row.alias]),
		[
			['prod', 'prod'],
			['staging', 'staging'],
			['team', 'team'],
		],
	);
});

test('a local account with the same provider and alias, or the exact email, wins', () => {
	const vault = withCatalogs(
		{
			...emptyVault,
			accounts: [account('mine', 'acme-api', 'OPS@acme.com'), account('staging', 'acme-api')],
		},
		acme,
	);
	assert.deepEqual(
		notSignedInRows(vault).map((row) => row.display),
		['team'],
		'prod matched by email, staging by alias; an email pattern matches nobody by itself',
	);
});

test('a local alias of another provider puts the catalogue name in front', () => {
	const vault = withCatalogs({...emptyVault, accounts: [account('prod', 'vapi')]}, acme);
	const row = notSignedInRows(vault).find((r) => r.template.alias === 'prod');
	assert.equal(row?.display, 'acme/prod');
	assert.equal(row?.alias, 'acme-prod', 'the alias it signs in as is a valid, free one');
	assert.deepEqual(findRow(vault, 'acme/prod'), row);
	assert.deepEqual(findRow(vault, 'acme-prod'), row);
	// Signed in as acme-prod: the template is matched and its row goes.
	const signed = {...vault, accounts: [...vault.accounts, account('acme-prod', 'acme-api')]};
	assert.equal(findRow(signed, 'acme/prod'), undefined);
	assert.equal(signed.accounts.length, 2, 'the local prod is untouched');
});

test('the same alias in two catalogues is prefixed in both', () => {
	const beta: Catalog = {...acme, name: 'beta', entries: {...acme.entries, credentials: []}};
	const displays = notSignedInRows(withCatalogs(emptyVault, acme, beta)).map((r) => r.display);
	assert.ok(displays.includes('acme/prod') && displays.includes('beta/prod'));
});

test('a credential definition is pending until its account has a credential of that name', () => {
	let vault = withCatalogs(emptyVault, acme);
	assert.equal(pendingCredentials(vault)[0]?.account, undefined, 'no account yet');
	vault = {...vault, accounts: [account('prod', 'acme-api')]};
	assert.equal(pendingCredentials(vault)[0]?.account?.alias, 'prod');
	vault = {
		...vault,
		credentials: [
			{
				id: 'cred_abcdef',
				name: 'Webhook',
				accountId: vault.accounts[0]?.id ?? '',
				settings: {type: 'bearer', headerName: 'Authorization', bearerPrefix: true},
				usedBy: [],
				createdAt: '2026-01-01T00:00:00.000Z',
			},
		],
	};
	assert.deepEqual(pendingCredentials(vault), []);
});

test('removing a catalogue keeps every account; pass stores are set and forgotten', () => {
	let vault = withCatalogs({...emptyVault, accounts: [account('prod', 'acme-api')]}, acme);
	vault = catalogReducer(vault, {type: 'pass-store-set', name: 'acme-shared', dir: '/srv/pass'});
	assert.deepEqual(vault.catalogs?.passStores, {'acme-shared': '/srv/pass'});
	vault = catalogReducer(vault, {type: 'catalog-removed', name: 'acme'});
	assert.equal(vault.accounts.length, 1);
	assert.deepEqual(vault.catalogs?.list, []);
	vault = catalogReducer(vault, {type: 'pass-store-set', name: 'acme-shared'});
	assert.deepEqual(vault.catalogs?.passStores, {});
});
