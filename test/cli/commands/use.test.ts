import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {describe, test} from 'node:test';
import {oneErrorLine, type Seeded, type TempVault, useSeededVault} from '../../helpers/cli.js';
import {spawnDeck} from '../../helpers/pty.js';
import {authdeckOnPath} from '../../helpers/shell-path.js';

describe('use and shell', () => {
	let vault: TempVault;
	let seeded: Seeded;
	let env: NodeJS.ProcessEnv;
	useSeededVault('file', (fresh) => {
		({vault, seeded} = fresh);
	});

	const withPath = async () => {
		env = {...vault.env, PATH: await authdeckOnPath(vault.home)};
	};

	const bash = (script: string, extra: NodeJS.ProcessEnv = {}) =>
		execFileSync('bash', ['--norc', '--noprofile', '-c', script], {
			encoding: 'utf8',
			env: {...env, SHELL: '/bin/bash', ...extra},
		});

	test('bash: eval "$(authdeck use prod)" sets the account for this shell only', async () => {
		await withPath();
		const output = bash(
			'eval "$(authdeck use prod)"; printf "%s|%s|%s|" "$AUTHDECK_ACCOUNT" "$VAPI_API_KEY" "$(authdeck prompt)"; authdeck whoami --json',
		);
		const [account, key, prompt, whoami] = output.split('|');
		assert.deepEqual([account, key, prompt], ['prod', seeded.prodKey, 'prod@vapi ⚠']);
		assert.equal(JSON.parse(whoami ?? '').account.alias, 'prod');
		// Nothing global changed: another shell, and the vault, still have client-a.
		assert.equal(bash('authdeck prompt'), 'client-a@vapi');
		assert.equal(vault.read().current, seeded.client.id);
	});

	test('zsh and fish, by --shell or from $SHELL; --off undoes it', async () => {
		await withPath();
		const zsh = execFileSync(
			'zsh',
			['-f', '-c', 'eval "$(authdeck use prod)"; print -rn -- "$AUTHDECK_ACCOUNT|$VAPI_API_KEY"'],
			{encoding: 'utf8', env: {...env, SHELL: '/usr/bin/zsh'}},
		);
		assert.equal(zsh, `prod|${seeded.prodKey}`);
		const fish = execFileSync(
			'fish',
			[
				'--no-config',
				'-c',
				'authdeck use prod | source; echo -n "$AUTHDECK_ACCOUNT|$VAPI_API_KEY|"; authdeck use --off | source; echo -n "[$AUTHDECK_ACCOUNT$VAPI_API_KEY]"',
			],
			{encoding: 'utf8', env: {...env, SHELL: '/usr/bin/fish'}},
		);
		assert.equal(fish, `prod|${seeded.prodKey}|[]`);
		const powershell = await vault.ok(['use', 'prod', '--shell', 'powershell']);
		assert.match(powershell.stdout, /^\$env:AUTHDECK_ACCOUNT = 'prod'$/m);
		const off = bash(
			`eval "$(authdeck use prod)"; eval "$(authdeck use --off)"; echo "[\${AUTHDECK_ACCOUNT-unset}\${VAPI_API_KEY-unset}]"`,
		);
		assert.equal(off, '[unsetunset]\n');
	});

	test('--no-key sets only AUTHDECK_ACCOUNT; an unknown account is one error line', async () => {
		const {stdout} = await vault.ok(['use', 'prod', '--no-key', '--shell', 'bash']);
		assert.equal(stdout, "export AUTHDECK_ACCOUNT='prod'\n");
		assert.match(oneErrorLine(await vault.run(['use', 'ghost'])), /no account matches "ghost"/);
	});

	test('shell: a subshell with the account, its exit code passed on', async () => {
		await withPath();
		const result = spawnSync(
			'authdeck',
			[
				'shell',
				'prod',
				'--',
				'-c',
				'printf "%s|%s|%s" "$AUTHDECK_ACCOUNT" "$AUTHDECK_SHELL" "$(authdeck prompt)"; exit 7',
			],
			{encoding: 'utf8', env: {...env, SHELL: '/bin/bash', VAST_API_KEY: 'inherited'}},
		);
		assert.equal(result.status, 7);
		assert.equal(result.stdout, 'prod|prod|prod@vapi ⚠');
		assert.equal(vault.read().current, seeded.client.id);
	});

	test('shell refuses to nest', async () => {
		await withPath();
		const result = spawnSync(
			'authdeck',
			['shell', 'prod', '--', '-c', 'authdeck shell client-a -- -c "echo nested"'],
			{
				encoding: 'utf8',
				env: {...env, SHELL: '/bin/bash'},
			},
		);
		assert.equal(result.status, 1);
		assert.equal(result.stdout, '');
		assert.match(
			result.stderr,
			/^authdeck: already in an authdeck shell for prod; type exit to leave it first\n$/,
		);
	});

	test('use on a terminal prints no key: it says how to eval it', async () => {
		const terminal = spawnDeck({
			env: {...vault.env, SHELL: '/usr/bin/fish'},
			args: ['use', 'prod'],
		});
		const exit = await terminal.waitForExit();
		assert.equal(exit.exitCode, 2);
		assert.match(
			terminal.screenText(),
			/authdeck: use prints shell code for your shell to run: authdeck use prod \| source/,
		);
		assert.ok(!terminal.raw().includes(seeded.prodKey));
	});
});
