import type {Action} from '../store/actions.js';
import {credentialsOf, findAccount, selectedAccount, sortedAccounts} from '../store/selectors.js';
import type {
	Account,
	ConfirmIntent,
	Credential,
	DeckIntent,
	PanelId,
	State,
} from '../store/state.js';
import {panels} from '../store/state.js';

/** What a key does: actions to dispatch, or quitting the deck. */
export type Command = Action | 'quit';

/** Where a binding applies: everywhere, or on the named panels only. */
export type Scope = 'global' | readonly PanelId[];

/** One key binding, as data: the footer, the `?` overlay and the readme's table are printed from these. */
export type Binding = {
	/** Key names as `keyName` spells them: `q`, `ctrl+c`, `shift+tab`, `up`, `enter`, `escape`. */
	readonly keys: readonly string[];
	/** A stable name for what the binding does. */
	readonly action: string;
	readonly scope: Scope;
	/** One line for the help overlay and the readme. */
	readonly description: string;
	/** A word or two for the footer. */
	readonly short: string;
	/** Shown in the footer when its panel has the focus. */
	readonly footer: boolean;
	/** Destroys something; always asks first. */
	readonly dangerous: boolean;
	/** Why the binding does nothing now (shown as a notice), or undefined when it applies. */
	readonly disabled?: (state: State) => string | undefined;
	/** The commands the key produces. Pure: the time comes in as `now`. */
	readonly run: (state: State, input: KeyInput) => readonly Command[];
};

export type KeyInput = {
	/** The key's name, e.g. `3` for the panel keys. */
	readonly key: string;
	/** The time of the key press (ISO), for actions that record it. */
	readonly now: string;
};

const intent = (value: DeckIntent): Action => ({type: 'intent-requested', intent: value});

/** Asks `message` first; `onConfirm` runs only on yes. */
const confirm = (message: string, onConfirm: ConfirmIntent): Action => ({
	type: 'overlay-opened',
	overlay: {kind: 'confirm', message, onConfirm},
});

/** The account a key acts on: the row under the cursor in the expiry panel, else the selected account. */
export function targetAccount(state: State): Account | undefined {
	if (state.ui.focus === 'expiry') {
		return sortedAccounts(state.vault)[state.ui.cursor.expiry];
	}

	return selectedAccount(state);
}

/** The credential under the cursor in the credentials panel. */
export function targetCredential(state: State): Credential | undefined {
	return credentialsOf(state.vault, selectedAccount(state)?.id)[state.ui.cursor.credentials];
}

const noAccount = (state: State) => (targetAccount(state) ? undefined : 'there is no account here');
const noCredential = (state: State) =>
	targetCredential(state) ? undefined : 'this account has no credentials';

const onAccounts: Scope = ['accounts'];
const onAccountRows: Scope = ['accounts', 'expiry'];

/** Every binding of the deck. Order is the order of the footer and the help overlay. */
export const bindings: readonly Binding[] = [
	{
		keys: ['enter'],
		action: 'switch-account',
		scope: onAccounts,
		description: 'Switch to the selected account (persisted at once)',
		short: 'switch',
		footer: true,
		dangerous: false,
		disabled: (state) =>
			noAccount(state) ??
			(selectedAccount(state)?.id === state.vault.current
				? 'this is already the current account'
				: undefined),
		run: (state, {now}) => [
			{type: 'account-switched', accountId: selectedAccount(state)?.id as string, at: now},
		],
	},
	{
		keys: ['enter', 'o'],
		action: 'choose-organization',
		scope: ['organization'],
		description: 'Make the organization under the cursor the active one',
		short: 'use org',
		footer: true,
		dangerous: false,
		disabled: (state) =>
			selectedAccount(state)?.organizations[state.ui.cursor.organization]
				? undefined
				: 'this account has no organizations',
		run(state) {
			const account = selectedAccount(state) as Account;
			const org = account.organizations[state.ui.cursor.organization];
			return org ? [{type: 'organization-switched', accountId: account.id, orgId: org.id}] : [];
		},
	},
	{
		keys: ['-'],
		action: 'switch-back',
		scope: 'global',
		description: 'Switch back to the previous account',
		short: 'back',
		footer: true,
		dangerous: false,
		disabled: (state) =>
			findAccount(state.vault, state.vault.previous)
				? undefined
				: 'there is no previous account to switch back to',
		run: (_state, {now}) => [{type: 'switched-back', at: now}],
	},
	{
		keys: ['a'],
		action: 'add-account',
		scope: onAccounts,
		description: 'Add an account (provider, method, alias, email, organization, key)',
		short: 'add',
		footer: true,
		dangerous: false,
		run: () => [{type: 'overlay-opened', overlay: {kind: 'wizard', target: 'account'}}],
	},
	{
		keys: ['a'],
		action: 'add-credential',
		scope: ['credentials'],
		description: 'Add a credential (bearer, OAuth 2.0 client credentials, HMAC)',
		short: 'add',
		footer: true,
		dangerous: false,
		disabled: (state) => (selectedAccount(state) ? undefined : 'add an account first'),
		run: () => [{type: 'overlay-opened', overlay: {kind: 'wizard', target: 'credential'}}],
	},
	{
		keys: ['e'],
		action: 'edit-alias',
		scope: onAccountRows,
		description: "Edit the account's alias",
		short: 'alias',
		footer: true,
		dangerous: false,
		disabled: noAccount,
		run(state) {
			const account = targetAccount(state) as Account;
			return [
				{
					type: 'overlay-opened',
					overlay: {
						kind: 'prompt',
						label: `New alias for ${account.alias}`,
						value: account.alias,
						purpose: 'alias',
						targetId: account.id,
					},
				},
			];
		},
	},
	{
		keys: ['o'],
		action: 'organizations',
		scope: onAccountRows,
		description: 'Switch organization: go to the organizations of the selected account',
		short: 'org',
		footer: true,
		dangerous: false,
		disabled: (state) =>
			(targetAccount(state)?.organizations.length ?? 0) > 0
				? undefined
				: 'this account has no organizations',
		run(state) {
			const account = targetAccount(state) as Account;
			const index = Math.max(
				0,
				account.organizations.findIndex((org) => org.id === account.activeOrgId),
			);
			return [
				{type: 'account-selected', accountId: account.id},
				{type: 'panel-focused', panel: 'organization'},
				{type: 'cursor-moved', step: index},
			];
		},
	},
	{
		keys: ['r'],
		action: 'refresh-token',
		scope: onAccountRows,
		description: "Refresh the account's token (says why when it cannot)",
		short: 'refresh',
		footer: true,
		dangerous: false,
		disabled: noAccount,
		run: (state) => [
			intent({type: 'refresh-account', accountId: (targetAccount(state) as Account).id}),
		],
	},
	{
		keys: ['s'],
		action: 'reveal-account',
		scope: onAccountRows,
		description: 'Reveal the secret after a confirmation; masked again after the reveal timeout',
		short: 'reveal',
		footer: true,
		dangerous: false,
		disabled: noAccount,
		run(state) {
			const account = targetAccount(state) as Account;
			return [
				confirm(`Show the secret of ${account.alias} on screen?`, {
					type: 'reveal-account',
					accountId: account.id,
				}),
			];
		},
	},
	{
		keys: ['s'],
		action: 'reveal-credential',
		scope: ['credentials'],
		description: "Reveal the credential's secret after a confirmation",
		short: 'reveal',
		footer: true,
		dangerous: false,
		disabled: noCredential,
		run(state) {
			const credential = targetCredential(state) as Credential;
			return [
				confirm(`Show the secret of credential ${credential.name} on screen?`, {
					type: 'reveal-credential',
					credentialId: credential.id,
				}),
			];
		},
	},
	{
		keys: ['d'],
		action: 'remove-account',
		scope: onAccountRows,
		description: 'Remove the account and delete its secrets (asks first)',
		short: 'remove',
		footer: true,
		dangerous: true,
		disabled: noAccount,
		run(state) {
			const account = targetAccount(state) as Account;
			return [
				confirm(`Remove ${account.alias} and delete its secrets?`, {
					type: 'remove-account',
					accountId: account.id,
				}),
			];
		},
	},
	{
		keys: ['d'],
		action: 'remove-credential',
		scope: ['credentials'],
		description: 'Remove the credential and delete its secret (asks first)',
		short: 'remove',
		footer: true,
		dangerous: true,
		disabled: noCredential,
		run(state) {
			const credential = targetCredential(state) as Credential;
			return [
				confirm(`Remove credential ${credential.name}?`, {
					type: 'remove-credential',
					credentialId: credential.id,
				}),
			];
		},
	},
	{
		keys: ['/'],
		action: 'filter',
		scope: 'global',
		description: 'Filter accounts by alias, email or organization as you type',
		short: 'filter',
		footer: true,
		dangerous: false,
		run: () => [{type: 'filter-started'}],
	},
	{
		keys: ['j', 'down'],
		action: 'move-down',
		scope: 'global',
		description: 'Move down',
		short: 'down',
		footer: false,
		dangerous: false,
		run: () => [{type: 'cursor-moved', step: 1}],
	},
	{
		keys: ['k', 'up'],
		action: 'move-up',
		scope: 'global',
		description: 'Move up',
		short: 'up',
		footer: false,
		dangerous: false,
		run: () => [{type: 'cursor-moved', step: -1}],
	},
	{
		keys: ['pagedown'],
		action: 'page-down',
		scope: 'global',
		description: 'Move down a page',
		short: 'page down',
		footer: false,
		dangerous: false,
		run: () => [{type: 'cursor-moved', step: 10}],
	},
	{
		keys: ['pageup'],
		action: 'page-up',
		scope: 'global',
		description: 'Move up a page',
		short: 'page up',
		footer: false,
		dangerous: false,
		run: () => [{type: 'cursor-moved', step: -10}],
	},
	{
		keys: ['tab'],
		action: 'next-panel',
		scope: 'global',
		description: 'Focus the next panel',
		short: 'panel',
		footer: true,
		dangerous: false,
		run: () => [{type: 'panel-cycled', step: 1}],
	},
	{
		keys: ['shift+tab'],
		action: 'previous-panel',
		scope: 'global',
		description: 'Focus the previous panel',
		short: 'prev panel',
		footer: false,
		dangerous: false,
		run: () => [{type: 'panel-cycled', step: -1}],
	},
	{
		keys: ['1', '2', '3', '4'],
		action: 'focus-panel',
		scope: 'global',
		description: 'Focus a panel: 1 accounts, 2 organization, 3 token expiry, 4 credentials',
		short: 'panels',
		footer: false,
		dangerous: false,
		run: (_state, {key}) => [{type: 'panel-focused', panel: panels[Number(key) - 1] as PanelId}],
	},
	{
		keys: ['escape'],
		action: 'close',
		scope: 'global',
		description: 'Close the open dialog, clear the filter or the message',
		short: 'close',
		footer: false,
		dangerous: false,
		run: (state) =>
			state.ui.filter === '' ? [{type: 'notice-cleared'}] : [{type: 'filter-closed', clear: true}],
	},
	{
		keys: ['?'],
		action: 'help',
		scope: 'global',
		description: 'Show every key',
		short: 'help',
		footer: true,
		dangerous: false,
		run: () => [{type: 'overlay-opened', overlay: {kind: 'help'}}],
	},
	{
		keys: ['q', 'ctrl+c'],
		action: 'quit',
		scope: 'global',
		description: 'Quit',
		short: 'quit',
		footer: true,
		dangerous: false,
		run: () => ['quit'],
	},
];

export function appliesTo(binding: Binding, panel: PanelId): boolean {
	return binding.scope === 'global' || binding.scope.includes(panel);
}

/** The binding a key name triggers on a panel: a panel's own binding wins over a global one. */
export function findBinding(key: string, panel: PanelId): Binding | undefined {
	const matching = bindings.filter(
		(binding) => binding.keys.includes(key) && appliesTo(binding, panel),
	);
	return matching.find((binding) => binding.scope !== 'global') ?? matching[0];
}

/** The footer of a panel: its own keys first, then the global ones, each once. */
export function footerBindings(panel: PanelId): readonly Binding[] {
	const shown = bindings.filter((binding) => binding.footer && appliesTo(binding, panel));
	return [
		...shown.filter((binding) => binding.scope !== 'global'),
		...shown.filter((binding) => binding.scope === 'global'),
	];
}

/** How a key list reads to a person: `j/down`, `1-4`. */
export function keyLabel(binding: Binding): string {
	if (binding.action === 'focus-panel') {
		return '1-4';
	}

	return binding.keys.join('/');
}

export function scopeLabel(scope: Scope): string {
	return scope === 'global' ? 'everywhere' : scope.join(', ');
}

/** The readme's key table, printed from the bindings so the two never disagree. */
export function keyTableMarkdown(): string {
	const code = (key: string) => `\`${key}\``;
	const rows = bindings.map((binding) => {
		const keys = binding.action === 'focus-panel' ? code('1-4') : binding.keys.map(code).join(' ');
		const danger = binding.dangerous ? ' ⚠' : '';
		return `| ${keys} | ${scopeLabel(binding.scope)} | ${binding.description}${danger} |`;
	});
	return ['| Key | Where | What it does |', '| --- | --- | --- |', ...rows].join('\n');
}
