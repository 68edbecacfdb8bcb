/**
 * What a pull brings from a team's shared password store: the secret of each credential definition
 * (once its account is signed in here) and the shared key of each API-key account template. Each
 * goes into the member's own secret store, under the local credential or account. A member who
 * cannot decrypt one is told in one line whose keys it is encrypted to; the rest still applies.
 */
import {findProvider} from '../auth/providers.js';
import type {AccountTemplate, Catalog, CredentialDefinition} from '../domain/catalog.js';
import type {Vault} from '../domain.js';
import {messageOf} from '../lib/errors.js';
import {notSignedInRows, pendingCredentials} from '../store/catalog-rows.js';
import type {Context} from '../store/context.js';
import {parseSecretRef, readSharedSecret} from '../vault/pass-shared.js';
import {loginWithKey} from './api-key-login.js';
import {addCredential, type CredentialInput} from './credentials.js';

/** Where the shared store a reference names is, or the line that says how to tell authdeck. */
function storeDir(vault: Vault, store: string): string | {missing: string} {
	const dir = vault.catalogs?.passStores?.[store];
	return dir
		? dir
		: {
				missing: `no directory for the shared pass store "${store}": authdeck catalog store ${store} DIR`,
			};
}

/** The secret a reference points to; undefined (after one line on stderr) when it cannot be read. */
export async function sharedSecret(
	context: Context,
	ref: string,
	what: string,
): Promise<string | undefined> {
	try {
		const {store, entry} = parseSecretRef(ref);
		const dir = storeDir(context.store.getState().vault, store);
		if (typeof dir !== 'string') {
			context.warn(`${what}: ${dir.missing}`);
			return undefined;
		}

		return await readSharedSecret(dir, entry, context.env);
	} catch (error) {
		context.warn(`${what}: ${messageOf(error)}`);
		return undefined;
	}
}

/** The settings of a definition as `credential add` takes them, so they are checked the same way. */
export function credentialInput(
	definition: CredentialDefinition,
	accountId: string,
	secret: string,
): CredentialInput {
	const {settings} = definition;
	const common = {accountId, name: definition.name, secret, usedBy: definition.usedBy ?? []};
	switch (settings.type) {
		case 'bearer': {
			return {
				...common,
				type: 'bearer',
				headerName: settings.headerName,
				bearerPrefix: settings.bearerPrefix,
			};
		}

		case 'oauth2': {
			return {
				...common,
				type: 'oauth2',
				tokenUrl: settings.tokenUrl,
				clientId: settings.clientId,
				scope: settings.scope,
				authMethod: settings.authMethod,
			};
		}

		case 'hmac': {
			return {
				...common,
				type: 'hmac',
				scheme: settings.scheme,
				algorithm: settings.algorithm,
				signatureHeader: settings.signatureHeader,
				timestampHeader: settings.timestampHeader,
				payloadFormat: settings.payloadFormat,
			};
		}
	}
}

/** A credential set up from the shared store: its name and its account's alias. */
export type SharedCredential = {readonly name: string; readonly alias: string};

/** Sets up every pending credential of `catalog` whose account is here and whose secret is shared. */
export async function setUpSharedCredentials(
	context: Context,
	catalog: Catalog,
): Promise<SharedCredential[]> {
	const added: SharedCredential[] = [];
	for (const pending of pendingCredentials(context.store.getState().vault)) {
		const {definition, account} = pending;
		if (pending.catalog !== catalog.name || !account || !definition.secret) continue;
		const what = `${catalog.name}: credential "${definition.name}" (${account.alias})`;
		const secret = await sharedSecret(context, definition.secret, what);
		if (secret === undefined) continue;
		try {
			await addCredential(context, credentialInput(definition, account.id, secret));
			added.push({name: definition.name, alias: account.alias});
		} catch (error) {
			context.warn(`${what}: ${messageOf(error)}`);
		}
	}

	return added;
}

/** The same, as lines: `credential "Webhook" on client-prod`. */
export async function applySharedCredentials(
	context: Context,
	catalog: Catalog,
): Promise<string[]> {
	return (await setUpSharedCredentials(context, catalog)).map(
		(added) => `credential "${added.name}" on ${added.alias}`,
	);
}

/** Signs in to a template with its shared API key; the account as saved, or undefined. */
export async function signInWithSharedKey(
	context: Context,
	catalog: Catalog,
	template: AccountTemplate,
	alias: string,
): Promise<string | undefined> {
	const provider = findProvider(context.store.getState().vault, template.provider);
	if (!template.secret || provider?.kind !== 'api-key') return undefined;
	const what = `${catalog.name}: account ${alias}`;
	const apiKey = await sharedSecret(context, template.secret, what);
	if (apiKey === undefined) return undefined;
	try {
		const account = await loginWithKey(context, {...templateLogin(template), alias, apiKey});
		await protect(context, template, account.id);
		return account.alias;
	} catch (error) {
		context.warn(`${what}: ${messageOf(error)}`);
		return undefined;
	}
}

/** The fields of a template as `login --with-token` takes them. */
export function templateLogin(template: AccountTemplate) {
	return {
		provider: template.provider,
		email: template.email?.includes('*') ? undefined : template.email,
		orgName: template.organization?.name,
		orgId: template.organization?.id,
		environment: template.environment,
		baseUrl: template.baseUrl,
	};
}

/** A template marked protected makes its account protected. */
export async function protect(context: Context, template: AccountTemplate, accountId: string) {
	if (template.protected) {
		await context.store.dispatch({type: 'account-protected', accountId, protected: true});
	}
}

/** After a pull: shared keys for templates not signed in yet, then shared credential secrets. */
export async function applySharedSecrets(context: Context, catalog: Catalog): Promise<string[]> {
	const done: string[] = [];
	for (const row of notSignedInRows(context.store.getState().vault)) {
		if (row.catalog !== catalog.name || !row.template.secret) continue;
		const alias = await signInWithSharedKey(context, catalog, row.template, row.alias);
		if (alias) done.push(`account ${alias} (shared key)`);
	}

	done.push(...(await applySharedCredentials(context, catalog)));
	return done;
}
