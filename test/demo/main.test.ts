/** `npm run demo` without a terminal: the provider runs, a sign-in works against it, and Ctrl+C cleans up. */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {describeRun, root, runCli, TempVault} from '../helpers/cli.js';

test('the demo serves sign-ins on a throwaway vault and removes it at the end', {
	timeout: 90_000,
}, async () => {
	const demoPath = path.join(root, 'dist', 'demo.js');
	assert.ok(fs.existsSync(demoPath), 'run npm run build first');
	const vault = await TempVault.create();
	const {env} = vault;
	const child = spawn(process.execPath, [demoPath], {
		env,
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		out += chunk;
	});
	const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
	try {
		for (let wait = 0; wait < 300 && !out.includes('Ctrl+C ends the demo'); wait++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
		}

		assert.match(out, /alice@acme\.test {6}\/ alice-demo/);
		const vaultDir = /the vault is (\S+)/.exec(out)?.[1] as string;
		const keyFile = /--service-account (\S+)/.exec(out)?.[1] as string;
		const demoEnv = {...env, AUTHDECK_CONFIG_DIR: vaultDir, AUTHDECK_STORAGE: 'file'};
		const login = await runCli(
			['login', '--service-account', keyFile, '--provider', 'demo', '--json'],
			{env: demoEnv},
		);
		assert.equal(login.code, 0, describeRun(login));
		assert.equal(JSON.parse(login.stdout).method, 'service-account');
		child.kill('SIGINT');
		assert.equal(await exited, 0);
		assert.equal(fs.existsSync(path.dirname(vaultDir)), false, 'the demo directory was removed');
	} finally {
		child.kill('SIGKILL');
		await vault.cleanup();
	}
});
