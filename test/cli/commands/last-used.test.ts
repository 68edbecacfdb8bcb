/** lastUsedAt: recorded whenever authdeck hands a key out, never for a masked look; shown by status. */
import assert from 'node:assert/strict';
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
		const pause = () => new Promise((resolve) => setTimeout(resolve, 15));
		let seen = await lastUsed();
		assert.ok(seen, 'set at login');
		for (const args of [['token'], ['env']]) {
			await pause();
			await vault().ok(args);
			assert.equal(await lastUsed(), seen, `${args.join(' ')} hands nothing out`);
		}

		for (const args of [
			['token', '--show'],
			['env', '--show'],
			['exec', '--', 'true'],
		]) {
			await pause();
			await vault().ok(args);
			const now = await lastUsed();
			assert.ok(now > seen, `${args.join(' ')} records the use`);
			seen = now;
		}

		assert.match((await vault().ok(['status'])).stdout, /^ {2}Last used: 0m ago$/m);
	});
});
