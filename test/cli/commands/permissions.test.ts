import assert from 'node:assert/strict';
import fs from 'node:fs';
import {describe, test} from 'node:test';
import {oneErrorLine, type TempVault, useSeededVault} from '../../helpers/cli.js';

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
