/** The deck's effects on a real temporary vault: intents in, I/O, actions back. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {createDeckEffects} from '../../source/deck/effects.js';
import {followVault} from '../../source/deck/follow-vault.js';
import type {Account} from '../../source/domain.js';
import type {Context} from '../../source/store/context.js';
import type {Store} from '../../source/store/store.js';
import {MetadataFile} from '../../source/vault/metadata.js';
import {vaultPaths} from '../../source/vault/paths.js';
import {useTempVault} from '../helpers/cli.js';
import {until} from '../helpers/wait.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});
let context: Context;
let store: Store;
const deck = createDeckEffects();
let accounts: Account[];

before(async () => {
	accounts = await vault().seedSample();
	context = await vault().open({effects: deck.effects});
	store = context.store;
});

after(() => {
	deck.dispose();
});

const byAlias = (alias: string) => accounts.find((account) => account.alias === alias) as Account;

test('reveal reads the secret, shows it, and masks it again after the reveal timeout', async () => {
	assert.equal(store.getState().vault.settings.revealTimeout, 10, 'the default is 10 s');
	await store.dispatch({type: 'settings-changed', settings: {revealTimeout: 1}});
	await store.dispatch({
		type: 'intent-requested',
		intent: {type: 'reveal-account', accountId: byAlias('prod').id},
	});
	const overlay = store.getState().ui.overlay;
	assert.equal(overlay?.kind, 'reveal');
	assert.equal(overlay?.kind === 'reveal' && overlay.secret, 'sk-prod_bbbbbbbbbbbbbbbbbbbbwxyz');
	await until(() => store.getState().ui.overlay === undefined || undefined, 'the re-mask');
	await store.dispatch({type: 'settings-changed', settings: {revealTimeout: 10}});
});

test('refresh says why an API-key account cannot refresh, without touching the network', async () => {
	await store.dispatch({
		type: 'intent-requested',
		intent: {type: 'refresh-account', accountId: byAlias('gpu').id},
	});
	assert.match(store.getState().ui.notice?.text ?? '', /gpu uses an API key: keys do not expire/);
});

test('a taken alias is refused inline; a free one is saved', async () => {
	await store.dispatch({
		type: 'overlay-opened',
		overlay: {
			kind: 'prompt',
			label: 'alias',
			value: 'gpu',
			purpose: 'alias',
			targetId: byAlias('gpu').id,
		},
	});
	await store.dispatch({
		type: 'intent-requested',
		intent: {type: 'rename-account', accountId: byAlias('gpu').id, alias: 'prod'},
	});
	assert.deepEqual(store.getState().ui.formError, {
		text: 'alias "prod" is already used by another account',
		field: 'alias',
	});
	assert.equal(store.getState().ui.overlay?.kind, 'prompt', 'the prompt stays open');
	await store.dispatch({
		type: 'intent-requested',
		intent: {type: 'rename-account', accountId: byAlias('gpu').id, alias: 'gpu-main'},
	});
	assert.equal(store.getState().ui.overlay, undefined);
	assert.ok(
		vault()
			.read()
			.accounts.some((account) => account.alias === 'gpu-main'),
	);
});

test('removing an account deletes its secret', async () => {
	await store.dispatch({
		type: 'intent-requested',
		intent: {type: 'remove-account', accountId: byAlias('client-a').id},
	});
	assert.match(store.getState().ui.notice?.text ?? '', /Removed client-a/);
	assert.ok(
		!vault()
			.read()
			.accounts.some((account) => account.alias === 'client-a'),
	);
	const secrets = fs.readFileSync(path.join(vault().configDir, 'secrets.json'), 'utf8');
	assert.ok(!secrets.includes('sk-stg_aaaa'));
});

test('the watcher picks up a change another process made', async () => {
	const stop = followVault(context);
	try {
		const other = new MetadataFile(vaultPaths(vault().env));
		await other.update((saved) => ({...saved, current: byAlias('gpu').id}));
		await until(
			() => store.getState().vault.current === byAlias('gpu').id || undefined,
			'the deck to see the switch',
			5000,
		);
	} finally {
		stop();
	}
});

test('errors name the field they are about', async () => {
	await store.dispatch({type: 'overlay-opened', overlay: {kind: 'wizard', target: 'account'}});
	const refused = async (values: Record<string, string>) => {
		const apiKey = 'sk-test_0123456789abcdefWXYZ';
		await store.dispatch({
			type: 'intent-requested',
			intent: {
				type: 'add-account',
				methodId: 'api-key',
				values: {provider: 'vapi', apiKey, ...values},
			},
		});
		return store.getState().ui.formError;
	};

	assert.match((await refused({alias: 'Bad Alias'}))?.text ?? '', /^invalid alias: /);
	assert.equal((await refused({alias: 'Bad Alias'}))?.field, 'alias');
	assert.deepEqual(await refused({email: 'x'}), {text: 'invalid email "x"', field: 'email'});
	assert.match(
		(await refused({apiKey: 'sk two'}))?.text ?? '',
		/^the key on stdin must be a single line/,
	);
	assert.equal((await refused({apiKey: 'sk two'}))?.field, 'apiKey');
	await store.dispatch({type: 'overlay-closed'});
});
