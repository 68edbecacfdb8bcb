/**
 * A team catalogue's rows not signed in yet, in the deck: listed under their provider after its
 * accounts with the catalogue's mark, counted, filtered, moved over; enter opens the wizard on the
 * template; the keys that need an account say why in one line.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Key} from 'ink';
import {render} from 'ink-testing-library';
import {plain} from '../../../source/deck/keys/split-keys.js';
import {AccountsPanel} from '../../../source/deck/panels/accounts.js';
import {CredentialsPanel} from '../../../source/deck/panels/credentials.js';
import {ExpiryPanel} from '../../../source/deck/panels/expiry.js';
import {OrganizationPanel} from '../../../source/deck/panels/organization.js';
import {resolveKey} from '../../../source/deck/resolve-key.js';
import type {Catalog} from '../../../source/domain/catalog.js';
import type {Action} from '../../../source/store/actions.js';
import {deckEntries, selectedEntryId} from '../../../source/store/deck-entries.js';
import {reducer} from '../../../source/store/reducer.js';
import {selectedAccount} from '../../../source/store/selectors.js';
import type {State} from '../../../source/store/state.js';
import {createStore} from '../../../source/store/store.js';
import {StoreContext} from '../../../source/store/use-store.js';
import {fixtureState, fixtureVault} from '../../helpers/fixtures.js';

const acme: Catalog = {
	name: 'acme',
	url: '/srv/acme.git',
	entries: {
		providers: [],
		accounts: [
			// `prod` is a local alias (of vapi): shown as acme/prod, signed in as acme-prod.
			{
				alias: 'prod',
				provider: 'vast',
				email: 'ops@acme.com',
				organization: {id: 'org_acme', name: 'Acme Prod'},
				baseUrl: 'https://api.acme.test',
				protected: true,
			},
			{alias: 'qa', provider: 'vapi', email: '*@acme.com', environment: 'staging'},
			{alias: 'sso', provider: 'acme-sso'},
			{alias: 'ghost', provider: 'nowhere'},
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

const vault = fixtureVault({
	catalogs: {list: [acme]},
	providers: [
		{
			id: 'acme-sso',
			name: 'Acme SSO',
			kind: 'oidc',
			issuer: 'https://id.acme.test',
			clientId: 'deck',
			envVars: ['ACME_TOKEN'],
		},
	],
});

const rowId = (alias: string) => `catalog:acme/${alias}`;
const state = (ui: Partial<State['ui']> = {}) => fixtureState(ui, vault);
const now = '2026-01-01T00:00:00.000Z';
const key = (s: State, input: string, k: Partial<Key> = {}) =>
	resolveKey(s, input, {...plain, ...k}, now).filter((c): c is Action => c !== 'quit');
const apply = (s: State, ...actions: readonly unknown[]) =>
	actions.reduce<State>((next, action) => reducer(next, action as Action), s);

function frameOf(element: React.ReactElement, s: State): string {
	const instance = render(
		<StoreContext.Provider value={createStore(s)}>{element}</StoreContext.Provider>,
	);
	const frame = instance.lastFrame() ?? '';
	instance.unmount();
	return frame;
}

test('rows not signed in yet sit under their provider, after its accounts, marked ○ with the catalogue', () => {
	const frame = frameOf(<AccountsPanel width={60} height={24} focused />, state());
	const lines = frame.split('\n');
	const at = (text: string) => lines.findIndex((line) => line.includes(text));
	assert.ok(at('client-a') < at('○ qa') && at('★ prod') < at('○ qa'), frame);
	assert.ok(at('○ qa') < at('Vantage (vantage)'), 'in the vapi group, before the next one');
	assert.ok(at('gpu') < at('acme/prod') && at('Vast.ai (vast)') < at('gpu'));
	assert.match(lines[at('acme/prod')] ?? '', /○ acme\/prod +not signed in yet · acme +PROD/);
	assert.match(lines[at('○ qa')] ?? '', /not signed in yet · acme +STG/);
	assert.ok(at('Acme SSO (acme-sso)') > at('Vast.ai (vast)'), 'a provider of its own, in order');
	assert.match(frame, /nowhere \(nowhere\)/, 'an unknown provider is still its own group');
	assert.match(frame, /5 accounts \+ 4 to sign in/, 'counted, and said not to be accounts');
});

test('the cursor moves over them; no account is selected on one; the filter matches them', () => {
	let s = apply(state(), {type: 'cursor-moved', step: 1});
	assert.equal(selectedEntryId(s), rowId('qa'));
	assert.equal(selectedAccount(s), undefined, 'the org and credentials panels show no account');
	s = apply(s, {type: 'cursor-moved', step: 4});
	assert.equal(selectedEntryId(s), rowId('prod'));
	assert.equal(deckEntries(s).length, 9, 'five accounts and four rows');
	assert.match(
		frameOf(<AccountsPanel width={42} height={8} focused />, s),
		/7\/9/,
		'the place counts rows and accounts',
	);
	s = apply(s, {type: 'filter-started'}, {type: 'filter-changed', filter: 'acme.com'});
	assert.deepEqual(
		deckEntries(s).map((entry) => entry.id),
		[rowId('qa'), 'accthpcmain', 'acctsoon01', rowId('prod')],
		'by email (pattern included) as accounts are',
	);
	assert.equal(selectedEntryId(s), rowId('prod'), 'the selection stays on a listed row');
});

test('the other panels say it is not signed in yet and that enter signs in', () => {
	const s = state({selectedAccountId: rowId('prod')});
	assert.match(
		frameOf(<OrganizationPanel width={90} height={6} focused={false} />, s),
		/acme\/prod: not signed in yet: press enter to sign in \(organization Acme Prod\)/,
	);
	assert.match(
		frameOf(<CredentialsPanel width={100} height={6} focused={false} />, s),
		/press enter to sign in \(acme defines 1 credential for it\)/,
	);
	const expiry = frameOf(<ExpiryPanel width={80} height={14} focused={false} />, s);
	assert.match(expiry, /acme\/prod +○ not signed in yet: press enter to sign in · acme/);
	assert.match(
		frameOf(<AccountsPanel width={60} height={24} focused />, s),
		/enter: sign in as acme-prod · https:\/\/api\.acme\.test/,
	);
});

test('enter on an API-key template opens the wizard at the key with every field given', () => {
	const [opened] = key(state({selectedAccountId: rowId('prod')}), '', {return: true});
	assert.deepEqual(opened, {
		type: 'overlay-opened',
		overlay: {
			kind: 'wizard',
			target: 'account',
			prefill: {
				title: 'Sign in to acme/prod (from catalogue acme)',
				// The row it came from: the template's setup follows the sign-in.
				from: {catalog: 'acme', template: 'prod'},
				values: {
					provider: 'vast',
					method: 'api-key',
					alias: 'acme-prod',
					environment: 'production',
					protected: 'true',
					email: 'ops@acme.com',
					orgName: 'Acme Prod',
					orgId: 'org_acme',
					baseUrl: 'https://api.acme.test',
				},
			},
		},
	});
	const [qa] = key(state({selectedAccountId: rowId('qa')}), '', {return: true});
	const values =
		qa?.type === 'overlay-opened' && qa.overlay.kind === 'wizard' ? qa.overlay.prefill?.values : {};
	assert.equal(values?.email, '', 'an email pattern is nobody’s address: left empty, not asked');
	assert.equal(values?.protected, 'false');
});

test('enter on an OpenID template leaves the method (browser or device) to choose', () => {
	const [opened] = key(state({selectedAccountId: rowId('sso')}), '', {return: true});
	assert.ok(opened?.type === 'overlay-opened' && opened.overlay.kind === 'wizard');
	assert.deepEqual(opened.overlay.prefill?.values, {
		provider: 'acme-sso',
		alias: 'sso',
		environment: 'production',
	});
});

test('an unknown provider, and the keys that need an account, say so in one line', () => {
	const [ghost] = key(state({selectedAccountId: rowId('ghost')}), '', {return: true});
	assert.deepEqual(ghost, {
		type: 'notice-shown',
		notice: {
			level: 'warning',
			text: 'ghost: provider nowhere is not known here; add it first (authdeck provider add nowhere)',
		},
	});
	const defines: Catalog = {
		...acme,
		entries: {
			...acme.entries,
			providers: [{id: 'nowhere', name: 'Nowhere', kind: 'api-key', envVars: ['NOWHERE_KEY']}],
		},
	};
	const [defined] = key(
		fixtureState({selectedAccountId: rowId('ghost')}, {...vault, catalogs: {list: [defines]}}),
		'',
		{return: true},
	);
	// A provider the catalogue itself defines is known (allProviders): enter opens the wizard.
	assert.ok(defined?.type === 'overlay-opened' && defined.overlay.kind === 'wizard');
	assert.equal(defined.overlay.prefill?.values.provider, 'nowhere');
	const on = state({selectedAccountId: rowId('prod')});
	for (const input of ['s', 'r', 'o', 'e', 'd']) {
		const [notice] = key(on, input);
		assert.ok(notice?.type === 'notice-shown', input);
		assert.equal(
			notice.notice.text,
			'acme/prod is not signed in yet (catalogue acme): this key needs an account; press enter to sign in',
		);
	}

	// In the expiry panel the cursor goes past the accounts onto the rows, and enter signs in there.
	const expiry = apply(state({focus: 'expiry'}), {type: 'cursor-moved', step: 5});
	assert.equal(expiry.ui.cursor.expiry, 5, 'the first row after the five accounts: acme/prod');
	const [opened] = key(expiry, '', {return: true});
	assert.ok(opened?.type === 'overlay-opened' && opened.overlay.kind === 'wizard');
	assert.equal(opened.overlay.prefill?.values.alias, 'acme-prod');
	assert.equal(key(expiry, 'r')[0]?.type, 'notice-shown');
});

test('signed in from another shell, the selected row gives way to its account, which is selected', () => {
	const s = state({selectedAccountId: rowId('prod')});
	const gpu = vault.accounts.find((account) => account.alias === 'gpu');
	assert.ok(gpu);
	const signed = {...gpu, id: 'acctacmeprod', alias: 'acme-prod'};
	const next = apply(s, {
		type: 'vault-loaded',
		vault: {...vault, accounts: [...vault.accounts, signed]},
	});
	assert.equal(next.ui.selectedAccountId, 'acctacmeprod');
	assert.equal(selectedAccount(next)?.alias, 'acme-prod');
	assert.ok(!deckEntries(next).some((entry) => entry.id === rowId('prod')), 'the row is gone');
	// Another row selected stays selected.
	const other = apply(state({selectedAccountId: rowId('qa')}), {
		type: 'vault-loaded',
		vault: next.vault,
	});
	assert.equal(other.ui.selectedAccountId, rowId('qa'));
});
