import {findProvider} from '../../auth/providers.js';
import {type Account, type Credential, isGuarded} from '../../domain.js';
import {needsRotation} from '../../lib/duration.js';
import type {Action} from '../../store/actions.js';
import {orgIdInUse, profileInUse, profileNames} from '../../store/profiles.js';
import {
	credentialsOf,
	findAccount,
	selectedAccount,
	visibleAccounts,
} from '../../store/selectors.js';
import type {ConfirmIntent, DeckIntent, State} from '../../store/state.js';
import {onCatalogRow, signInFromCatalog, whyNoCatalogSignIn} from './catalog-keys.js';
import {type Binding, bind, open, type Scope} from './define.js';
import {globalBindings} from './global.js';

const intent = (value: DeckIntent): Action => ({type: 'intent-requested', intent: value});

/** Asks `message` first; `onConfirm` runs only on yes. */
const confirm = (message: string, onConfirm: ConfirmIntent): Action =>
	open({kind: 'confirm', message, onConfirm});

/** Asks first; for a production or protected account, by having its alias typed. */
const confirmAccount = (target: Account, message: string, onConfirm: ConfirmIntent): Action =>
	isGuarded(target)
		? open({
				kind: 'type-confirm',
				message,
				alias: target.alias,
				why: `${target.alias} is a ${target.environment === 'production' ? 'production' : 'protected'} account.`,
				onConfirm,
				typed: '',
			})
		: confirm(message, onConfirm);

/**
 * The account a key acts on: the row under the cursor in the expiry panel, else the selected
 * account. The expiry panel lists what the accounts panel lists (the filter applies), so the cursor
 * indexes that same list.
 */
function targetAccount(state: State): Account | undefined {
	if (state.ui.focus === 'expiry') {
		return visibleAccounts(state)[state.ui.cursor.expiry];
	}

	return selectedAccount(state);
}

/** The credential under the cursor in the credentials panel. */
function targetCredential(state: State): Credential | undefined {
	return credentialsOf(state.vault, selectedAccount(state)?.id)[state.ui.cursor.credentials];
}

// `disabled` runs first, so the `run`s below may take their target as there.
const account = (state: State) => targetAccount(state) as Account;
const credential = (state: State) => targetCredential(state) as Credential;
/** Why no account is under the cursor, in words that say what to do. */
const whyNoAccount = (state: State) =>
	state.vault.accounts.length === 0
		? 'no account yet: press a to add one'
		: state.ui.filter
			? 'no account matches the filter: esc clears it'
			: 'there is no account here';
const noAccount = (state: State) =>
	onCatalogRow(state) ?? (targetAccount(state) ? undefined : whyNoAccount(state));
const noCredential = (state: State) =>
	noAccount(state) ?? (targetCredential(state) ? undefined : 'this account has no credentials');
const noOrganization = (state: State) =>
	noAccount(state) ??
	((targetAccount(state)?.organizations.length ?? 0) > 0
		? undefined
		: 'this account has no organizations');

/** An API key past its rotation age, at a provider whose API can make and delete keys. */
function rotationOffered(state: State, target: Account): boolean {
	return (
		target.method === 'api-key' &&
		needsRotation(target.keyCreatedAt, Date.now()) &&
		findProvider(state.vault, target.providerId)?.api?.keys !== undefined
	);
}

const onAccounts: Scope = ['accounts'];
const onAccountRows: Scope = ['accounts', 'expiry'];

/** Said in the removal's confirmation: what still uses the credential. */
function usedByWarning(found: {readonly usedBy: readonly string[]}): string {
	const [first, ...rest] = found.usedBy;
	if (!first) {
		return '';
	}

	const more = rest.length > 0 ? ` and ${rest.length} more` : '';
	return ` It is used by ${first}${more}; they stop authenticating.`;
}

/** The keys of the four panels. Order is the order of the footer and the help overlay. */
export const panelBindings: readonly Binding[] = [
	bind({
		keys: ['enter'],
		action: 'switch-account',
		scope: onAccounts,
		footer: 'switch',
		description:
			'Switch to the selected account (persisted at once); on a row not signed in yet, sign in with its catalogue fields',
		disabled: (state) =>
			onCatalogRow(state)
				? whyNoCatalogSignIn(state)
				: (noAccount(state) ??
					(selectedAccount(state)?.id === state.vault.current
						? 'this is already the current account'
						: undefined)),
		run: (state, {now}) =>
			onCatalogRow(state)
				? signInFromCatalog(state)
				: [{type: 'account-switched', accountId: account(state).id, at: now}],
	}),
	bind({
		keys: ['enter', 'o'],
		action: 'choose-organization',
		scope: ['organization'],
		footer: 'use org',
		description: 'Make the organization under the cursor the active one',
		disabled: (state) =>
			selectedAccount(state)?.organizations[state.ui.cursor.organization]
				? undefined
				: 'this account has no organizations',
		run(state) {
			const {id, organizations} = selectedAccount(state) as Account;
			const org = organizations[state.ui.cursor.organization];
			return org ? [{type: 'organization-switched', accountId: id, orgId: org.id}] : [];
		},
	}),
	bind({
		keys: ['-'],
		action: 'switch-back',
		scope: 'global',
		footer: 'back',
		description: 'Switch back to the previous account',
		disabled: (state) =>
			findAccount(state.vault, state.vault.previous)
				? undefined
				: 'there is no previous account to switch back to',
		run: (_state, {now}) => [{type: 'switched-back', at: now}],
	}),
	bind({
		keys: ['p'],
		action: 'pick-profile',
		scope: 'global',
		footer: 'profile',
		description: 'Switch profile: pick one, and every provider switches to its accounts',
		run: ({vault}) => {
			const names = profileNames(vault);
			const index = Math.max(0, names.indexOf(profileInUse(vault)));
			return [open({kind: 'profiles', names, index})];
		},
	}),
	bind({
		keys: ['a'],
		action: 'add-account',
		scope: onAccounts,
		footer: 'add',
		description: 'Add an account (provider, method, alias, email, organization, key)',
		run: () => [open({kind: 'wizard', target: 'account'})],
	}),
	bind({
		keys: ['a'],
		action: 'add-credential',
		scope: ['credentials'],
		footer: 'add',
		description: 'Add a credential (bearer, OAuth 2.0 client credentials, HMAC)',
		disabled: (state) => (selectedAccount(state) ? undefined : 'add an account first'),
		run: () => [open({kind: 'wizard', target: 'credential'})],
	}),
	bind({
		keys: ['e'],
		action: 'edit-alias',
		scope: onAccountRows,
		footer: 'alias',
		description: "Edit the account's alias",
		disabled: noAccount,
		run: (state) => {
			const {alias, id} = account(state);
			const label = `New alias for ${alias}`;
			return [open({kind: 'prompt', label, value: alias, purpose: 'alias', targetId: id})];
		},
	}),
	bind({
		keys: ['o'],
		action: 'organizations',
		scope: onAccountRows,
		footer: 'org',
		description: 'Switch organization: go to the organizations of the selected account',
		disabled: noOrganization,
		run(state) {
			const chosen = account(state);
			const {id, organizations} = chosen;
			const inUse = orgIdInUse(state.vault, chosen);
			const index = Math.max(
				0,
				organizations.findIndex((org) => org.id === inUse),
			);
			return [
				{type: 'account-selected', accountId: id},
				{type: 'panel-focused', panel: 'organization'},
				{type: 'cursor-moved', step: index},
			];
		},
	}),
	bind({
		keys: ['r'],
		action: 'refresh-token',
		scope: onAccountRows,
		footer: 'refresh',
		description:
			"Refresh the account's token; on an API key past its rotation age, offer to rotate it at the provider",
		disabled: noAccount,
		run: (state) => {
			const target = account(state);
			return rotationOffered(state, target)
				? [
						confirmAccount(
							target,
							`Rotate ${target.alias}'s key at the provider? A new key is made, checked and stored; then the old one is deleted`,
							{type: 'rotate-key', accountId: target.id},
						),
					]
				: [intent({type: 'refresh-account', accountId: target.id})];
		},
	}),
	bind({
		keys: ['s'],
		action: 'reveal-account',
		scope: onAccountRows,
		footer: 'reveal',
		description: 'Reveal the secret after a confirmation; masked again after the reveal timeout',
		disabled: noAccount,
		run: (state) => [
			confirmAccount(account(state), `Show the secret of ${account(state).alias} on screen?`, {
				type: 'reveal-account',
				accountId: account(state).id,
			}),
		],
	}),
	bind({
		keys: ['s'],
		action: 'reveal-credential',
		scope: ['credentials'],
		footer: 'reveal',
		description: "Reveal the credential's secret after a confirmation",
		disabled: noCredential,
		run: (state) => [
			confirm(`Show the secret of credential ${credential(state).name} on screen?`, {
				type: 'reveal-credential',
				credentialId: credential(state).id,
			}),
		],
	}),
	bind({
		keys: ['d'],
		action: 'remove-account',
		scope: onAccountRows,
		footer: 'remove',
		dangerous: true,
		description: 'Remove the account and delete its secrets (asks first)',
		disabled: noAccount,
		run: (state) => [
			confirmAccount(account(state), `Remove ${account(state).alias} and delete its secrets?`, {
				type: 'remove-account',
				accountId: account(state).id,
			}),
		],
	}),
	bind({
		keys: ['d'],
		action: 'remove-credential',
		scope: ['credentials'],
		footer: 'remove',
		dangerous: true,
		description: 'Remove the credential and delete its secret (asks first)',
		disabled: noCredential,
		run: (state) => [
			confirm(`Remove credential ${credential(state).name}?${usedByWarning(credential(state))}`, {
				type: 'remove-credential',
				credentialId: credential(state).id,
			}),
		],
	}),
	bind({
		keys: ['/'],
		action: 'filter',
		scope: 'global',
		footer: 'filter',
		description: 'Filter accounts by alias, email or organization as you type',
		run: () => [{type: 'filter-started'}],
	}),
	...globalBindings,
];
