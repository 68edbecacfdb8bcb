/**
 * The deck's requests in the real binary: the deck runs from V8's code cache, where the network
 * libraries are a bundle of their own (dist/net-vendor.cjs) required on the first request. `r` on a
 * signed-in account refreshes it at the real identity provider, through a real tinyproxy when
 * HTTP_PROXY says so.
 */
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {requireBuild, TempVault} from '../helpers/cli.js';
import {alice, type IdentityProvider, startIdentityProvider} from '../helpers/identity-provider.js';
import {type RunningProxy, startTinyproxy} from '../helpers/proxies.js';
import {spawnDeck} from '../helpers/pty.js';
import {addTestProvider, openTestContext, signInAs} from '../helpers/sign-in.js';

let idp: IdentityProvider;
let proxy: RunningProxy;
let vault: TempVault;

before(async () => {
	requireBuild();
	[idp, proxy] = await Promise.all([startIdentityProvider(), startTinyproxy()]);
	vault = await TempVault.create('file');
	const context = await openTestContext(vault);
	await addTestProvider(context, idp);
	await signInAs(context, alice, 'alice');
});

after(async () => {
	await proxy?.stop();
	await idp?.close();
	await vault?.cleanup();
});

test('r in the deck refreshes at the identity provider, through HTTP_PROXY', {
	timeout: 90_000,
}, async () => {
	const refreshes = idp.counts.token.refresh_token ?? 0;
	const tunnels = proxy.tunnels(idp.port);
	const deck = spawnDeck({env: {...vault.env, HTTP_PROXY: proxy.url}, timeout: 30_000});
	try {
		await deck.waitForText('1 Accounts');
		deck.press('r');
		await deck.waitForText(/refreshed/i);
		assert.equal(
			(idp.counts.token.refresh_token ?? 0) - refreshes,
			1,
			'one refresh at the provider',
		);
		assert.ok(proxy.tunnels(idp.port) > tunnels, "the deck's request went through tinyproxy");
		deck.press('q');
		assert.equal((await deck.waitForExit()).exitCode, 0);
	} finally {
		deck.kill();
	}
});
