/**
 * A provider's API as data (what source/providers/ calls) and what a refusal by it leaves on an
 * account. Part of the domain: it imports nothing.
 */

/** The endpoints of a provider's API that authdeck calls. */
export type ApiEndpoint = 'whoami' | 'list' | 'show' | 'create' | 'delete';

/** A provider's API as data: where it is, how a key is sent, which endpoints exist. */
export type ProviderApi = {
	/** Added to the base URL (the account's, else the environment's, else the provider's): `/api/v0`. */
	readonly basePath: string;
	/** Base URL per environment, where one differs from the provider's `baseUrl`. */
	readonly baseUrls?: Readonly<Record<string, string>>;
	/** The header that carries the key and what precedes the key in it (`Authorization`, `Bearer `). */
	readonly auth: {readonly header: string; readonly prefix: string};
	/** "Who am I": the path, and the fields of the answer kept (anything else, keys included, is dropped). */
	readonly whoami?: {
		readonly path: string;
		/** Where the user is in the answer (`user`, `data.user`), when it is not the answer itself. */
		readonly within?: string;
		readonly fields: readonly string[];
		/**
		 * Where the answer holds the key's permissions (`scopes`, `data.permissions`), when it does: a
		 * list of names, or an object whose keys are the names. `authdeck permissions` asks for them.
		 */
		readonly permissions?: string;
	};
	/** Key lifecycle endpoints; `{id}` stands for a key's id. */
	readonly keys?: {
		readonly list: string;
		readonly create: string;
		readonly show: string;
		readonly delete: string;
	};
	/**
	 * The permission each endpoint needs, as the provider's documentation names it (Vast.ai:
	 * `user_read`, `user_write`), so a 403 can say which one the key lacks.
	 */
	readonly requires?: Readonly<Partial<Record<ApiEndpoint, string>>>;
	/** What to do after a 401 or 403, in the provider's own words. */
	readonly troubleshooting?: string;
};

/** A call a provider refused for lack of a permission, kept for `authdeck permissions`. */
export type Refusal = {
	/** The permission or scope that was missing, as the provider names it. */
	readonly permission: string;
	/** The call refused: `POST /auth/apikeys/`. */
	readonly call: string;
	/** ISO time of the refusal. */
	readonly at: string;
};
