import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {oneErrorLine, type TempVault, useSeededVault, useTempVault} from '../../helpers/cli.js';
import {startVastServer, type VastServer} from '../../helpers/vast-server.js';

describe('permissions', () => {
	let vault: TempVault;
	useSeededVault('file', (fresh) => {
		({vault} = fresh);
	});

	test('an API key: the provider reports none, said plainly', async () => {
		const {stdout} = await vault.ok(['permissions', '--account', 'prod']);
		assert.equal(
			stdout,
			'prod (Vapi, api-key)\n  Vapi reports no permissions for an API key; it may do whatever the key was issued for\n',
		);
		const json = JSON.parse((await vault.ok(['permissions', '--json'])).stdout);
		assert.deepEqual(json, {
			account: 'client-a',
			provider: 'vapi',
			method: 'api-key',
			source: 'unknown',
			permissions: [],
			needsSignIn: false,
			refused: [],
		});
	});

	test("a signed-in account's granted scopes, and a key's recorded ones", async () => {
		// As a browser sign-in leaves it (the grant's `scope`), and a key with rights on record.
		const stored = JSON.parse(fs.readFileSync(vault.configFile, 'utf8'));
		for (const account of stored.accounts) {
			if (account.alias === 'prod') {
				Object.assign(account, {
					method: 'browser',
					scopes: ['openid', 'calls:write'],
					needsSignIn: true,
				});
			} else {
				account.scopes = ['read-only'];
			}
		}
		fs.writeFileSync(vault.configFile, JSON.stringify(stored));
		assert.equal(
			(await vault.ok(['permissions', '--account', 'prod'])).stdout,
			'prod (Vapi, browser)\n  Scopes granted at sign-in:\n    openid\n    calls:write\n  (the last known grant: this account must sign in again)\n',
		);
		assert.match(
			(await vault.ok(['permissions'])).stdout,
			/Permissions recorded for this key:\n {4}read-only\n$/,
		);
		assert.match(
			oneErrorLine(await vault.run(['permissions', '--account', 'ghost'])),
			/no account matches/,
		);
	});
});

describe('permissions: a call the provider refused for lack of one', () => {
	let server: VastServer;
	const vault = useTempVault('file');
	before(async () => {
		server = await startVastServer();
	});
	after(() => server.close());

	test('key create on a key without user_write: the line names it, permissions shows it, a new key clears it', async () => {
		const readOnly = server.addKey('ro', {api: {user_read: {}, instance_read: {}}});
		await vault().login(readOnly.key, [
			'--provider',
			'vast',
			'--base-url',
			server.url,
			'--alias',
			'ro',
		]);
		const count = server.keys.size;
		const line = oneErrorLine(await vault().run(['key', 'create', '--name', 'ci']));
		assert.match(
			line,
			/^authdeck: Vast\.ai refused the key \(403: .*\) for POST \/auth\/apikeys\/: it needs the user_write permission; authdeck sent \*{4}.{4}, the stored account "ro"/,
		);
		assert.ok(!line.includes(readOnly.key));
		assert.equal(server.keys.size, count, 'nothing was created');
		const shown = (await vault().ok(['permissions', '--account', 'ro'])).stdout;
		assert.match(
			shown,
			/\n {2}Refused by Vast\.ai for lack of a permission:\n {4}user_write {2}\(POST \/auth\/apikeys\/, \d{4}-\d\d-\d\dT[^)]+\)\n$/,
		);
		const json = JSON.parse((await vault().ok(['permissions', '--json'])).stdout) as {
			refused: Array<{permission: string; call: string}>;
		};
		assert.deepEqual(
			json.refused.map(({permission, call}) => `${permission} ${call}`),
			['user_write POST /auth/apikeys/'],
		);

		// The key list names the key's rights: kept, shown, and set against what the call needs.
		await vault().ok(['key', 'list']);
		assert.match(
			(await vault().ok(['permissions'])).stdout,
			/Permissions recorded for this key:\n {4}user_read\n {4}instance_read\n/,
		);
		assert.match(
			oneErrorLine(await vault().run(['key', 'create', '--name', 'ci'])),
			/it needs the user_write permission, which the key lacks \(its permissions: user_read, instance_read\)/,
		);

		const full = server.addKey('full');
		await vault().login(full.key, [
			'--provider',
			'vast',
			'--base-url',
			server.url,
			'--alias',
			'ro',
		]);
		const after = JSON.parse((await vault().ok(['permissions', '--json'])).stdout) as {
			refused: unknown[];
		};
		assert.deepEqual(after.refused, [], 'a new key is not judged by the old one');
		const file = path.join(vault().cwd, 'rights.json');
		fs.writeFileSync(file, JSON.stringify({api: {user_read: {}, misc: {}}}));
		await vault().ok(['key', 'create', '--name', 'scoped', '--permissions', file]);
		const made = JSON.parse(
			(await vault().ok(['permissions', '--account', 'scoped', '--json'])).stdout,
		) as {source: string; permissions: string[]};
		assert.deepEqual(made, {...made, source: 'recorded', permissions: ['user_read', 'misc']});
	});
});
