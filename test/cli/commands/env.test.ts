import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {test} from 'node:test';
import {
	type BackendName,
	describeBackends,
	oneErrorLine,
	type Seeded,
	type TempVault,
	useSeededVault,
} from '../../helpers/cli.js';

describeBackends('env', (backend: BackendName) => {
	let vault: TempVault;
	let seeded: Seeded;
	useSeededVault(backend, (fresh) => {
		({vault, seeded} = fresh);
	});

	test('without --show: comments with masked values only', async () => {
		const {stdout} = await vault.ok(['env']);
		assert.equal(
			stdout,
			[
				'# AUTHDECK_ACCOUNT=client-a',
				`# VAPI_API_KEY=sk-client_****${seeded.clientKey.slice(-4)}`,
				// The organization under the provider's own name: not a secret, shown as it is.
				'# VAPI_ORG_ID=org_xyz789',
				'# values are masked; to set them run: eval "$(authdeck env --show --account client-a)"',
				'',
			].join('\n'),
		);
		assert.ok(!stdout.includes(seeded.clientKey));
		// Evaluated, it sets nothing.
		const evaluated = execFileSync(
			'bash',
			['--norc', '--noprofile', '-c', `${stdout}\nprintf '%s' "\${VAPI_API_KEY-unset}"`],
			{encoding: 'utf8', env: {PATH: process.env.PATH, HOME: vault.home}},
		);
		assert.equal(evaluated, 'unset');
	});

	test('--show prints exports that bash evaluates to the real key', async () => {
		const {stdout} = await vault.ok(['env', '--show', '--account', 'prod']);
		const evaluated = execFileSync(
			'bash',
			[
				'--norc',
				'--noprofile',
				'-c',
				`eval "$1"; printf '%s|%s' "$VAPI_API_KEY" "$AUTHDECK_ACCOUNT"`,
				'bash',
				stdout,
			],
			{encoding: 'utf8', env: {PATH: process.env.PATH, HOME: vault.home}},
		);
		assert.equal(evaluated, `${seeded.prodKey}|prod`);
	});

	test('--shell fish quotes for fish', async () => {
		const {stdout} = await vault.ok(['env', '--show', '--shell', 'fish']);
		assert.match(stdout, new RegExp(`^set -gx VAPI_API_KEY '${seeded.clientKey}'$`, 'm'));
	});

	test('an unknown --account or shell is an error', async () => {
		assert.match(
			oneErrorLine(await vault.run(['env', '--account', 'ghost'])),
			/no account matches "ghost"/,
		);
		assert.match(
			oneErrorLine(await vault.run(['env', '--shell', 'tcsh'])),
			/argument 'tcsh' is invalid/,
		);
	});
});
