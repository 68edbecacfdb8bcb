/** In-process sign-in for unit tests: a context on a temporary file vault, signed in through the test browser. */

import type {Account} from '../../source/domain.js';
import {signInWithBrowser} from '../../source/services/sign-in.js';
import {type Context, type ContextOptions, openContext} from '../../source/store/context.js';
import type {IdentityProvider} from './identity-provider.js';
import {publicClientId} from './identity-provider.js';
import {type BrowserChoice, TestBrowser} from './test-browser.js';
import type {TempVault} from './vault.js';

export type TestContext = Context & {readonly warnings: string[]};

/** Opens a context over the vault (file storage), collecting warnings instead of printing them. */
export async function openTestContext(
	vault: TempVault,
	options: ContextOptions = {},
): Promise<TestContext> {
	const warnings: string[] = [];
	const context = await openContext({
		env: {...vault.env, AUTHDECK_STORAGE: 'file'},
		cwd: vault.base,
		warn: (line) => warnings.push(line),
		...options,
	});
	return Object.assign(context, {warnings});
}

/** Registers the identity provider as provider `id`. */
export async function addTestProvider(
	context: Context,
	idp: IdentityProvider,
	id = 'acme',
): Promise<void> {
	await context.store.dispatch({
		type: 'provider-added',
		provider: {
			id,
			name: 'Acme',
			kind: 'oidc',
			issuer: idp.issuer,
			clientId: publicClientId,
			envVars: ['ACME_TOKEN'],
		},
	});
}

/** Browser sign-in with the test browser answering the printed URL. */
export async function signInAs(
	context: Context,
	choice: BrowserChoice,
	alias: string,
	provider = 'acme',
): Promise<Account> {
	const browsing: Array<Promise<unknown>> = [];
	const account = await signInWithBrowser(context, {
		provider,
		alias,
		openBrowser: false,
		timeoutMs: 20_000,
		say(line) {
			const url = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(line)?.[1];
			if (url) {
				browsing.push(new TestBrowser().authorize(url, choice));
			}
		},
	});
	await Promise.all(browsing);
	return account;
}
