import type {Catalog} from '../domain/catalog.js';
import type {
	Account,
	AccountSecret,
	Credential,
	CredentialSecret,
	ProfileOverrides,
	Provider,
	Settings,
	Vault,
} from '../domain.js';
import type {DeckIntent, FormError, Notice, Overlay, PanelId, SignInPrompt} from './state.js';

/**
 * Actions that change the vault. They are persisted by replaying them on the freshest copy of the
 * metadata file under the cross-process lock, so two processes never lose each other's changes.
 * A `secret` travels with the action to the secret store and is never persisted in the metadata.
 */
export type VaultAction =
	| {
			readonly type: 'account-saved';
			/** A new account; when one with the same provider and email (or subject) exists, that one is updated instead. */
			readonly account: Account;
			/** Whether `account.alias` was asked for by the user (else it is derived and made unique). */
			readonly aliasGiven: boolean;
			/**
			 * Fields of `account` that are defaults, not asked for (the environment when no
			 * `--environment` was given): an existing account keeps its own. Fields left undefined are
			 * kept too, so a re-login without `--name` keeps the name.
			 */
			readonly defaults?: ReadonlyArray<keyof Account>;
			readonly secret?: AccountSecret;
			readonly at: string;
			/** The profile in which it becomes the active account; absent: the one in use. */
			readonly profile?: string;
	  }
	| {
			readonly type: 'account-switched';
			readonly accountId: string;
			readonly at: string;
			/** The profile whose choice changes; absent: the one in use. */
			readonly profile?: string;
	  }
	| {readonly type: 'switched-back'; readonly at: string; readonly profile?: string}
	| {readonly type: 'account-renamed'; readonly accountId: string; readonly alias: string}
	| {readonly type: 'account-removed'; readonly accountId: string}
	/** `config set-account ALIAS protected true|false`: guarded like a production account, or not. */
	| {readonly type: 'account-protected'; readonly accountId: string; readonly protected: boolean}
	| {
			readonly type: 'organization-switched';
			readonly accountId: string;
			readonly orgId: string;
			/**
			 * The profile it is switched in (`--profile`), when not the one in use. A profile that
			 * overrides the account's organization, or one not in use, gets the override changed; else
			 * the account's own organization changes.
			 */
			readonly profile?: string;
	  }
	| {
			readonly type: 'tokens-updated';
			readonly accountId: string;
			readonly changes: Partial<
				Pick<
					Account,
					| 'tokenExpiresAt'
					| 'refreshable'
					| 'secretHint'
					| 'scopes'
					| 'organizations'
					| 'activeOrgId'
					| 'email'
					| 'name'
					| 'keyCreatedAt'
					| 'lastUsedAt'
					| 'refusals'
				>
			>;
			readonly secret?: AccountSecret;
	  }
	| {readonly type: 'sign-in-required'; readonly accountId: string}
	| {
			readonly type: 'credential-added';
			readonly credential: Credential;
			readonly secret: CredentialSecret;
	  }
	| {readonly type: 'credential-removed'; readonly credentialId: string}
	| {
			readonly type: 'credential-edited';
			readonly credentialId: string;
			readonly changes: Partial<Pick<Credential, 'name' | 'settings' | 'usedBy'>>;
	  }
	/** A new secret (the previous one kept in `secret.previous` for its grace period). */
	| {
			readonly type: 'credential-rotated';
			readonly credentialId: string;
			readonly secret: CredentialSecret;
			readonly secretHint: string;
	  }
	| {readonly type: 'credential-used'; readonly credentialId: string; readonly at: string}
	/** oauth2: a token fetched; `secret` is the whole entry, the token in it. */
	| {
			readonly type: 'credential-token-saved';
			readonly credentialId: string;
			readonly secret: CredentialSecret;
			readonly expiresAt: string;
			readonly at: string;
	  }
	| {
			readonly type: 'credential-token-failed';
			readonly credentialId: string;
			readonly error: string;
	  }
	| {readonly type: 'settings-changed'; readonly settings: Partial<Settings>}
	| {readonly type: 'provider-added'; readonly provider: Provider}
	| {readonly type: 'provider-removed'; readonly providerId: string}
	/** `catalog add` or `pull`: the catalogue (by name) with the entries just validated. */
	| {readonly type: 'catalog-saved'; readonly catalog: Catalog}
	/** Its entries go; accounts signed in from it stay. */
	| {readonly type: 'catalog-removed'; readonly name: string}
	/** `config set pass-store NAME DIR`; no `dir` forgets the name. */
	| {readonly type: 'pass-store-set'; readonly name: string; readonly dir?: string}
	| {
			readonly type: 'profile-created';
			readonly name: string;
			/** A profile whose choices and overrides the new one starts with. */
			readonly from?: string;
			readonly at: string;
	  }
	/** Every provider switches to the profile's accounts at once. */
	| {readonly type: 'profile-used'; readonly name: string}
	/** Removing the profile in use puts `default` in use. */
	| {readonly type: 'profile-removed'; readonly name: string}
	| {
			readonly type: 'profile-overrides-changed';
			readonly name: string;
			/** Fields set to undefined are cleared; maps are merged, an empty-string value clears its key. */
			readonly overrides: ProfileOverrides;
	  };

/** Actions that only change what the deck shows. */
export type UiAction =
	| {readonly type: 'vault-loaded'; readonly vault: Vault}
	| {readonly type: 'panel-focused'; readonly panel: PanelId}
	| {readonly type: 'panel-cycled'; readonly step: 1 | -1}
	| {readonly type: 'cursor-moved'; readonly step: number}
	| {readonly type: 'account-selected'; readonly accountId: string}
	| {readonly type: 'filter-started'}
	| {readonly type: 'filter-changed'; readonly filter: string}
	| {readonly type: 'filter-closed'; readonly clear: boolean}
	| {readonly type: 'overlay-opened'; readonly overlay: Overlay}
	| {readonly type: 'overlay-closed'}
	| {readonly type: 'notice-shown'; readonly notice: Notice}
	| {readonly type: 'notice-cleared'}
	| {readonly type: 'busy-changed'; readonly busy?: string}
	/** A sign-in waits on the user: the address to open and, for a device code, the code to enter. */
	| {readonly type: 'sign-in-prompted'; readonly prompt: SignInPrompt}
	/** The deck asks for work with I/O; the reducer leaves the state as is and the effects do it. */
	| {readonly type: 'intent-requested'; readonly intent: DeckIntent}
	/** A form's submission was refused: shown inline, the form stays open. */
	| {readonly type: 'form-failed'; readonly error: FormError};

export type Action = VaultAction | UiAction;

const vaultActionTypes = new Set<string>([
	'account-saved',
	'account-switched',
	'switched-back',
	'account-renamed',
	'account-removed',
	'account-protected',
	'organization-switched',
	'tokens-updated',
	'sign-in-required',
	'credential-added',
	'credential-removed',
	'credential-edited',
	'credential-rotated',
	'credential-used',
	'credential-token-saved',
	'credential-token-failed',
	'settings-changed',
	'provider-added',
	'provider-removed',
	'catalog-saved',
	'catalog-removed',
	'pass-store-set',
	'profile-created',
	'profile-used',
	'profile-removed',
	'profile-overrides-changed',
]);

export function isVaultAction(action: Action): action is VaultAction {
	return vaultActionTypes.has(action.type);
}
