/** Row 17: PKCE is S256 only, matches RFC 7636 Appendix B, and every attempt has a fresh verifier. */
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {before, describe, test} from 'node:test';
import * as client from 'openid-client';
import {signInWithBrowser} from '../../source/services/sign-in.js';
import {useIdentityProvider, useTempVault} from '../helpers/cli.js';
import {addTestProvider, openTestContext, type TestContext} from '../helpers/sign-in.js';

// RFC 7636 Appendix B prints the challenge as E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM; a copy
// of the vector that circulates with "...FrEjTJSeFyM-rx_8qVmGUY2F6ndWQCM" is not SHA-256 of the verifier.
test('RFC 7636 Appendix B: the S256 challenge of the published verifier', async () => {
	const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
	const challenge = await client.calculatePKCECodeChallenge(verifier);
	assert.equal(challenge, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
	assert.equal(challenge, createHash('sha256').update(verifier).digest('base64url'));
});

describe('PKCE against oidc-provider (row 17)', () => {
	const idp = useIdentityProvider();
	const vault = useTempVault(undefined, {scope: 'all'});
	let context: TestContext;

	before(async () => {
		context = await openTestContext(vault());
		await addTestProvider(context, idp());
	});

	/** Starts a browser sign-in, takes the authorization URL it prints, and cancels. */
	async function authorizationUrl(): Promise<URL> {
		const abort = new AbortController();
		let url: URL | undefined;
		await assert.rejects(
			signInWithBrowser(context, {
				provider: 'acme',
				openBrowser: false,
				signal: abort.signal,
				say(line) {
					const found = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(line)?.[1];
					if (found) {
						url = new URL(found);
					}

					if (line.startsWith('Waiting')) {
						abort.abort();
					}
				},
			}),
			/cancelled/,
		);
		assert.ok(url);
		return url;
	}

	test('the authorization request uses S256 and a fresh challenge and state every attempt', async () => {
		const first = await authorizationUrl();
		const second = await authorizationUrl();
		for (const url of [first, second]) {
			assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
			assert.match(url.searchParams.get('code_challenge') ?? '', /^[\w-]{43}$/);
			assert.equal(url.searchParams.get('response_type'), 'code');
		}

		assert.notEqual(
			first.searchParams.get('code_challenge'),
			second.searchParams.get('code_challenge'),
		);
		assert.notEqual(first.searchParams.get('state'), second.searchParams.get('state'));
	});
});
