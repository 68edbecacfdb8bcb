/** lastUsedAt: recorded whenever authdeck hands a key out, never for a masked look; shown by status. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {describe, test} from 'node:test';
import {plantedKey, useTempVault} from '../../helpers/cli.js';

type Status = {providers: Array<{active: {lastUsedAt: string | null} | null}>};

describe('last used', () => {
	const vault = useTempVault('file');

	test('token --show, env --show and exec record the use; token and env masked do not', async () => {
		await vault().login(plantedKey(), ['--provider', 'vapi', '--alias', 'prod']);
		const lastUsed = async () =>
			(JSON.parse((await vault().ok(['status', '--json'])).stdout) as Status).providers[0]?.active
				?.lastUsedAt ?? '';
		// A use is recorded at most once a minute: each follows one recorded two minutes before.
		const pause = () => vault().backdateUses();
		let seen = await lastUsed();
		assert.ok(seen, 'set at login');
		for (const args of [['token'], ['env']]) {
			seen = pause();
			await vault().ok(args);
			assert.equal(await lastUsed(), seen, `${args.join(' ')} hands nothing out`);
		}

		for (const args of [
			['token', '--show'],
			['env', '--show'],
			['exec', '--', 'true'],
		]) {
			seen = pause();
			await vault().ok(args);
			const now = await lastUsed();
			assert.ok(now > seen, `${args.join(' ')} records the use`);
			seen = now;
		}

		assert.match((await vault().ok(['status'])).stdout, /^ {2}Last used: 0m ago$/m);
	});

	test('uses within a minute of the last recorded one leave the vault as it is', async () => {
		await vault().login(plantedKey(), ['--provider', 'vapi', '--alias', 'prod']);
		await vault().ok(['token', '--show']);
		const before = fs.statSync(vault().configFile, {bigint: true});
		for (const args of [
			['token', '--show'],
			['env', '--show'],
			['exec', '--', 'true'],
		]) {
			await vault().ok(args);
		}

		const after = fs.statSync(vault().configFile, {bigint: true});
		assert.deepEqual([after.ino, after.mtimeNs], [before.ino, before.mtimeNs], 'not written');
	});
});
