// security.md row 13: a secret write that fails after the metadata was saved is rolled back, so
// there is never an account (or credential) without its secret and never a secret in the metadata.
// The metadata file and the secrets file are real; the only double is the fault itself: a
// SecretStore over the real file store whose `set` throws when told to.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import type {Account} from '../../source/domain.js';
import type {VaultAction} from '../../source/store/actions.js';
import {createPersist} from '../../source/store/persist.js';
import type {State} from '../../source/store/state.js';
import {initialUi} from '../../source/store/state.js';
import {createStore} from '../../source/store/store.js';
import {fileSecretStore} from '../../source/vault/file-secrets.js';
import {MetadataFile} from '../../source/vault/metadata.js';
import {vaultPaths} from '../../source/vault/paths.js';
import type {SecretStore} from '../../source/vault/secrets.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-persist-'));
after(() => {
	fs.rmSync(scratch, {recursive: true, force: true});
});

let counter = 0;

/** A store over real files whose secret writes fail while `failing` is set. */
function setup(kind: SecretStore['kind'] = 'file') {
	const paths = vaultPaths({AUTHDECK_CONFIG_DIR: path.join(scratch, `vault-${++counter}`)});
	const metadata = new MetadataFile(paths);
	const real = fileSecretStore(paths.secrets);
	const fault = {failing: false, sets: 0};
	const secrets: SecretStore = {
		kind,
		get: (key) => real.get(key),
		async set(key, value) {
			fault.sets++;
			if (fault.failing) {
				throw new Error('keychain unavailable: saving a secret did not answer within 3 s');
			}

			await real.set(key, value);
		},
		delete: (key) => real.delete(key),
	};
	const warnings: string[] = [];
	const initial: State = {vault: metadata.read(), ui: initialUi, storage: kind};
	const store = createStore(initial, {
		persist: createPersist({
			metadata,
			backend: async () => ({store: secrets, chosenBy: 'env'}),
			warn: (line) => warnings.push(line),
		}),
		reload: async () => metadata.read(),
	});
	return {paths, metadata, real, fault, store, warnings};
}

function account(id: string, alias: string, email: string): Account {
	const at = new Date().toISOString();
	return {
		id,
		alias,
		providerId: 'vapi',
		email,
		organizations: [],
		environment: 'production',
		method: 'api-key',
		scopes: [],
		refreshable: false,
		secretHint: 'sk-test_****0001',
		createdAt: at,
	};
}

const saved = (id: string, alias: string, email: string, apiKey: string): VaultAction => ({
	type: 'account-saved',
	account: account(id, alias, email),
	aliasGiven: true,
	secret: {apiKey},
	at: new Date().toISOString(),
});

const firstKey = 'sk-test_persistFIRST000000000001';
const secondKey = 'sk-test_persistSECOND00000000002';

describe('a secret write that fails after the metadata was saved (row 13)', () => {
	test('a new account is rolled back: not in the file, not in the store, no secret anywhere', async () => {
		const {paths, real, fault, store} = setup();
		await store.dispatch(saved('persist0001', 'first', 'first@example.com', firstKey));
		const config = fs.readFileSync(paths.config);
		const secrets = fs.readFileSync(paths.secrets);

		fault.failing = true;
		await assert.rejects(
			store.dispatch(saved('persist0002', 'second', 'second@example.com', secondKey)),
			/keychain unavailable/,
		);
		assert.equal(fault.sets, 2, 'the secret write was attempted, after the metadata');

		assert.ok(fs.readFileSync(paths.config).equals(config), 'config.json as before');
		assert.ok(fs.readFileSync(paths.secrets).equals(secrets), 'secrets.json as before');
		assert.equal(await real.get('account:persist0002'), undefined);
		const {vault, ui} = store.getState();
		assert.deepEqual(
			vault.accounts.map((a) => a.id),
			['persist0001'],
			'the store shows the vault as saved, not the optimistic one',
		);
		assert.equal(ui.notice?.level, 'error');
		assert.equal(vault.current, 'persist0001');
		assert.ok(!fs.readFileSync(paths.config, 'utf8').includes(secondKey));
		assert.ok(!fs.readFileSync(paths.config, 'utf8').includes(firstKey));
	});

	test('a re-login of an existing account keeps its old key and metadata', async () => {
		const {paths, real, fault, store} = setup();
		await store.dispatch(saved('persist0001', 'first', 'first@example.com', firstKey));
		const config = fs.readFileSync(paths.config);

		fault.failing = true;
		// Same provider and email: an update of the same account, with a new key.
		await assert.rejects(
			store.dispatch(saved('persist0009', 'first', 'first@example.com', secondKey)),
		);
		assert.ok(fs.readFileSync(paths.config).equals(config));
		assert.deepEqual(JSON.parse((await real.get('account:persist0001')) ?? ''), {apiKey: firstKey});
	});

	test('rotated tokens that cannot be saved leave the old tokens and expiry', async () => {
		const {paths, real, fault, store} = setup();
		await store.dispatch(saved('persist0001', 'first', 'first@example.com', firstKey));
		const config = fs.readFileSync(paths.config);

		fault.failing = true;
		await assert.rejects(
			store.dispatch({
				type: 'tokens-updated',
				accountId: 'persist0001',
				changes: {tokenExpiresAt: '2099-01-01T00:00:00.000Z', secretHint: 'sk-test_****0002'},
				secret: {apiKey: secondKey},
			}),
		);
		assert.ok(fs.readFileSync(paths.config).equals(config), 'expiry and hint unchanged');
		assert.equal(store.getState().vault.accounts[0]?.tokenExpiresAt, undefined);
		assert.deepEqual(JSON.parse((await real.get('account:persist0001')) ?? ''), {apiKey: firstKey});
	});

	test('a credential whose secret cannot be saved is not added', async () => {
		const {paths, real, fault, store} = setup();
		await store.dispatch(saved('persist0001', 'first', 'first@example.com', firstKey));
		const config = fs.readFileSync(paths.config);

		fault.failing = true;
		await assert.rejects(
			store.dispatch({
				type: 'credential-added',
				credential: {
					id: 'cred_persist01',
					name: 'Webhook signing',
					accountId: 'persist0001',
					settings: {
						type: 'hmac',
						algorithm: 'sha256',
						signatureHeader: 'x-signature',
						payloadFormat: '{body}',
					},
					usedBy: [],
					createdAt: new Date().toISOString(),
				},
				secret: {value: 'whsec_persistHMACSECRET000001'},
			}),
		);
		assert.ok(fs.readFileSync(paths.config).equals(config));
		assert.equal(await real.get('credential:cred_persist01'), undefined);
		assert.deepEqual(store.getState().vault.credentials, []);
	});

	test('once the secret store works again, the same save goes through whole', async () => {
		const {paths, real, fault, store} = setup('keychain');
		fault.failing = true;
		await assert.rejects(
			store.dispatch(saved('persist0001', 'first', 'first@example.com', firstKey)),
		);
		// Nothing was saved, not even the choice of backend.
		assert.deepEqual(new MetadataFile(paths).read().accounts, []);
		assert.equal(new MetadataFile(paths).read().settings.storage, undefined);

		fault.failing = false;
		await store.dispatch(saved('persist0001', 'first', 'first@example.com', firstKey));
		const vault = new MetadataFile(paths).read();
		assert.deepEqual(
			vault.accounts.map((a) => a.id),
			['persist0001'],
		);
		assert.equal(
			vault.settings.storage,
			'keychain',
			'the backend of the first secret is remembered',
		);
		assert.deepEqual(JSON.parse((await real.get('account:persist0001')) ?? ''), {apiKey: firstKey});
		assert.ok(!fs.readFileSync(paths.config, 'utf8').includes(firstKey));
	});
});
