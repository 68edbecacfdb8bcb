/**
 * A hostile or broken authorization server, scripted on loopback: a javascript: authorization
 * endpoint, an error_description with terminal escapes, a 10 MB discovery document.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {after, before, test} from 'node:test';
import * as client from 'openid-client';
import {connect, explainOAuthError, withoutSecrets} from '../../source/auth/oidc.js';
import {signInWithBrowser} from '../../source/services/sign-in.js';
import {TempVault} from '../helpers/cli.js';
import {openTestContext, type TestContext} from '../helpers/sign-in.js';

let server: http.Server;
let issuer: string;
let vault: TempVault;
let context: TestContext;
let mode: 'javascript' | 'huge' | 'escapes' | 'echo' = 'javascript';

before(async () => {
	server = http.createServer((request, response) => {
		if (request.url === '/.well-known/openid-configuration') {
			response.writeHead(200, {'content-type': 'application/json'});
			if (mode === 'huge') {
				response.end(`{"issuer":"${issuer}","padding":"${'x'.repeat(10 * 1024 * 1024)}"}`);
				return;
			}

			response.end(
				JSON.stringify({
					issuer,
					authorization_endpoint:
						mode === 'javascript' ? 'javascript:alert(1)//' : `${issuer}/auth`,
					token_endpoint: `${issuer}/token`,
				}),
			);
			return;
		}

		let body = '';
		request.setEncoding('utf8').on('data', (chunk: string) => {
			body += chunk;
		});
		request.on('end', () => {
			const echoed = new URLSearchParams(body).get('refresh_token');
			response.writeHead(400, {'content-type': 'application/json'});
			response.end(
				JSON.stringify({
					error: 'invalid_grant',
					error_description:
						mode === 'echo'
							? `the token ${echoed} is not valid`
							: '\u001b[2J\u001b]52;c;ZXZpbA==\u0007gone\u202E',
				}),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	vault = await TempVault.create();
	context = await openTestContext(vault);
	await context.store.dispatch({
		type: 'provider-added',
		provider: {id: 'hostile', name: 'Hostile', kind: 'oidc', issuer, clientId: 'c', envVars: []},
	});
});

after(async () => {
	server.close();
	server.closeAllConnections();
	await vault.cleanup();
});

test('a javascript: authorization endpoint is never printed or opened', async () => {
	mode = 'javascript';
	const said: string[] = [];
	await assert.rejects(
		signInWithBrowser(context, {
			provider: 'hostile',
			openBrowser: false,
			say: (line) => said.push(line),
		}),
		(error: Error) =>
			error.name === 'UserError' &&
			/only HTTP and HTTPS|invalid authorization endpoint/.test(error.message),
	);
	assert.ok(!said.join('\n').includes('javascript:'));
});

test('a 10 MB discovery document is refused without reading it all', async () => {
	mode = 'huge';
	await assert.rejects(connect(issuer, 'c'), /larger than 1 MB/);
});

test("the server's error_description is printed inert", async () => {
	mode = 'escapes';
	const config = await connect(issuer, 'c');
	const error = await client.refreshTokenGrant(config, 'r').catch((caught: unknown) => caught);
	const message = explainOAuthError(error, 'refreshing').message;
	assert.match(message, /refused: invalid_grant: /);
	for (const char of ['\u001b', '\u0007', '\u202E']) {
		assert.ok(!message.includes(char));
	}
});

test('a server that echoes the refresh token in its error_description does not get it printed', async () => {
	mode = 'echo';
	const config = await connect(issuer, 'c');
	const token = 'rt-0123456789-the-secret-refresh-token';
	const error = await client.refreshTokenGrant(config, token).catch((caught: unknown) => caught);
	assert.ok(
		explainOAuthError(error, 'refreshing').message.includes(token),
		'the server did echo it',
	);
	const message = withoutSecrets(explainOAuthError(error, 'refreshing'), [token]).message;
	assert.equal(message, 'refreshing refused: invalid_grant: the token [redacted] is not valid');
});
