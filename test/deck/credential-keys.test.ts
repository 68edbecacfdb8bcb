/**
 * The credentials panel's e (edit) and R (rotate): the keys open the form or a masked prompt for the
 * selected credential, and the deck's effects save on a real temporary vault: an edit leaves the
 * secret alone, a rotation keeps the previous secret for 24 h.
 */
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import type {Key} from 'ink';
import {createDeckEffects} from '../../source/deck/effects.js';
import {plain} from '../../source/deck/keys/split-keys.js';
import {resolveKey} from '../../source/deck/resolve-key.js';
import {editFields, editOf} from '../../source/deck/wizards/credential-edit-form.js';
import type {CredentialSecret} from '../../source/domain.js';
import {addCredential} from '../../source/services/credentials.js';
import type {Context} from '../../source/store/context.js';
import {useTempVault} from '../helpers/cli.js';
import {fixtureState} from '../helpers/fixtures.js';

const press = (input: string) =>
	resolveKey(
		fixtureState({focus: 'credentials'}),
		input,
		{...plain, shift: true} as Key,
		'2026-01-01T00:00:00.000Z',
	);

test('R on the credentials panel opens a masked prompt for the credential under the cursor', () => {
	const state = fixtureState({focus: 'credentials'});
	const [command] = press('R');
	const first = state.vault.credentials.find((c) => c.accountId === state.ui.selectedAccountId);
	assert.deepEqual(command, {
		type: 'overlay-opened',
		overlay: {
			kind: 'prompt',
			label: `New secret for ${first?.name} (masked; the previous one verifies for 24 h)`,
			value: '',
			purpose: 'rotate',
			targetId: first?.id,
		},
	});
});

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});
const deck = createDeckEffects();
let context: Context;

before(async () => {
	await vault().seedSample();
	context = await vault().open({effects: deck.effects});
});

after(() => deck.dispose());

test('the rotate intent replaces the secret and keeps the previous one for 24 h', async () => {
	const {store} = context;
	const accountId = store.getState().vault.accounts[0]?.id as string;
	const added = await addCredential(context, {
		accountId,
		name: 'deck-rotate',
		type: 'hmac',
		secret: 'old-secret-0123456789',
	});
	await store.dispatch({
		type: 'intent-requested',
		intent: {type: 'rotate-credential', credentialId: added.id, secret: 'new-secret-9876543210'},
	});
	assert.match(
		store.getState().ui.notice?.text ?? '',
		/^Rotated deck-rotate; the previous secret still verifies for 24h/,
	);
	const stored = JSON.parse(
		vault().fileSecrets()[`credential:${added.id}`] ?? '{}',
	) as CredentialSecret;
	assert.equal(stored.value, 'new-secret-9876543210');
	assert.equal(stored.previous?.value, 'old-secret-0123456789');
	const hours = (Date.parse(stored.previous?.until ?? '') - Date.now()) / 3_600_000;
	assert.ok(hours > 23.9 && hours <= 24, `${hours} h`);

	// The same secret again is refused inline, in the open prompt.
	await store.dispatch({
		type: 'intent-requested',
		intent: {type: 'rotate-credential', credentialId: added.id, secret: 'new-secret-9876543210'},
	});
	assert.match(store.getState().ui.formError?.text ?? '', /the one already in use/);
});

test('e opens the edit form; its answers become an edit of only what changed', async () => {
	const state = fixtureState({focus: 'credentials'});
	const first = state.vault.credentials.find((c) => c.accountId === state.ui.selectedAccountId);
	const [command] = resolveKey(state, 'e', plain, '2026-01-01T00:00:00.000Z');
	assert.deepEqual(command, {
		type: 'overlay-opened',
		overlay: {kind: 'wizard', target: 'credential-edit', credentialId: first?.id},
	});

	const {store} = context;
	const accountId = store.getState().vault.accounts[0]?.id as string;
	const added = await addCredential(context, {
		accountId,
		name: 'deck-edit',
		type: 'bearer',
		secret: 'bearer-secret-0123456789',
		usedBy: ['asst_1'],
	});
	const fields = editFields(added).map((field) => field.id);
	assert.deepEqual(fields, ['name', 'headerName', 'bearerPrefix', 'usedBy']);
	const values = {
		name: '',
		headerName: 'X-Vapi-Secret',
		bearerPrefix: 'no',
		usedBy: 'asst_2, https://x.test',
	};
	assert.deepEqual(
		Object.fromEntries(Object.entries(editOf(added, values)).filter(([, v]) => v !== undefined)),
		{headerName: 'X-Vapi-Secret', bearerPrefix: false, usedBy: ['asst_2', 'https://x.test']},
	);
	const before = vault().fileSecrets()[`credential:${added.id}`];
	await store.dispatch({
		type: 'intent-requested',
		intent: {type: 'edit-credential', credentialId: added.id, values},
	});
	assert.match(store.getState().ui.notice?.text ?? '', /^Saved deck-edit; its secret is unchanged/);
	const saved = store.getState().vault.credentials.find((c) => c.id === added.id);
	assert.deepEqual(saved?.settings, {
		type: 'bearer',
		headerName: 'X-Vapi-Secret',
		bearerPrefix: false,
	});
	assert.deepEqual(saved?.usedBy, ['asst_2', 'https://x.test']);
	assert.equal(vault().fileSecrets()[`credential:${added.id}`], before, 'the secret is untouched');

	await store.dispatch({
		type: 'intent-requested',
		intent: {type: 'edit-credential', credentialId: added.id, values: {headerName: 'bad header'}},
	});
	assert.match(store.getState().ui.formError?.text ?? '', /invalid header name/);
});
