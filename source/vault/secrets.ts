import type {StorageKind} from '../domain.js';

/** Where secrets live. Keys are `account:<id>` and `credential:<id>`; values are opaque strings. */
export type SecretStore = {
	readonly kind: StorageKind;
	get(key: string): Promise<string | undefined>;
	set(key: string, value: string): Promise<void>;
	/** Returns whether something was deleted. */
	delete(key: string): Promise<boolean>;
};

export const accountKey = (id: string) => `account:${id}`;
export const credentialKey = (id: string) => `credential:${id}`;

/** A store's name in a sentence: "the keychain", "the file", "the pass store". */
export const storeName = (kind: StorageKind) => (kind === 'pass' ? 'pass store' : kind);
