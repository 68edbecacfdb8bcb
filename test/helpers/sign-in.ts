/** In-process sign-in for unit tests: a context on a temporary file vault, signed in through the test browser. */

import type {Account} from '../../source/domain.js';
import {signInWithBrowser} from '../../source/services/sign-in.js';
import type {Context, ContextOptions} from '../../source/store/context.js';
import type {IdentityProvider} from './identity-provider.js';
import {publicClientId} from './identity-provider.js';
import type {TempVault, TestContext} from './temp-vault.js';
import {type BrowserChoice, TestBrowser} from './test-browser.js';

export type {TestContext} from './temp-vault.js';

/** Opens a context over the vault with file storage (the vault's own, when it has one). */
export function openTestContext(
	vault: TempVault,
	options: ContextOptions = {},
): Promise<TestContext> {
	return vault.open({env: {AUTHDECK_STORAGE: 'file', ...vault.env}, ...options});
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
