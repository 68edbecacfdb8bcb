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
import type {DeckIntent} from '../../../source/store/state.js';
import type {Store} from '../../../source/store/store.js';
import {StoreContext} from '../../../source/store/use-store.js';
import {useTempVault} from '../../helpers/cli.js';
import {answer, frameWith, press} from '../../helpers/ink.js';
import {until} from '../../helpers/wait.js';

// biome-ignore lint/correctness/useHookAtTopLevel: node:test hooks for the whole file, not React's
const vault = useTempVault('file', {scope: 'all'});
let context: Context;
let store: Store;
const effects = createDeckEffects();

before(async () => {
	await vault().seedSample();
	context = await vault().open({effects: effects.effects});
	store = context.store;
});

after(() => {
	effects.dispose();
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
		// The refused answer stays in its field, to be corrected; ctrl+u clears it as in a shell.
		await frameWith(instance, '› Bad Alias');
		instance.stdin.write('\u0015');
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
		// Not production: the wizard asks whether to guard it like production anyway.
		await frameWith(instance, '❯ no');
		press(instance, 'enter');
		await frameWith(instance, /Protected .*: no/);
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
		await frameWith(instance, /│ Protected /);
		press(instance, 'down');
		await frameWith(instance, '❯ yes, guard it like production');
		press(instance, 'enter');
		await frameWith(instance, /│ API key +│/);
		await answer(instance, 'sk-test_0123456789abcdefWXYZ', '*****');
		frame = await frameWith(instance, 'Added ann; it is now the current account');
		assert.match(frame, /current: ann \(vapi\)/);
		assert.ok(!frame.includes('0123456789'));
	} finally {
		instance.unmount();
	}

	const saved = vault()
		.read()
		.accounts.find((account) => account.alias === 'ann');
	assert.ok(saved, 'the account is saved');
	assert.equal(saved.email, 'ann@example.com');
	assert.equal(saved.environment, 'staging');
	assert.equal(saved.protected, true, 'the wizard marked it protected');
	assert.deepEqual(
		saved.organizations.map((org) => org.name),
		['Example Org'],
	);
	assert.equal(saved.secretHint, 'sk-test_****WXYZ');
	const secrets = fs.readFileSync(path.join(vault().configDir, 'secrets.json'), 'utf8');
	assert.ok(secrets.includes('sk-test_0123456789abcdefWXYZ'), 'the key is in the secret store');
	assert.ok(!JSON.stringify(vault().read()).includes('0123456789'), 'and not in the metadata');
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

	const credential = vault()
		.read()
		.credentials.find((c) => c.name === 'Webhook auth');
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
		await frameWith(instance, /▸ ★ ann/);
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
		() =>
			vault()
				.read()
				.accounts.some((account) => account.alias === 'ann-2') || undefined,
		'the rename on disk',
	);
});

type Instance = ReturnType<typeof deck>;

/** Walks down a choice list through `path`, one key a frame, and picks its last entry. */
async function pick(instance: Instance, ...path: string[]): Promise<void> {
	for (const [index, label] of path.entries()) {
		if (index > 0) press(instance, 'down');
		await frameWith(instance, `❯ ${label}`);
	}

	press(instance, 'enter');
}

/** Leaves each question empty (or its first choice) once the form asks it. */
async function skip(instance: Instance, ...questions: Array<string | RegExp>): Promise<void> {
	for (const question of questions) {
		await frameWith(instance, question);
		press(instance, 'enter');
	}
}

/** Opens the add-credential wizard of the current account and picks the type at `path`'s end. */
async function addCredentialOf(instance: Instance, ...path: string[]): Promise<void> {
	await frameWith(instance, '4 Credentials');
	press(instance, 'a');
	await pick(instance, 'Bearer token', ...path);
	await frameWith(instance, /│ Name +│/);
}

/** Dispatches a submission the way the form does, with values its own checks would not let through. */
async function submit(intent: DeckIntent): Promise<string | undefined> {
	await store.dispatch({type: 'intent-requested', intent});
	return store.getState().ui.formError?.field;
}

/** The question the form is on: its bold label, with no answer shown for it above. */
function asking(frame: string, label: string): boolean {
	return frame.includes(`│ ${label}`) && !frame.includes(`${label}: `);
}

const key = 'sk-test_0123456789abcdefWXYZ';

test('a refused save returns the account form to the field the error names: alias, email', async () => {
	await store.dispatch({type: 'overlay-closed'});
	await store.dispatch({type: 'panel-focused', panel: 'accounts'});
	const instance = deck();
	try {
		await frameWith(instance, '1 Accounts');
		press(instance, 'a');
		await pick(instance, 'Generic API key (api-key)', 'Vapi (vapi)');
		await pick(instance, 'API key (pasted, masked)');
		await skip(instance, 'Alias (optional)', 'Email (optional)', 'Organization (optional)');
		await skip(instance, /│ Environment +│/);
		await frameWith(instance, /│ API key +│/);

		const values = {provider: 'vapi', method: 'api-key', apiKey: key};
		const methodId = 'api-key';
		assert.equal(
			await submit({type: 'add-account', methodId, values: {...values, email: 'not-an-email'}}),
			'email',
		);
		let frame = await frameWith(instance, 'invalid email "not-an-email"');
		assert.ok(asking(frame, 'Email (optional)'), frame);
		assert.equal(
			await submit({type: 'add-account', methodId, values: {...values, alias: 'Bad Alias'}}),
			'alias',
		);
		frame = await frameWith(instance, 'invalid alias: an alias is 1-63 characters');
		assert.ok(asking(frame, 'Alias (optional)'), frame);
	} finally {
		instance.unmount();
	}
});

test('a refused save returns the credential form to the field the error names', async () => {
	await store.dispatch({type: 'overlay-closed'});
	await store.dispatch({type: 'panel-focused', panel: 'credentials'});
	const accountId = store.getState().vault.current ?? '';
	const instance = deck();
	try {
		await addCredentialOf(instance, 'OAuth 2.0 client credentials', 'HMAC signature');
		await answer(instance, 'Signing');
		await pick(instance, 'sha256');
		await skip(instance, 'Signature header (optional)', 'Timestamp header (optional)');
		await frameWith(instance, /│ Signing key +│/);

		const hmac = {type: 'hmac', name: 'Signing', secret: 'whsec-0123456789abcdef9f3a'};
		// Not the bearer credential's header name: the hmac form has none.
		assert.equal(
			await submit({
				type: 'add-credential',
				accountId,
				values: {...hmac, signatureHeader: 'bad header'},
			}),
			'signatureHeader',
		);
		let frame = await frameWith(instance, 'invalid signature header "bad header"');
		assert.ok(asking(frame, 'Signature header (optional)'), frame);
		// The credential's secret, not an account's API key.
		assert.equal(
			await submit({type: 'add-credential', accountId, values: {...hmac, secret: ' '}}),
			'secret',
		);
		frame = await frameWith(instance, 'no secret on stdin');
		assert.ok(asking(frame, 'Signing key'), frame);
		assert.match(frame, /Timestamp header: —/);

		press(instance, 'escape');
		await addCredentialOf(instance, 'OAuth 2.0 client credentials');
		await answer(instance, 'Client');
		await frameWith(instance, /│ Token URL +│/);
		await answer(instance, 'https://auth.example.com/token');
		await frameWith(instance, /│ Client id +│/);
		await answer(instance, 'client-1');
		await skip(instance, 'Scope (optional)');
		await frameWith(instance, /│ Client secret +│/);

		const oauth2 = {
			type: 'oauth2',
			name: 'Client',
			tokenUrl: 'https://auth.example.com/token',
			clientId: 'client-1',
			secret: 'cs-0123456789abcdef',
		};
		assert.equal(
			await submit({type: 'add-credential', accountId, values: {...oauth2, tokenUrl: 'not a url'}}),
			'tokenUrl',
		);
		frame = await frameWith(instance, 'invalid token URL "not a url"');
		assert.ok(asking(frame, 'Token URL'), frame);
		// A client secret must not travel in the clear: plain http only to a loopback test server.
		const plain = 'http://auth.example.com/token';
		assert.equal(
			await submit({type: 'add-credential', accountId, values: {...oauth2, tokenUrl: plain}}),
			'tokenUrl',
		);
		// The dialog is narrower than the deck: the message wraps inside it.
		frame = await frameWith(instance, /plain http:\/\/ is only[\s│─┘┐]+accepted on loopback/);
		assert.ok(asking(frame, 'Token URL'), frame);
		assert.equal(
			await submit({type: 'add-credential', accountId, values: {...oauth2, clientId: '\u0007'}}),
			'clientId',
		);
		frame = await frameWith(instance, 'invalid client id');
		assert.ok(asking(frame, 'Client id'), frame);
		assert.match(frame, /Token URL: https:\/\/auth\.example\.com\/token/);
	} finally {
		instance.unmount();
	}

	assert.ok(
		!vault()
			.read()
			.credentials.some((c) => c.name === 'Signing' || c.name === 'Client'),
	);
});
