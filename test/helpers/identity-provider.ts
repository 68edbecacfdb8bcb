/**
 * The test identity provider: the same oidc-provider setup as `npm run demo`
 * (source/demo/identity-provider.ts) on 127.0.0.1 with a random port, plus helpers to drive it.
 */
export {
	type IdentityProvider,
	publicClientId,
	serviceBasicClientId,
	serviceClientId,
	serviceClientSecret,
	startIdentityProvider,
} from '../../source/demo/identity-provider.js';
export {type SampleUser, sampleUsers} from '../../source/demo/sample-users.js';

/** How to sign in as a sample user in the test browser. */
export const alice = {email: 'alice@acme.test', password: 'alice-demo'} as const;
export const bob = {email: 'bob@acme.test', password: 'bob-demo'} as const;
