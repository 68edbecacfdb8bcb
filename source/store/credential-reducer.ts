/** The vault reducer's part for changes to one credential: edit, rotate, use, oauth2 token state. */
import type {Credential, Vault} from '../domain.js';
import type {VaultAction} from './actions.js';

type CredentialAction = Extract<
	VaultAction,
	{
		type:
			| 'credential-edited'
			| 'credential-rotated'
			| 'credential-used'
			| 'credential-token-saved'
			| 'credential-token-failed';
	}
>;

function changed(action: CredentialAction, credential: Credential): Credential {
	switch (action.type) {
		case 'credential-edited': {
			return {...credential, ...action.changes};
		}

		case 'credential-rotated': {
			// A new secret: a token fetched with the old one is dropped with it.
			const {tokenExpiresAt: _expires, tokenError: _error, ...rest} = credential;
			return {...rest, secretHint: action.secretHint};
		}

		case 'credential-used': {
			return {...credential, lastUsedAt: action.at};
		}

		case 'credential-token-saved': {
			const {tokenError: _error, ...rest} = credential;
			return {...rest, tokenExpiresAt: action.expiresAt, lastUsedAt: action.at};
		}

		case 'credential-token-failed': {
			return {...credential, tokenError: action.error};
		}
	}
}

export function credentialReducer(vault: Vault, action: CredentialAction): Vault {
	return {
		...vault,
		credentials: vault.credentials.map((credential) =>
			credential.id === action.credentialId ? changed(action, credential) : credential,
		),
	};
}
