/**
 * The add-account and add-credential wizards on a real (temporary) vault: the deck's own store and
 * effects, so the account is validated and saved exactly as `login --with-token` does it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {render} from 'ink-testing-library';
import {App} from '../../../source/deck/app.js';
import {createDeckEffects} from '../../../source/deck/effects.js';
import type {Context} from '../../../source/store/context.js';
import type {Store} from '../../../source/store/store.js';
import {StoreContext} from '../../../source/store/use-store.js';
import {seedSample, type TempVault, tempVault} from '../../helpers/deck-vault.js';
import {answer, frameWith, press} from '../../helpers/ink.js';
import {until} from '../../helpers/wait.js';

let vault: TempVault;
let context: Context;
let store: Store;
const effects = createDeckEffects();

before(async () => {
	vault = tempVault();
	await seedSample(vault);
	context = await vault.open({effects: effects.effects});
	store = context.store;
});

after(() => {
	effects.dispose();
	vault.remove();
});

function deck() {
	return render(
		<StoreContext.Provider value={store}>
			<App />
		</StoreContext.Provider>,
	);
}

test('adds an API-key account: provider and method chosen, inputs, masked key, inline errors', async () => {
	const instance = deck();
	try {
		await frameWith(instance, '1 Accounts');
		press(instance, 'a');
		await frameWith(instance, 'Add an account');
		await frameWith(instance, '❯ Generic API key (api-key)');
		press(instance, 'down');
		await frameWith(instance, '❯ Vapi (vapi)');
		press(instance, 'enter');
		await frameWith(instance, 'Provider: Vapi (vapi)');
		await frameWith(instance, '❯ API key (pasted, masked)');
		press(instance, 'enter');
		await frameWith(instance, 'Alias (optional)');

		// An invalid alias is refused inline and asked again.
		await answer(instance, 'Bad Alias');
		await frameWith(instance, 'invalid alias: an alias is 1-63 characters');
		// The refused answer is cleared: the input shows its placeholder again.
		await frameWith(instance, '› e.g. prod');
		await answer(instance, 'prod', '› prod');
		await frameWith(instance, 'Alias: prod');
		await answer(instance, 'ann@example.com');
		await frameWith(instance, 'Organization (optional)');
		await answer(instance, 'Example Org');
		await frameWith(instance, '❯ production');
		press(instance, 'down');
		await frameWith(instance, '❯ staging');
		press(instance, 'enter');
		await frameWith(instance, 'Environment: staging');
		instance.stdin.write('sk-test_0123456789abcdefWXYZ');
		let frame = await frameWith(instance, '*****');
		assert.ok(!frame.includes('0123456789'), 'the key is masked while typed');
		press(instance, 'enter');

		// "prod" is taken (by the seeded account): the save is refused and the form returns to the alias.
		frame = await frameWith(instance, 'is already used by another account');
		assert.match(frame, /Alias \(optional\)/);
		for (let index = 0; index < 4; index++) press(instance, 'backspace');
		await answer(instance, 'ann', '› ann');
		await frameWith(instance, 'Email (optional)');
		press(instance, 'enter');
		await frameWith(instance, 'Organization (optional)');
		press(instance, 'enter');
		await frameWith(instance, /│ Environment +│/);
		press(instance, 'enter');
		await frameWith(instance, /│ API key +│/);
		await answer(instance, 'sk-test_0123456789abcdefWXYZ', '*****');
		frame = await frameWith(instance, 'Added ann; it is now the current account');
		assert.match(frame, /current: ann \(vapi\)/);
		assert.ok(!frame.includes('0123456789'));
	} finally {
		instance.unmount();
	}

	const saved = vault.read().accounts.find((account) => account.alias === 'ann');
	assert.ok(saved, 'the account is saved');
	assert.equal(saved.email, 'ann@example.com');
	assert.equal(saved.environment, 'staging');
	assert.deepEqual(
		saved.organizations.map((org) => org.name),
		['Example Org'],
	);
	assert.equal(saved.secretHint, 'sk-test_****WXYZ');
	const secrets = fs.readFileSync(path.join(vault.dir, 'secrets.json'), 'utf8');
	assert.ok(secrets.includes('sk-test_0123456789abcdefWXYZ'), 'the key is in the secret store');
	assert.ok(!JSON.stringify(vault.read()).includes('0123456789'), 'and not in the metadata');
});

test('adds a bearer credential to the selected account; esc cancels a wizard', async () => {
	await store.dispatch({type: 'overlay-closed'});
	const instance = deck();
	try {
		await frameWith(instance, '1 Accounts');
		press(instance, '4');
		await frameWith(instance, 'a add');
		press(instance, 'a');
		await frameWith(instance, 'Add a credential to ann');
		press(instance, 'escape');
		await frameWith(instance, '4 Credentials (ann)');
		press(instance, 'a');
		await frameWith(instance, '❯ Bearer token');
		press(instance, 'enter');
		await frameWith(instance, 'Name');
		await answer(instance, 'Webhook auth');
		await frameWith(instance, 'Header name (optional)');
		await answer(instance, 'X-Vapi-Secret');
		await frameWith(instance, '❯ yes');
		press(instance, 'down');
		await frameWith(instance, '❯ no');
		press(instance, 'enter');
		await frameWith(instance, 'Token');
		await answer(instance, 'whsec-0123456789abcdef9f3a', '*****');
		const frame = await frameWith(instance, 'Added credential Webhook auth');
		assert.match(frame, /Webhook auth +bearer +X-Vapi-Secret \(.* +\*\*\*\*9f3a/);
	} finally {
		instance.unmount();
	}

	const credential = vault.read().credentials.find((c) => c.name === 'Webhook auth');
	assert.deepEqual(credential?.settings, {
		type: 'bearer',
		headerName: 'X-Vapi-Secret',
		bearerPrefix: false,
	});
});

test('e edits the alias: a taken one is refused inline, a free one is saved', async () => {
	await store.dispatch({type: 'overlay-closed'});
	await store.dispatch({type: 'panel-focused', panel: 'accounts'});
	const instance = deck();
	try {
		await frameWith(instance, /▸ ✓ ann/);
		press(instance, 'e');
		await frameWith(instance, 'New alias for ann');
		await frameWith(instance, '› ann');
		for (let index = 0; index < 3; index++) press(instance, 'backspace');
		await answer(instance, 'gpu', '› gpu');
		await frameWith(instance, 'alias "gpu" is already used by another account');
		press(instance, 'backspace');
		press(instance, 'backspace');
		press(instance, 'backspace');
		await answer(instance, 'ann-2', '› ann-2');
		const frame = await frameWith(instance, 'current: ann-2 (vapi)');
		assert.match(frame, /1 Accounts/);
	} finally {
		instance.unmount();
	}

	// The deck shows the rename at once; the save under the lock follows.
	await until(
		() => vault.read().accounts.some((account) => account.alias === 'ann-2') || undefined,
		'the rename on disk',
	);
});
