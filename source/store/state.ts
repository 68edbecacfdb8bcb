/** The whole state of authdeck: the persisted vault slice and the in-memory UI slice. */

import type {StorageKind, Vault} from '../domain.js';

export type PanelId = 'accounts' | 'organization' | 'expiry' | 'credentials';
export const panels: readonly PanelId[] = ['accounts', 'organization', 'expiry', 'credentials'];

export type Overlay =
	| {
			readonly kind: 'help';
			/** The panels' keys (the default) or those of the dialogs and the filter. */
			readonly page?: 'panels' | 'dialogs';
	  }
	| {readonly kind: 'confirm'; readonly message: string; readonly onConfirm: ConfirmIntent}
	| {
			/** A production or protected account: the user types its alias, y/N is not enough. */
			readonly kind: 'type-confirm';
			readonly message: string;
			readonly alias: string;
			/** Why the alias is asked for: `prod is a production account.` */
			readonly why: string;
			readonly onConfirm: ConfirmIntent;
			/** What has been typed so far. */
			readonly typed: string;
			/** Set after an enter on something else than the alias. */
			readonly wrong?: boolean;
	  }
	| {
			readonly kind: 'prompt';
			readonly label: string;
			readonly value: string;
			/** `alias`: an account's new alias; `rotate`: a credential's new secret (masked). */
			readonly purpose: 'alias' | 'rotate';
			/** The account (alias) or credential (rotate) the prompt is about. */
			readonly targetId?: string;
	  }
	| {
			readonly kind: 'wizard';
			readonly target: 'account' | 'credential' | 'credential-edit';
			/** credential-edit: the credential the form edits. */
			readonly credentialId?: string;
			/** account: answers given already (a catalogue's template), not asked again. */
			readonly prefill?: {
				readonly values: Readonly<Record<string, string>>;
				/** The wizard's title: `Sign in to acme/prod (from catalogue acme)`. */
				readonly title: string;
				/** The catalogue row it came from: its sign-in is followed by the template's setup. */
				readonly from?: CatalogTemplateRef;
			};
	  }
	| {
			readonly kind: 'profiles';
			/** Every profile's name, `default` first; the one under the cursor is `names[index]`. */
			readonly names: readonly string[];
			readonly index: number;
	  }
	| {
			readonly kind: 'reveal';
			readonly label: string;
			readonly secret: string;
			readonly until: number;
	  };

/** What a confirmation dialog does when accepted. */
export type ConfirmIntent =
	| {readonly type: 'remove-account'; readonly accountId: string}
	| {readonly type: 'remove-credential'; readonly credentialId: string}
	| {readonly type: 'reveal-account'; readonly accountId: string}
	/** Zero-downtime rotation of an API key at its provider (services/key-rotate.ts). */
	| {readonly type: 'rotate-key'; readonly accountId: string}
	| {readonly type: 'reveal-credential'; readonly credentialId: string}
	/** A catalogue template's sign-in with its shared key (`secret: pass://…`), no key typed. */
	| ({readonly type: 'catalog-shared-sign-in'} & CatalogTemplateRef);

/** A catalogue's account template, by the catalogue's name and the template's alias. */
export type CatalogTemplateRef = {readonly catalog: string; readonly template: string};

export type Notice = {readonly level: 'info' | 'warning' | 'error'; readonly text: string};

/** What a waiting sign-in shows: the address to open whole and, for a device code, the code. */
export type SignInPrompt = {readonly url: string; readonly code?: string};

export type Ui = {
	readonly focus: PanelId;
	/** Selected account id in the accounts panel. */
	readonly selectedAccountId?: string;
	/** Selected row per other panel. */
	readonly cursor: Readonly<Record<Exclude<PanelId, 'accounts'>, number>>;
	readonly filter: string;
	readonly filtering: boolean;
	readonly overlay?: Overlay;
	readonly notice?: Notice;
	/** Work under way (refresh, sign-in), shown with a spinner. */
	readonly busy?: string;
	/** The sign-in under way, drawn in the wizard; cleared when the work ends or the wizard closes. */
	readonly signIn?: SignInPrompt;
	/** Why the open form (wizard, prompt) was refused, shown inline; `field` names the field to fix. */
	readonly formError?: FormError;
	/** The account whose removal moved the selection away: selected again if the removal fails. */
	readonly removing?: string;
	/** The account selected when the filter was opened: selected again when esc clears it. */
	readonly beforeFilter?: string;
};

export type FormError = {readonly text: string; readonly field?: string};

/**
 * Work the deck asks for that needs I/O (secret store, network, other files). A key dispatches it
 * as an `intent-requested` action; `store/effects.ts` performs it and reports back with actions.
 */
export type DeckIntent =
	| ConfirmIntent
	| {readonly type: 'refresh-account'; readonly accountId: string}
	| {readonly type: 'rename-account'; readonly accountId: string; readonly alias: string}
	| {readonly type: 'rotate-credential'; readonly credentialId: string; readonly secret: string}
	| {
			readonly type: 'edit-credential';
			readonly credentialId: string;
			readonly values: Readonly<Record<string, string>>;
	  }
	| {
			readonly type: 'add-account';
			/** Id of an entry of `accountMethods` (deck/wizards/account-wizard.ts). */
			readonly methodId: string;
			readonly values: Readonly<Record<string, string>>;
			/** Opened from a catalogue's row: the template's setup follows (services/catalog-login.ts). */
			readonly fromCatalog?: CatalogTemplateRef;
	  }
	| {
			readonly type: 'add-credential';
			readonly accountId: string;
			readonly values: Readonly<Record<string, string>>;
	  };

export const initialUi: Ui = {
	focus: 'accounts',
	cursor: {organization: 0, expiry: 0, credentials: 0},
	filter: '',
	filtering: false,
};

export type State = {
	readonly vault: Vault;
	readonly ui: Ui;
	/** The secret backend in use, named in the header and status. */
	readonly storage: StorageKind;
	/** Warnings about storage (file fallback, repaired modes). */
	readonly storageWarning?: string;
};
