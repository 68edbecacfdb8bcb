import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
	type BackendName,
	describeBackends,
	oneErrorLine,
	plantedKey,
	type Seeded,
	type TempVault,
	useSeededVault,
} from '../../helpers/cli.js';

// Security row 24: only the chosen account's variables; inherited conflicting ones replaced; exit
// code and signals passed through.
describeBackends('exec', (backend: BackendName) => {
	let vault: TempVault;
	let seeded: Seeded;
	useSeededVault(backend, (fresh) => {
		({vault, seeded} = fresh);
	});

	const show =
		'printf "%s|%s|%s|%s" "$VAPI_API_KEY" "$(printenv VAST_API_KEY || echo unset)" "$AUTHDECK_ACCOUNT" "$KEEP"';
	const inherited = {VAPI_API_KEY: 'inherited-vapi', VAST_API_KEY: 'inherited-vast', KEEP: 'kept'};

	test("the child sees the chosen account's key; conflicting inherited keys are replaced or removed", async () => {
		const current = await vault.ok(['exec', '--', 'sh', '-c', show], {env: inherited});
		assert.equal(current.stdout, `${seeded.clientKey}|unset|client-a|kept`);
		const chosen = await vault.ok(['exec', '--account', 'prod', '--', 'sh', '-c', show], {
			env: inherited,
		});
		assert.equal(chosen.stdout, `${seeded.prodKey}|unset|prod|kept`);
		assert.equal(chosen.stderr, '');
	});

	test('another provider: its variable set, the vapi one removed', async () => {
		const gpuKey = plantedKey('');
		await vault.login(gpuKey, ['--provider', 'vast', '--alias', 'gpu']);
		const result = await vault.ok(
			[
				'exec',
				'--',
				'sh',
				'-c',
				'printf "%s|%s" "$(printenv VAPI_API_KEY || echo unset)" "$VAST_API_KEY"',
			],
			{env: inherited},
		);
		assert.equal(result.stdout, `unset|${gpuKey}`);
	});

	test('the exit code is passed through', async () => {
		for (const code of [0, 1, 7, 255]) {
			const result = await vault.run(['exec', '--', 'sh', '-c', `exit ${code}`]);
			assert.equal(result.code, code);
		}
	});

	test('a child killed by a signal: authdeck dies of the same signal', async () => {
		const result = await vault.run(['exec', '--', 'sh', '-c', 'kill -TERM $$']);
		assert.equal(result.signal, 'SIGTERM', `code ${result.code}, stderr ${result.stderr}`);
	});

	test('SIGTERM and SIGINT sent to authdeck reach the child', async () => {
		for (const [signal, code] of [
			['SIGTERM', 42],
			['SIGINT', 43],
		] as const) {
			const trap = signal.slice(3);
			const child = await vault.spawn([
				'exec',
				'--',
				'sh',
				'-c',
				`trap 'echo got-${trap}; exit ${code}' ${trap}; echo ready $$; while :; do sleep 0.05; done`,
			]);
			child.stdin?.end();
			let stdout = '';
			// authdeck's own exit, not its pipes' close: a child left behind would hold them open.
			const exited = new Promise<number | null>((resolve) => {
				child.on('exit', (exitCode) => resolve(exitCode));
			});
			const closed = new Promise((resolve) => child.on('close', resolve));
			const pid = await new Promise<number>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('the child never said ready')), 20_000);
				child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
					stdout += chunk;
					const ready = /^ready (\d+)\n/.exec(stdout);
					if (ready) {
						clearTimeout(timer);
						resolve(Number(ready[1]));
					}
				});
			});
			try {
				child.kill(signal);
				assert.equal(await exited, code, `${signal}: ${stdout}`);
				await closed;
				assert.equal(stdout, `ready ${pid}\ngot-${trap}\n`);
			} finally {
				// Never left running: a child authdeck did not reach would loop on forever.
				try {
					process.kill(pid, 'SIGKILL');
				} catch {}
			}
		}
	});

	test('a command that cannot run: exit 127 and one line; no command at all: an error', async () => {
		const missing = await vault.run(['exec', '--', 'no-such-command-authdeck']);
		assert.equal(missing.code, 127);
		assert.match(oneErrorLine(missing), /cannot run no-such-command-authdeck: ENOENT/);
		assert.match(oneErrorLine(await vault.run(['exec'])), /missing required argument 'command'/);
	});
});
