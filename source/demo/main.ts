/**
 * `npm run demo`: a local OpenID provider on 127.0.0.1 with three sample users in two
 * organisations, registered in a throwaway vault, and the deck opened on it. Nothing outside this
 * machine is needed, and nothing of the user's own vault is touched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createDeckEffects} from '../deck/effects.js';
import {openContext} from '../store/context.js';
import {
	publicClientId,
	serviceClientId,
	serviceClientSecret,
	startIdentityProvider,
} from './identity-provider.js';
import {sampleUsers} from './sample-users.js';

// oidc-provider talks on the console about its development defaults; the deck owns the terminal.
for (const method of ['info', 'warn'] as const) {
	const original = console[method].bind(console);
	console[method] = (...args: unknown[]) => {
		if (!String(args[0]).startsWith('oidc-provider ')) {
			original(...args);
		}
	};
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-demo-'));
const vaultDir = path.join(dir, 'vault');
process.env.AUTHDECK_CONFIG_DIR = vaultDir;
process.env.AUTHDECK_STORAGE = 'file';

const idp = await startIdentityProvider({quiet: true});
const cleanup = async () => {
	await idp.close().catch(() => undefined);
	fs.rmSync(dir, {recursive: true, force: true});
};

const deckEffects = createDeckEffects();
let code = 0;
try {
	// The deck's effects from the start, as `authdeck` opens it: the wizard's sign-in is one of them.
	const context = await openContext({env: process.env, effects: deckEffects.effects});
	await context.store.dispatch({
		type: 'provider-added',
		provider: {
			id: 'demo',
			name: 'Demo identity provider',
			kind: 'oidc',
			issuer: idp.issuer,
			clientId: publicClientId,
			scopes: ['openid', 'profile', 'email', 'offline_access'],
			envVars: ['DEMO_TOKEN'],
		},
	});
	const keyFile = path.join(dir, 'service-account.json');
	fs.writeFileSync(
		keyFile,
		JSON.stringify({
			client_id: serviceClientId,
			client_secret: serviceClientSecret,
			issuer: idp.issuer,
			scope: 'api:read',
		}),
		{mode: 0o600},
	);

	const cli = `AUTHDECK_CONFIG_DIR=${vaultDir} AUTHDECK_STORAGE=file node dist/authdeck.cjs`;
	process.stdout.write(
		[
			'authdeck demo',
			'',
			`A local OpenID provider runs at ${idp.issuer} (provider "demo"); the vault is ${vaultDir}`,
			'and both are removed when the demo ends.',
			'',
			'Sample users (email / password):',
			...sampleUsers.map(
				(user) =>
					`  ${user.email.padEnd(20)} / ${user.password.padEnd(12)} ${user.organizations.map((org) => org.name).join(', ')}`,
			),
			'',
			'In the deck: press a, choose "Demo identity provider", then "Sign in with the browser" (open',
			'the URL shown if no browser opens) or "Sign in with a device code"; sign in as a sample user.',
			'',
			'From another terminal, while the demo runs:',
			`  ${cli} login --provider demo`,
			`  ${cli} login --provider demo --no-browser`,
			`  ${cli} login --service-account ${keyFile}`,
			`  ${cli} whoami`,
			`  ${cli} org switch "Globex Labs"`,
			`  ${cli} refresh --all`,
			'',
		].join('\n'),
	);

	if (process.stdin.isTTY && process.stdout.isTTY) {
		// The lines above go under the deck's screen; the status line keeps the essentials.
		await context.store.dispatch({
			type: 'notice-shown',
			notice: {
				level: 'info',
				text: 'Demo: press a, pick "Demo identity provider", sign in as alice@acme.test / alice-demo (or bob, carol: see the login page)',
			},
		});
		const {runDeck} = await import('../deck/screen.js');
		code = await runDeck(context);
		process.stdout.write('The demo has ended; its provider and vault are removed.\n');
	} else {
		process.stdout.write(
			'No terminal here, so the deck stays closed; the provider keeps running. Ctrl+C ends the demo.\n',
		);
		await new Promise<void>((resolve) => {
			process.once('SIGINT', resolve);
			process.once('SIGTERM', resolve);
		});
	}
} catch (error) {
	process.stderr.write(`authdeck demo: ${(error as Error).message}\n`);
	code = 1;
} finally {
	deckEffects.dispose();
	await cleanup();
}

process.exit(code);
